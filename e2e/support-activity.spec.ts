// Support activity: what support staff did across organizations, for support staff and auditors, with its
// filters in the URL and its CSV. The trail outlives emulator resets and is shared by every spec, so each
// test counts only rows carrying its own random reason or address, or counts before and after.
import { randomBytes } from "node:crypto";
import { request as playwrightRequest } from "@playwright/test";
import { SupportDesk } from "./support/support-desk.ts";
import { ActivityPage, parseCsv } from "./support/activity-page.ts";
import { E2E } from "./support/addresses.ts";
import { emulator } from "./support/emulator.ts";
import { InviteFormPage } from "./support/invitation-pages.ts";
import { ids, personas } from "./support/personas.ts";
import { expect, test } from "./support/test.ts";

test.beforeEach(async () => {
  await emulator.reset();
});

const unique = () => randomBytes(4).toString("hex");
const today = () => new Date().toISOString().slice(0, 10);

test("what sam does for Globex and Initech shows by reason, agent and organization, kept in the URL, and in the CSV", async ({ freshSession }) => {
  test.budget({ signIns: 1, pages: 14 });
  const suffix = unique();
  const reason = `TICKET-${suffix} onboarding`;
  const invitee = `support-activity-${suffix}@example.test`;
  // A sign-in of his own: what sam acts for holds per session, and the saved session may act for Globex already.
  const sam = await freshSession("sam");
  await new SupportDesk(sam).actFor(ids.globex, "Globex", reason, `/orgs/${ids.globex}/invitations/new`);
  const form = new InviteFormPage(sam);
  await form.fill({ emails: invitee, roles: ["Member"] });
  await form.submit();
  await expect(form.results).toContainText("Invited 1 of 1 address.");
  await new SupportDesk(sam).actFor(ids.initech, "Initech", reason, `/orgs/${ids.initech}/members`);

  const activity = new ActivityPage(sam);
  await sam.goto("/");
  await sam.getByRole("link", { name: "Support activity" }).click();
  await expect(activity.total).toBeVisible();
  // Any case, any part of the reason.
  await activity.filter({ reason: `ticket-${suffix}` });
  expect(new URL(sam.url()).searchParams.get("reason")).toBe(`ticket-${suffix}`);
  const acted = activity.rowsWith("began acting on behalf of the organization");
  await expect(acted).toHaveCount(2);
  await expect(acted.filter({ hasText: "Globex" })).toHaveCount(1);
  await expect(acted.filter({ hasText: "Initech" })).toHaveCount(1);
  const invited = activity.rowsWith(invitee);
  await expect(invited).toHaveCount(1);
  await expect(invited).toContainText(`Sam Support invited ${invitee} — created`);
  await expect(invited.getByRole("cell").nth(1)).toHaveText(`Globex${ids.globex}`);
  await expect(invited).toContainText(`Reason: ${reason}`);
  await expect(activity.rows.filter({ hasNotText: `Reason: ${reason}` })).toHaveCount(0);
  const byReason = await activity.count();

  // By organization (its name), with the reason kept; a reload shows the same.
  await activity.filter({ organization: "GLOBEX" });
  expect(Object.fromEntries(new URL(sam.url()).searchParams)).toMatchObject({ organization: "GLOBEX", reason: `ticket-${suffix}` });
  await expect(acted).toHaveCount(1);
  await expect(invited).toHaveCount(1);
  await expect(activity.rows.filter({ hasNotText: ids.globex })).toHaveCount(0);
  await sam.reload();
  await expect(sam.getByLabel("Organization (id or name)")).toHaveValue("GLOBEX");
  await expect(activity.rows.filter({ hasNotText: ids.globex })).toHaveCount(0);
  // By organization id.
  await activity.filter({ organization: ids.initech });
  await expect(acted).toHaveCount(1);
  await expect(invited).toHaveCount(0);
  await expect(activity.rows.filter({ hasNotText: "Initech" })).toHaveCount(0);

  // By agent: another agent's name matches none of these; sam's email matches all of them.
  await activity.filter({ organization: "", actor: "audrey" });
  await expect(activity.rows).toHaveCount(0);
  await expect(sam.getByText("No activity matches these filters.")).toBeVisible();
  await activity.filter({ actor: "SAM@support" });
  expect(Object.fromEntries(new URL(sam.url()).searchParams)).toMatchObject({ actor: "SAM@support", organization: "", reason: `ticket-${suffix}` });
  expect(await activity.count()).toBe(byReason);

  // The CSV holds exactly these rows, with the organization of each.
  const { name, text } = await activity.downloadCsv();
  expect(name).toBe(`activity-support-${today()}.csv`);
  const [header, ...records] = parseCsv(text);
  const column = (heading: string) => header!.indexOf(heading);
  expect(records).toHaveLength(byReason);
  for (const record of records) {
    expect(record[column("reason")]).toBe(reason);
    expect(record[column("actor_email")]).toBe(personas.sam);
    expect(record[column("actor_kind")]).toBe("support");
  }
  const invite = records.filter((record) => record[column("invitee_email")] === invitee);
  expect(invite).toHaveLength(1);
  expect(invite[0]![column("organization_id")]).toBe(ids.globex);
  expect(invite[0]![column("organization_name")]).toBe("Globex");
  expect(invite[0]![column("description")]).toBe(`Sam Support invited ${invitee} — created`);
  const actFors = records.filter((record) => record[column("action")] === "act on behalf of");
  expect(actFors.map((record) => record[column("organization_name")]).sort()).toEqual(["Globex", "Initech"]);
});

