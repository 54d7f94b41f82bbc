// Issue 9 §1: two instances on one PostgreSQL server behind one address (a reverse proxy set up as the
// README says). They start at the same moment on a fresh database, so both run the start-up migrations
// at once (under the lock). Alice signs in through one and invites through the other; the invitation and
// its audit row are seen through both, and each instance logs with the proxy's request id.
import { freshServerDatabase } from "../../lib/testing/server-database.ts";
import { E2E } from "../support/addresses.ts";
import { emulator } from "../support/emulator.ts";
import { ActivityPage } from "../support/activity-page.ts";
import { InvitationsListPage, InviteFormPage } from "../support/invitation-pages.ts";
import { ids, signIn } from "../support/personas.ts";
import { expect, test } from "../support/test.ts";
import { appEnv, AppServer, SELFHOST_PORT, startProxy } from "./servers.ts";

const NO_SERVER = "no PostgreSQL server answered (TEST_DATABASE_URL, default 127.0.0.1:5432).";
let databaseUrl: string | undefined;
const servers: AppServer[] = [];
let proxy: Awaited<ReturnType<typeof startProxy>> | undefined;

test.beforeAll(async () => {
  databaseUrl = await freshServerDatabase("inviter_instances");
  if (!databaseUrl) {
    if (process.env.CI) throw new Error(`CI must run the two-instance check, and ${NO_SERVER}`);
    console.log(`Skipping the two-instance check: ${NO_SERVER}`);
    return;
  }
  await emulator.reset();
  const env = appEnv({ DATABASE_URL: databaseUrl });
  for (const [name, port] of [["a", SELFHOST_PORT + 1], ["b", SELFHOST_PORT + 2]] as const) {
    servers.push(AppServer.start(name, ["node_modules/.bin/next", "start", "-H", "127.0.0.1", "-p", String(port)], { cwd: process.cwd(), port, env }));
  }
  await Promise.all(servers.map((server) => server.waitFor("/api/ready")));
  proxy = await startProxy(E2E.appPort, Object.fromEntries(servers.map((server) => [server.name, server.url])));
});

test.afterAll(async () => {
  await proxy?.close();
  for (const server of servers) await server.stop();
});

test("an invitation made through one instance is seen, with its audit row, through both", async ({ browser }) => {
  test.skip(!databaseUrl, NO_SERVER);
  const through = async (instance: "a" | "b") => {
    const context = await browser.newContext({ extraHTTPHeaders: { "x-e2e-instance": instance } });
    return { context, page: await context.newPage() };
  };

  const a = await through("a");
  await signIn(a.page, "alice");
  const cookies = await a.context.cookies();
  const b = await through("b");
  await b.context.addCookies(cookies);

  const form = new InviteFormPage(b.page);
  await form.open(ids.acme);
  await form.fill({ emails: "two-instances@example.test", roles: ["Member"] });
  await form.submit();
  await expect(form.results).toContainText("Invited 1 of 1 address.");
  expect((await emulator.state()).invitations.map((i) => i.invitee.email)).toEqual(["two-instances@example.test"]);

  for (const { page } of [a, b]) {
    const list = new InvitationsListPage(page);
    const response = await page.goto(`/orgs/${ids.acme}/invitations`);
    expect(response?.headers()["x-e2e-served-by"]).toBe(page === a.page ? "a" : "b");
    await expect(list.row("two-instances@example.test")).toBeVisible();
    const activity = new ActivityPage(page);
    await activity.open(ids.acme);
    await expect(activity.rowsWith("two-instances@example.test")).toContainText("Alice Admin invited two-instances@example.test — created");
  }
  await a.context.close();
  await b.context.close();

  const [serverA, serverB] = servers;
  const invited = serverB!.json().find((line) => line.msg === "action" && line.action === "invite");
  expect(invited).toMatchObject({ outcome: "ok", organization: ids.acme });
  expect(proxy!.requestIds.get("b")).toContain(invited!.requestId);
  expect(serverA!.json().some((line) => line.msg === "action" && line.action === "invite")).toBe(false);

  for (const server of servers.splice(0)) expect(await server.stop(), `${server.name} exits 0 on SIGTERM`).toBe(0);
});
