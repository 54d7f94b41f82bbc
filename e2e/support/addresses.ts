import path from "node:path";

// Ports of the end-to-end run, apart from the demo's (3000, 8080, 8443) so both can run at once.
const appPort = 3100;
export const E2E = {
  appPort,
  appUrl: `http://127.0.0.1:${appPort}`,
  emulator: { host: "127.0.0.1", signInPort: 9080, apiPort: 9443, appUrl: `http://127.0.0.1:${appPort}` },
  signInUrl: "http://127.0.0.1:9080",
  apiUrl: "https://127.0.0.1:9443",
  certPath: path.resolve(".emulator/cert.pem"),
  dataDir: path.resolve(".data/e2e-pglite"),
};
