import path from "node:path";

// Ports of the end-to-end run, apart from the demo's (3000, 8080, 8443) so both can run at once.
// E2E_PORT_OFFSET moves all three, so two checkouts can run their suites side by side (500 works;
// avoid offsets that land on ports browsers refuse, such as 10080).
const offset = Number(process.env.E2E_PORT_OFFSET ?? 0);
const appPort = 3100 + offset;
const signInPort = 9080 + offset;
const apiPort = 9443 + offset;
/** The emulator's SMTP sink, for the own-email run (playwright.own-email.config.ts). */
const smtpPort = 9025 + offset;
export const E2E = {
  appPort,
  appUrl: `http://127.0.0.1:${appPort}`,
  emulator: { host: "127.0.0.1", signInPort, apiPort, appUrl: `http://127.0.0.1:${appPort}` },
  signInUrl: `http://127.0.0.1:${signInPort}`,
  apiUrl: `https://127.0.0.1:${apiPort}`,
  smtpPort,
  smtpUrl: `smtp://127.0.0.1:${smtpPort}`,
  certPath: path.resolve(".emulator/cert.pem"),
  dataDir: path.resolve(".data/e2e-pglite"),
};
