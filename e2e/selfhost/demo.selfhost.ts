// Issue 16 §7: `npm run demo` runs the standalone server the project ships, on its embedded store, and says
// nothing alarming on the way: no warning from Next, the app, npm's scripts or the emulator. Its ports and
// store folder are moved off the suite's, which share this run.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { E2E } from "../support/addresses.ts";
import { submitLoginPage } from "../support/personas.ts";
import { expect, test } from "../support/test.ts";
import { AppServer } from "./servers.ts";

const port = E2E.appPort + 50;
const signInPort = E2E.emulator.signInPort + 50;
const apiPort = E2E.emulator.apiPort + 50;
const smtpPort = E2E.smtpPort + 50;
// Next's warnings start with "⚠"; the app's (pino) are JSON at level 40 and above.
const ALARMING = /warn|⚠|deprecat|"level":(4|5|6)\d/i;

let dataDir: string;
let demo: AppServer;

test.beforeAll(async () => {
  dataDir = mkdtempSync(path.join(tmpdir(), "inviter-demo-"));
  const { PATH, HOME, TMPDIR } = process.env;
  demo = AppServer.start("demo", ["node_modules/.bin/tsx", "scripts/demo.ts"], {
    cwd: process.cwd(),
    port,
    env: { PATH, HOME, TMPDIR, NODE_ENV: "production", DATA_DIR: dataDir, EMULATOR_SIGNIN_PORT: String(signInPort), EMULATOR_API_PORT: String(apiPort), EMULATOR_SMTP_PORT: String(smtpPort) },
  });
  await demo.waitFor("/api/ready");
});

test.afterAll(async () => {
  await demo?.stop();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

test("the demo runs the standalone server on its embedded store, alice signs in, and nothing alarming is printed", async ({ browser }) => {
  const page = await browser.newPage({ baseURL: demo.url });
  await page.goto("/login");
  await submitLoginPage(page, "alice@acme.test");
  await page.waitForURL((url) => url.port === String(port) && url.pathname === "/");
  await expect(page.getByRole("link", { name: /Acme Corp/ }).first()).toBeVisible();
  await page.close();

  expect(demo.lines.join("\n")).toContain(`Store:          embedded PostgreSQL in ${dataDir}`);
  expect(demo.lines.filter((line) => ALARMING.test(line))).toEqual([]);
  expect(await demo.stop()).toBe(0);
});
