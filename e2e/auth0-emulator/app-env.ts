// The app's environment when it runs against this emulator: the same variables a real tenant needs,
// pointed at the emulator's addresses and the seeded clients. Used by `npm run demo` and Playwright.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { EmulatorConfig } from "./config.ts";

type Seed = { clients: { client_id: string; client_secret: string; app_type: string; name: string }[] };
const seed: Seed = JSON.parse(readFileSync(fileURLToPath(new URL("./seed.json", import.meta.url)), "utf8"));

export const ADMIN_APP = seed.clients.find((c) => c.name === "Org Inviter Admin")!;
export const ADMIN_M2M = seed.clients.find((c) => c.name === "Org Inviter Admin (Management API)")!;
export const READ_ONLY_M2M = seed.clients.find((c) => c.name === "Read-only Management client")!;

export function appEnvForEmulator(
  emulator: Pick<EmulatorConfig, "host" | "signInPort" | "apiPort" | "appUrl">,
  certPath: string,
  secret: string,
): Record<string, string> {
  return {
    NEXTAUTH_URL: emulator.appUrl,
    NEXTAUTH_SECRET: secret,
    AUTH0_ISSUER_BASE_URL: `http://${emulator.host}:${emulator.signInPort}`,
    AUTH0_CLIENT_ID: ADMIN_APP.client_id,
    AUTH0_CLIENT_SECRET: ADMIN_APP.client_secret,
    AUTH0_MANAGEMENT_DOMAIN: `${emulator.host}:${emulator.apiPort}`,
    AUTH0_MANAGEMENT_CLIENT_ID: ADMIN_M2M.client_id,
    AUTH0_MANAGEMENT_CLIENT_SECRET: ADMIN_M2M.client_secret,
    NODE_EXTRA_CA_CERTS: certPath,
  };
}