test("audrey (auditor) reads support activity and its CSV, each look on the record, but cannot act for an organization", async ({ as }) => {
  const marker = unique();
  const audrey = await as("audrey");
  await audrey.goto("/");
  await audrey.getByRole("link", { name: "Support activity" }).click();
  const activity = new ActivityPage(audrey);
  await expect(activity.total).toBeVisible();
  await expect(audrey.getByText("You can read this trail as an auditor")).toBeVisible();
  await activity.filter({ reason: marker });
  await expect(activity.rows).toHaveCount(0);
  const csv = await activity.downloadCsv();
  expect(parseCsv(csv.text)).toHaveLength(1);

  await activity.openSupport(`?actor=audrey&action=view_support_activity&from=${today()}`);
  const looks = activity.rowsWith(marker);
  await expect(looks).toHaveCount(2);
  await expect(looks.filter({ hasText: "page 1" })).toContainText(
    `Audrey Auditor viewed support's activity across organizations — page 1, filtered by reason "${marker}"`,
  );
  await expect(looks.filter({ hasText: "CSV download" })).toContainText(`— CSV download, filtered by reason "${marker}"`);
  await expect(looks.first()).toContainText("auditor");
  await expect(looks.first().getByRole("cell").nth(1)).toHaveText("None (support desk)");

  // An auditor is not support staff: an organization page refuses her rather than asking for a reason.
  await audrey.goto(`/orgs/${ids.globex}/invitations/new`);
  await expect(audrey.getByTestId("refused")).toContainText("You may not invite into this organization");
  await expect(audrey.getByRole("button", { name: "Act for Globex" })).toHaveCount(0);
  await expect(audrey.getByLabel("Email addresses")).toHaveCount(0);
});

test("bob (member) and eve (outsider) are refused the page, its CSV and the support desk, and each refusal is recorded", async ({ as }) => {
  const audrey = await as("audrey");
  const activity = new ActivityPage(audrey);
  // Refused page views are tallied, one row per person and minute with a count.
  const refusalsOf = async (email: string, action = "view_support_activity") => {
    await activity.openSupport(`?actor=${encodeURIComponent(email)}&action=${action}&outcome=refused`);
    return activity.occurrences();
  };
  for (const [persona, name] of [["bob", "Bob Member"], ["eve", "Eve Outsider"]] as const) {
    const before = await refusalsOf(personas[persona]);
    const page = await as(persona);
    await page.goto("/support/activity");
    await expect(page.getByRole("heading", { name: "You cannot see support's activity" })).toBeVisible();
    await expect(page.getByTestId("refused")).toContainText("Only support staff (Support Agent) and auditors (Support Auditor) may see this.");
    await expect(page.getByRole("region", { name: "Activity" })).toHaveCount(0);
    const download = await page.request.get("/support/activity/export?outcome=created");
    expect(download.status()).toBe(403);
    expect(await download.text()).not.toContain(personas.sam);

    expect(await refusalsOf(personas[persona])).toBe(before + 2);
    await expect(activity.rows.first()).toContainText(new RegExp(`${name} was refused support's activity across organizations( \\d+ times)? — Only support staff`));

    const deskBefore = await refusalsOf(personas[persona], "open_desk");
    await page.goto("/support");
    await expect(page.getByTestId("refused")).toContainText("Only support staff");
    expect(await refusalsOf(personas[persona], "open_desk")).toBe(deskBefore + 1);
    await expect(activity.rows.first()).toContainText(new RegExp(`${name} was refused the support desk( \\d+ times)? — Only support staff`));
  }
});

test("sam's looks name each page viewed, one row a page a minute with a count, and stopping keeps the engagement's reason", async ({ as }) => {
  // Umbrella: no other test acts for it, so every look at it counted here is this test's.
  const reason = `T-${unique()} looking around`;
  const sam = await as("sam");
  const desk = new SupportDesk(sam);
  await desk.actFor(ids.umbrella, "Umbrella", reason);
  await sam.goto(`/orgs/${ids.umbrella}/members`);
  await sam.reload();
  await sam.reload();
  await sam.goto(`/orgs/${ids.umbrella}/activity`);
  await expect(sam.getByTestId("activity-total")).toBeVisible();

  const audrey = await as("audrey");
  const activity = new ActivityPage(audrey);
  await activity.openSupport(`?reason=${encodeURIComponent(reason)}&action=view`);
  const looksAt = async (what: string) => {
    const rows = await activity.rows.filter({ hasText: `Sam Support viewed ${what}` }).allTextContents();
    expect(rows.length).toBeLessThanOrEqual(2); // one a minute: at most two when the looks straddle a minute
    return rows.reduce((sum, row) => sum + Number(new RegExp(`viewed ${what} (\\d+) times`).exec(row)?.[1] ?? 1), 0);
  };
  expect(await looksAt("the members")).toBe(3);
  expect(await looksAt("the activity")).toBe(1);
  // Entering shows the invitations (refreshed once the reason is given, which may count twice).
  expect(await looksAt("the invitations")).toBeGreaterThanOrEqual(1);

  await desk.stopActing("Umbrella");
  await activity.openSupport(`?reason=${encodeURIComponent(reason)}&action=stop_acting`);
  await expect(activity.rows).toHaveCount(1);
  await expect(activity.total).toHaveText("1 event matches these filters");
  await expect(activity.rows.first()).toContainText("Sam Support stopped acting on behalf of the organization");
});

test("a signed-out visitor is sent to sign in and back, filters kept; the CSV answers 401", async () => {
  const anonymous = await playwrightRequest.newContext({ baseURL: E2E.appUrl });
  const page = await anonymous.get("/support/activity?reason=x&page=2", { maxRedirects: 0 });
  expect(page.status()).toBe(307);
  expect(page.headers().location).toBe(`/login?callbackUrl=${encodeURIComponent("/support/activity?reason=x&page=2")}`);
  expect((await anonymous.get("/support/activity/export")).status()).toBe(401);
  await anonymous.dispose();
});
