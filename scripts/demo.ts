// `npm run demo`: the emulator (seeded demo tenant) and the app on its embedded store, ready to sign in.
import { spawn, spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import path from "node:path";
import { appEnvForEmulator } from "../e2e/auth0-emulator/app-env.ts";
import { readEmulatorConfig } from "../e2e/auth0-emulator/config.ts";
import { startEmulator } from "../e2e/auth0-emulator/main.ts";

const port = Number(process.env.PORT ?? 3000);
const appUrl = `http://127.0.0.1:${port}`;
const baseEnv = { ...process.env, NEXT_TELEMETRY_DISABLED: "1" };

if (!existsSync(".next/BUILD_ID") || process.argv.includes("--rebuild")) {
  console.log("Building the app (first run only; `npm test` type-checks, so this build does not)…");
  const build = spawnSync("node_modules/.bin/next", ["build"], { stdio: "inherit", env: { ...baseEnv, BUILD_WITHOUT_TYPECHECK: "1" } });
  if (build.status !== 0) process.exit(build.status ?? 1);
}

// The server the project ships (README, "The standalone server"), laid out as the container image lays it out.
const serverDir = path.resolve(".next/demo-server");
const dataDir = path.resolve(process.env.DATA_DIR ?? ".data/pglite");
const assemble = spawnSync("bash", ["scripts/assemble-standalone.sh", serverDir], { stdio: "inherit" });
if (assemble.status !== 0) process.exit(assemble.status ?? 1);

// Our own email is on in the demo: the app sends invitation emails through the emulator's SMTP sink
// (EMULATOR_SMTP_PORT, default 2525), and they land in the same mailbox as Auth0's, marked as the app's.
const emulatorConfig = readEmulatorConfig();
const emulator = await startEmulator({ ...emulatorConfig, appUrl, smtpPort: emulatorConfig.smtpPort ?? 2525 });
const appEnv = appEnvForEmulator(emulator.context.config, path.resolve(emulator.certPath), randomBytes(32).toString("base64"));
// The standalone server works in its own folder: the store's folder is named from here.
const app = spawn(process.execPath, ["server.js"], {
  cwd: serverDir,
  stdio: ["ignore", "inherit", "inherit"],
  env: {
    ...baseEnv,
    ...appEnv,
    NODE_ENV: "production",
    HOSTNAME: "127.0.0.1",
    PORT: String(port),
    DATA_DIR: dataDir,
    SMTP_URL: emulator.smtpUrl!,
    EMAIL_FROM: "Org Inviter demo <invitations@inviter.test>",
    // SIGTERM is the app's own (instrumentation.ts), so bulk jobs and the store are released before it exits.
    NEXT_MANUAL_SIG_HANDLE: "true",
  },
});

console.log(`
Org Inviter demo
  App:            ${appUrl}   <- open this
  Auth0 emulator: ${emulator.signInUrl} (sign-in), ${emulator.apiUrl}api/v2/ (Management API)
  Mailbox:        ${emulator.mailboxUrl}   <- invitation emails land here (sent by the app, through ${emulator.smtpUrl})
  Store:          embedded PostgreSQL in ${dataDir.startsWith(process.cwd() + path.sep) ? path.relative(process.cwd(), dataDir) : dataDir}

Demo personas (password: demo-password)
  alice@acme.test     Org Admin of Acme Corp
  ivan@acme.test      Inviter at Acme Corp (cannot hand out Org Admin)
  bob@acme.test       Member of Acme Corp (may not invite)
  carol@globex.test   Org Admin of Globex
  dave@multi.test     Member of Acme Corp, Org Admin of Globex
  sam@support.test    Support staff (invites on behalf of any organization, with a reason)
  eve@outside.test    No organization at all
  audrey@support.test Support Auditor (reads support activity, acts for no one)

Press Ctrl+C to stop.`);

const stop = () => {
  app.kill("SIGTERM");
  void emulator.close().then(() => process.exit(0));
};
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
app.on("exit", (code) => {
  void emulator.close().then(() => process.exit(code ?? 0));
});
