// The emulator's settings, from its own environment variables (never the app's).
import path from "node:path";
import { BUCKET_NAMES, isBucketName, type RateLimitSettings } from "./management/buckets.ts";
import type { RateLimit } from "./management/rate-limit.ts";

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
  /** The Management API's token buckets; each off (effectively unlimited) unless set. */
  rateLimits: RateLimitSettings;
  /** Added to every request on the Management API server before it is answered, as a network round trip would. */
  latencyMs: number;
  /** Seeds probabilistic faults that name no seed of their own, so a benchmark run can be repeated exactly. */
  faultSeed?: number;
  /**
   * How long an expired invitation stays listed before the clock control deletes it. Auth0 says only that expired
   * invitations are "marked as expired and eventually deleted" (invite-members.mdx); one day by default.
   */
  expiredInvitationGraceSeconds: number;
  /** Made-up organizations added to the seed, for load (EMULATOR_SEED_ORGS); 0 by default. */
  seedOrganizations: number;
  /** The SMTP sink's port (EMULATOR_SMTP_PORT), for the app's own email; unset, no sink listens. */
  smtpPort?: number;
};

const RATE = /^(\d+):(\d+(?:\.\d+)?)$/;

/** "burst:perSecond", e.g. "50:16"; undefined when malformed or zero. */
function parseRate(text: string): RateLimit | undefined {
  const match = text.match(RATE);
  const limit = match && { burst: Number(match[1]), perSecond: Number(match[2]) };
  return limit && limit.burst >= 1 && limit.perSecond > 0 ? limit : undefined;
}

/**
 * EMULATOR_RATE_LIMITS="invitation-writes=20:3.33,invitation-reads=20:3.33,general=50:16" (any subset; "off" turns
 * one off) and the older EMULATOR_RATE_LIMIT="burst:perSecond", the general bucket.
 */
function readRateLimits(env: NodeJS.ProcessEnv): RateLimitSettings {
  const settings: RateLimitSettings = { "invitation-writes": undefined, "invitation-reads": undefined, general: undefined };
  if (env.EMULATOR_RATE_LIMIT) {
    settings.general = parseRate(env.EMULATOR_RATE_LIMIT);
    if (!settings.general) {
      throw new Error(`EMULATOR_RATE_LIMIT must look like "burst:perSecond" (e.g. "50:16"), got "${env.EMULATOR_RATE_LIMIT}"`);
    }
  }
  for (const entry of (env.EMULATOR_RATE_LIMITS ?? "").split(",").filter((e) => e.trim())) {
    const [name = "", rate = ""] = entry.trim().split("=");
    const limit = rate === "off" ? undefined : parseRate(rate);
    if (!isBucketName(name) || (rate !== "off" && !limit)) {
      throw new Error(
        `EMULATOR_RATE_LIMITS entries look like "bucket=burst:perSecond" or "bucket=off", bucket one of ${BUCKET_NAMES.join(", ")}; got "${entry}"`,
      );
    }
    if (name === "general" && env.EMULATOR_RATE_LIMIT) {
      throw new Error("EMULATOR_RATE_LIMIT and EMULATOR_RATE_LIMITS both set the general bucket: keep one");
    }
    settings[name] = limit;
  }
  return settings;
}

function wholeNumber(env: NodeJS.ProcessEnv, name: string, fallback?: string): number | undefined {
  const value = env[name] ?? fallback;
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value)) throw new Error(`${name} must be a whole number, got "${value}"`);
  return Number(value);
}

export function readEmulatorConfig(env: NodeJS.ProcessEnv = process.env): EmulatorConfig {
  return {
    host: env.EMULATOR_HOST ?? "127.0.0.1",
    signInPort: Number(env.EMULATOR_SIGNIN_PORT ?? 8080),
    apiPort: Number(env.EMULATOR_API_PORT ?? 8443),
    appUrl: env.APP_URL ?? "http://127.0.0.1:3000",
    dataDir: path.resolve(env.EMULATOR_DATA_DIR ?? ".emulator"),
    rateLimits: readRateLimits(env),
    latencyMs: wholeNumber(env, "EMULATOR_LATENCY_MS", "0")!,
    faultSeed: wholeNumber(env, "EMULATOR_FAULT_SEED"),
    expiredInvitationGraceSeconds: wholeNumber(env, "EMULATOR_EXPIRED_INVITATION_GRACE_SECONDS", "86400")!,
    seedOrganizations: wholeNumber(env, "EMULATOR_SEED_ORGS", "0")!,
    smtpPort: wholeNumber(env, "EMULATOR_SMTP_PORT"),
  };
}
