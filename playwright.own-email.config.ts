import "./e2e/support/own-email-ports.ts";
import path from "node:path";
import { defineConfig } from "@playwright/test";
import { E2E } from "./e2e/support/addresses.ts";
import main, { appEnv, appServer, emulatorServer } from "./playwright.config.ts";

// Our own email (`npm test` runs it after the main suite, which keeps Auth0's email because many of its specs
// read Auth0's mails): the emulator with its SMTP sink, and a second `next start` of the same build with
// SMTP_URL pointed at the sink, on ports of their own (e2e/support/own-email-ports.ts) and their own store.
export default defineConfig({
  ...main,
  testDir: "./e2e/own-email",
  testMatch: "*.own-email.ts",
  projects: undefined,
  webServer: [
    { ...emulatorServer, env: { ...emulatorServer.env, EMULATOR_SMTP_PORT: String(E2E.smtpPort) } },
    {
      ...appServer,
      env: { ...appEnv, SMTP_URL: E2E.smtpUrl, EMAIL_FROM: "Org Inviter <invitations@inviter.test>", DATA_DIR: path.resolve(".data/e2e-own-email-pglite") },
    },
  ],
});
