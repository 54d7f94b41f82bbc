// Issue 9 §7: the standalone server, laid out as the container image lays it out (scripts/assemble-standalone.sh)
// in a folder outside the checkout, so nothing resolves from the checkout's node_modules, on the embedded
// store as the image's default: health, readiness, sign-in and an invitation, structured logs without
// secrets, and a clean stop on SIGTERM.
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { ADMIN_APP, ADMIN_M2M } from "../auth0-emulator/app-env.ts";
import { E2E } from "../support/addresses.ts";
import { emulator } from "../support/emulator.ts";
import { InviteFormPage } from "../support/invitation-pages.ts";
import { ids, signIn } from "../support/personas.ts";
import { expect, test } from "../support/test.ts";
import { appEnv, AppServer, SECRET } from "./servers.ts";

let folder: string;
let server: AppServer;

test.beforeAll(async () => {
  folder = mkdtempSync(path.join(tmpdir(), "inviter-standalone-"));
  execFileSync("bash", ["scripts/assemble-standalone.sh", folder], { stdio: "inherit" });
  await emulator.reset();
  server = AppServer.start("standalone", ["node", "server.js"], { cwd: folder, port: E2E.appPort, env: appEnv({}) });
  await server.waitFor("/api/health");
});

test.afterAll(async () => {
  await server?.stop();
  if (folder) rmSync(folder, { recursive: true, force: true });
});

test("the standalone server is live and ready, and says nothing of its configuration", async () => {
  const health = await fetch(`${server.url}/api/health`);
  expect(health.status).toBe(200);
  expect(await health.json()).toEqual({ status: "ok" });
  const ready = await server.waitFor("/api/ready");
  expect(await ready.json()).toEqual({ status: "ready" });
});

test("alice signs in and invites through the standalone server, which logs the action and stops cleanly", async ({ page }) => {
  await signIn(page, "alice");
  const form = new InviteFormPage(page);
  await form.open(ids.acme);
  await form.fill({ emails: "standalone@example.test", roles: ["Member"] });
  await form.submit();
  await expect(form.results).toContainText("Invited 1 of 1 address.");
  expect((await emulator.state()).invitations.map((i) => i.invitee.email)).toEqual(["standalone@example.test"]);

  const action = server.json().find((line) => line.msg === "action" && line.action === "invite");
  expect(action).toMatchObject({
    level: 30,
    requestId: expect.any(String),
    actor: expect.stringContaining("|"),
    organization: ids.acme,
    outcome: "ok",
    durationMs: expect.any(Number),
  });

  expect(await server.stop()).toBe(0);
  expect(server.json().map((line) => line.msg)).toEqual(expect.arrayContaining(["started", "stopping", "stopped"]));
  const everything = server.lines.join("\n");
  for (const secret of [SECRET, ADMIN_APP.client_secret, ADMIN_M2M.client_secret]) expect(everything).not.toContain(secret);
});
