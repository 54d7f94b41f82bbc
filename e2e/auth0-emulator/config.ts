// The emulator's settings, from its own environment variables (never the app's).
import path from "node:path";

export type EmulatorConfig = {
  host: string;
  /** Browser-facing sign-in (OIDC), plain http on loopback: no certificate warning. */
  signInPort: number;
  /** Management API and client-credentials tokens, https (the `auth0` SDK insists). */
  apiPort: number;
  /** Where the admin app runs; fills the seeded clients' callback and login URLs. */
  appUrl: string;
  /** Folder for the generated certificate (git-ignored). */
  dataDir: string;
  /** Token bucket for the Management API, e.g. "50:16" (burst:per-second); off when unset. */
  rateLimit?: { burst: number; perSecond: number };
  /**
   * How long an expired invitation stays listed before the clock control deletes it. Auth0 says only that expired
   * invitations are "marked as expired and eventually deleted" (invite-members.mdx); one day by default.
   */
  expiredInvitationGraceSeconds: number;
  /** Made-up organizations added to the seed, for load (EMULATOR_SEED_ORGS); 0 by default. */
  seedOrganizations: number;
};

export function readEmulatorConfig(env: NodeJS.ProcessEnv = process.env): EmulatorConfig {
  const rateLimit = env.EMULATOR_RATE_LIMIT?.match(/^(\d+):(\d+(?:\.\d+)?)$/);
  if (env.EMULATOR_RATE_LIMIT && !rateLimit) {
    throw new Error(`EMULATOR_RATE_LIMIT must look like "burst:perSecond" (e.g. "50:16"), got "${env.EMULATOR_RATE_LIMIT}"`);
  }
  const grace = env.EMULATOR_EXPIRED_INVITATION_GRACE_SECONDS ?? "86400";
  if (!/^\d+$/.test(grace)) {
    throw new Error(`EMULATOR_EXPIRED_INVITATION_GRACE_SECONDS must be a whole number of seconds, got "${grace}"`);
  }
  const seedOrganizations = env.EMULATOR_SEED_ORGS ?? "0";
  if (!/^\d+$/.test(seedOrganizations)) {
    throw new Error(`EMULATOR_SEED_ORGS must be a whole number of organizations, got "${seedOrganizations}"`);
  }
  return {
    host: env.EMULATOR_HOST ?? "127.0.0.1",
    signInPort: Number(env.EMULATOR_SIGNIN_PORT ?? 8080),
    apiPort: Number(env.EMULATOR_API_PORT ?? 8443),
    appUrl: env.APP_URL ?? "http://127.0.0.1:3000",
    dataDir: path.resolve(env.EMULATOR_DATA_DIR ?? ".emulator"),
    rateLimit: rateLimit ? { burst: Number(rateLimit[1]), perSecond: Number(rateLimit[2]) } : undefined,
    expiredInvitationGraceSeconds: Number(grace),
    seedOrganizations: Number(seedOrganizations),
  };
}
