import { defineConfig } from "@playwright/test";
import main, { emulatorServer } from "./playwright.config.ts";

// The self-hosting checks (`npm test` runs them after the main suite): the standalone server as the
// container runs it, and two instances on one PostgreSQL server behind one address. Each check starts and
// stops its own app servers (e2e/selfhost/servers.ts) at E2E.appUrl, the address the emulator's seeded
// clients send sign-ins back to; only the emulator is started here.
export default defineConfig({
  ...main,
  testDir: "./e2e/selfhost",
  testMatch: "*.selfhost.ts",
  projects: undefined,
  timeout: 180_000,
  webServer: [emulatorServer],
});
