// The own-email run (playwright.own-email.config.ts) starts its own emulator and app, 70 ports above the main
// suite's (and 20 above the demo check's, e2e/selfhost/demo.selfhost.ts), so that they can run at once.
// Imported before anything reads e2e/support/addresses.ts; the runner shifts the offset once, and its workers
// inherit the shifted environment.
if (!process.env.E2E_OWN_EMAIL) {
  process.env.E2E_OWN_EMAIL = "1";
  process.env.E2E_PORT_OFFSET = String(Number(process.env.E2E_PORT_OFFSET ?? 0) + 70);
}
