import { defineConfig } from "@playwright/test";
import { appEnvForEmulator } from "./e2e/auth0-emulator/app-env.ts";
import { E2E } from "./e2e/support/addresses.ts";
import { APP_LIMITS } from "./e2e/support/app-limits.ts";

// Three processes: the Auth0 emulator, and the built app (`next build` first; `npm test` does it) on the
// embedded store, or on PostgreSQL when E2E_DATABASE_URL is set.
export const appEnv = {
  ...process.env,
  NEXT_TELEMETRY_DISABLED: "1",
  ...appEnvForEmulator(E2E.emulator, E2E.certPath, "e2e-secret-e2e-secret-e2e-secret-0000"),
  DATA_DIR: E2E.dataDir,
  // Tests count the Management API calls they cause; a background read of the tenant logs, or a ledger
  // refresh asked for by a page that found the ledger old, at a random moment would be counted too. So
  // neither runs by itself: a test that needs what Auth0 knows presses "Refresh from Auth0" and waits for the
  // page to update itself. The reader's schedule and the threshold have vitest tests.
  LOG_READ_INTERVAL_SECONDS: "0",
  LEDGER_REFRESH_AFTER_SECONDS: "0",
  // Likewise the organization directory: no refresh on a schedule. The finder's first search asks the
  // background to fill it (one call for the seeded tenant), and the finder's page object waits for that.
  DIRECTORY_REFRESH_INTERVAL_SECONDS: "0",
  // Webhooks: invitation.created goes to a port where nothing listens (the discard port), so each delivery is
  // given up on within seconds and the delivery log shows it (e2e/webhook-log.spec.ts). Internal on purpose.
  WEBHOOK_ENDPOINTS: JSON.stringify([{ url: "http://127.0.0.1:9/hooks", secret: "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", events: ["invitation.created"] }]),
  WEBHOOK_ALLOW_PRIVATE: "true",
  WEBHOOK_RETRY_BASE_SECONDS: "1",
  WEBHOOK_GIVE_UP_HOURS: "0.001",
  ...Object.fromEntries(Object.entries(APP_LIMITS).map(([name, value]) => [name, String(value)])),
  ...(process.env.E2E_DATABASE_URL ? { DATABASE_URL: process.env.E2E_DATABASE_URL } : {}),
};

/** The Auth0 emulator at the suite's addresses; the self-hosting checks start it too. */
export const emulatorServer = {
  command: "node_modules/.bin/tsx e2e/auth0-emulator/main.ts",
  url: `${E2E.signInUrl}/.well-known/openid-configuration`,
  env: {
    ...process.env,
    EMULATOR_SIGNIN_PORT: String(E2E.emulator.signInPort),
    EMULATOR_API_PORT: String(E2E.emulator.apiPort),
    APP_URL: E2E.appUrl,
  } as Record<string, string>,
  reuseExistingServer: false,
  stdout: "pipe" as const,
};

/** The built app at the suite's address (`next build` first). */
export const appServer = {
  command: `node_modules/.bin/next start -H 127.0.0.1 -p ${E2E.appPort}`,
  url: `${E2E.appUrl}/api/auth/providers`,
  env: appEnv as Record<string, string>,
  reuseExistingServer: false,
  timeout: 60_000,
};

export default defineConfig({
  testDir: "./e2e",
  testMatch: "**/*.spec.ts",
  workers: 1,
  fullyParallel: false,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: process.env.CI ? [["list"]] : [["list"], ["html", { open: "never" }]],
  use: {
    baseURL: E2E.appUrl,
    trace: "retain-on-failure",
    launchOptions: {
      executablePath: "/usr/bin/chromium",
      args: [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
      ],
    },
  },
  projects: [
    { name: "setup", testMatch: "setup/*.setup.ts" },
    { name: "chromium", dependencies: ["setup"] },
  ],
  webServer: [
    emulatorServer,
    appServer,
  ],
});
