// `npm run demo`: the emulator (seeded demo tenant) and the app on its embedded store, ready to sign in.
import { spawn, spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { appEnvForEmulator } from "../e2e/auth0-emulator/app-env.ts";
import { readEmulatorConfig } from "../e2e/auth0-emulator/config.ts";
import { startEmulator } from "../e2e/auth0-emulator/main.ts";

const port = Number(process.env.PORT ?? 3000);
const appUrl = `http://127.0.0.1:${port}`;
const baseEnv = { ...process.env, NEXT_TELEMETRY_DISABLED: "1" };

if (!existsSync(".next/BUILD_ID") || process.argv.includes("--rebuild")) {
  console.log("Building the app (first run only)…");
  const build = spawnSync("node_modules/.bin/next", ["build"], { stdio: "inherit", env: baseEnv });
  if (build.status !== 0) process.exit(build.status ?? 1);
}

const emulator = await startEmulator({ ...readEmulatorConfig(), appUrl });
const app = spawn("node_modules/.bin/next", ["start", "-H", "127.0.0.1", "-p", String(port)], {
  stdio: ["ignore", "inherit", "inherit"],
  env: { ...baseEnv, ...appEnvForEmulator(emulator.context.config, emulator.certPath, randomBytes(32).toString("base64")) },
});

console.log(`
Org Inviter demo
  App:            ${appUrl}   <- open this
  Auth0 emulator: ${emulator.signInUrl} (sign-in), ${emulator.apiUrl}api/v2/ (Management API)
  Mailbox:        ${emulator.mailboxUrl}   <- invitation emails land here
  Store:          embedded PostgreSQL in .data/pglite

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
