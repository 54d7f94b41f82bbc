// The Activity page: the trail in plain words, filtered through the URL, its pages, and the CSV of exactly
// what is filtered. The trail outlives emulator resets and is shared by every spec, so each test counts only
// rows naming its own random addresses, or rows it filtered down to itself.
import { randomBytes } from "node:crypto";
import { request as playwrightRequest } from "@playwright/test";
import { ActivityPage, parseCsv } from "./support/activity-page.ts";
import { E2E } from "./support/addresses.ts";
import { emulator } from "./support/emulator.ts";
import { InvitationsListPage, InviteFormPage } from "./support/invitation-pages.ts";
import { ids, storageStatePath } from "./support/personas.ts";
import { expect, test } from "./support/test.ts";

test.use({ storageState: storageStatePath("alice") });
test.beforeEach(async () => {
  await emulator.reset();
});

const unique = () => randomBytes(4).toString("hex");
const today = () => new Date().toISOString().slice(0, 10);

/** Alice invites these addresses through the form: one `created` row each. */
async function aliceInvites(page: InviteFormPage["page"], emails: string[], inviterName?: string) {
  const form = new InviteFormPage(page);
  await form.open(ids.acme);
  await form.fill({ emails: emails.join(", "), roles: ["Member"], inviterName });
  await form.submit();
  await expect(form.results).toContainText(`Invited ${emails.length} of ${emails.length} address`);
}

test("says what happened in plain words, filters by outcome and actor, and keeps the filters in the URL", async ({ page, as }) => {
  test.budget({ pages: 13 });
  const suffix = unique();
  const kept = `kept-${suffix}@example.test`;
  const gone = `gone-${suffix}@example.test`;
  await aliceInvites(page, [kept, gone]);
  const list = new InvitationsListPage(page);
  await list.open(ids.acme);
  await list.revoke(gone);
  await expect(page.getByRole("status").filter({ hasText: `Revoked the invitation for ${gone}` })).toBeVisible();

  const activity = new ActivityPage(page);
  await activity.open(ids.acme);
  await expect(activity.rowsWith(suffix)).toHaveCount(3);
  await expect(activity.rowsWith(kept)).toContainText(`Alice Admin invited ${kept} — created`);
  await expect(activity.rowsWith(gone).filter({ hasText: "revoked" })).toContainText(`Alice Admin revoked the invitation for ${gone} — revoked`);
  await expect(activity.rowsWith(gone).filter({ hasText: "revoked" })).toContainText("Member");

  await activity.filter({ outcome: "Revoked" });
  expect(new URL(page.url()).searchParams.get("outcome")).toBe("revoked");
  await expect(activity.rowsWith(suffix)).toHaveCount(1);
  await expect(activity.rowsWith(gone)).toContainText("— revoked");
  await expect(activity.rows.filter({ hasNotText: "— revoked" })).toHaveCount(0);
  // A reload (or a shared link) shows the same.
  await page.reload();
  await expect(page.getByLabel("Outcome", { exact: true })).toHaveValue("revoked");
  await expect(activity.rowsWith(suffix)).toHaveCount(1);

  // Carol (Globex) tries Acme's trail: refused, and on the record under her name.
  const carol = await as("carol");
  await carol.goto(`/orgs/${ids.acme}/activity`);
  await expect(carol.getByTestId("refused")).toBeVisible();
  await activity.open(ids.acme);
  await activity.filter({ actor: "CAROL@globex", outcome: "Refused", from: today(), to: today() });
  await expect(activity.rows.first()).toContainText("Carol Admin was refused the organization's pages — You may not invite into this organization");
  await expect(activity.rows.filter({ hasNotText: /Carol Admin (was refused|tried to)/ })).toHaveCount(0);
  await expect(activity.rowsWith(suffix)).toHaveCount(0);

  await page.getByRole("link", { name: "Clear filters" }).click();
  await expect(activity.rowsWith(suffix)).toHaveCount(3);
});

test.describe("in Berlin", () => {
  test.use({ timezoneId: "Europe/Berlin", locale: "en-GB" });

  test("shows the local time, with UTC on hover", async ({ page }) => {
    const suffix = unique();
    await aliceInvites(page, [`time-${suffix}@example.test`]);
    const activity = new ActivityPage(page);
    await activity.open(ids.acme);
    const time = activity.rowsWith(suffix).locator("time");
    const iso = await time.getAttribute("datetime");
    expect(Date.now() - Date.parse(iso!)).toBeLessThan(120_000);
    await expect(time).toHaveAttribute("title", /^\d{1,2} \w{3} \d{4}, \d{2}:\d{2} UTC$/);
    await expect(time).toHaveText(/^\d{1,2} \w{3} \d{4}, \d{2}:\d{2} CES?T$/);
  });
});

test("a page number past the end shows the last page, not an error", async ({ page }) => {
  // More than one page (25 a page) of this test's own rows, so "last" is not also "first".
  await aliceInvites(page, Array.from({ length: 26 }, (_, i) => `pages-${i}-${unique()}@example.test`));
  const activity = new ActivityPage(page);
  const response = await activity.open(ids.acme, "?page=99999999999999999999");
  expect(response?.status()).toBe(200);
  const [, shown, pages] = (await activity.pager.textContent())!.match(/Page (\d+) of (\d+)/)!;
  expect(Number(pages)).toBeGreaterThan(1);
  expect(shown).toBe(pages);
  await expect(activity.pager.getByText("Next page")).toHaveAttribute("aria-disabled", "true");
  await expect(activity.pager.getByRole("link", { name: "Previous page" })).toBeVisible();
  await expect(activity.rows.first()).toBeVisible();

  // Unreadable values mean page 1 and no filter, never an error.
  await activity.open(ids.acme, "?page=two&outcome=nonsense&from=2026-02-30");
  await expect(activity.pager).toContainText(`Page 1 of ${pages}`);
  await expect(activity.pager.getByText("Previous page")).toHaveAttribute("aria-disabled", "true");
});

test("the CSV holds exactly the filtered rows, every page of them, with formulas defused", async ({ page }) => {
  test.budget({ pages: 8 });
  const suffix = unique();
  // More than a page (25) of this test's own rows; the revoked one must be left out.
  const emails = Array.from({ length: 26 }, (_, i) => `csv-${String(i).padStart(2, "0")}-${suffix}@example.test`);
  await aliceInvites(page, emails, `=2+3 ${suffix}`);
  const list = new InvitationsListPage(page);
  await list.open(ids.acme);
  await list.revoke(emails[1]!);
  await expect(page.getByRole("status").filter({ hasText: `Revoked the invitation for ${emails[1]}` })).toBeVisible();

  const activity = new ActivityPage(page);
  await activity.open(ids.acme);
  await activity.filter({ actor: "alice", outcome: "Created", from: today(), to: today() });
  const total = await activity.count();
  await expect(activity.rows).toHaveCount(25);
  const { name, text } = await activity.downloadCsv();
  expect(name).toBe(`activity-${ids.acme}-${today()}.csv`);

  const [header, ...records] = parseCsv(text);
  expect(header).toContain("description");
  const column = (heading: string) => header!.indexOf(heading);
  expect(total).toBeGreaterThan(25);
  expect(records).toHaveLength(total);
  for (const record of records) {
    expect(record[column("actor_email")]).toBe("alice@acme.test");
    expect(record[column("outcome")]).toBe("created");
    expect(record[column("occurred_at_utc")]!.slice(0, 10)).toBe(today());
  }
  const mine = records.filter((record) => record[column("invitee_email")]!.includes(suffix));
  expect(mine.map((record) => record[column("invitee_email")]).sort()).toEqual(emails);
  expect(mine.map((record) => record[column("description")]).sort()).toEqual(emails.map((email) => `Alice Admin invited ${email} — created`));
  // Typed text that a spreadsheet would run as a formula reaches it as text.
  for (const record of mine) expect(record[column("inviter_name_shown")]).toBe(`'=2+3 ${suffix}`);
});

test("the CSV passes the same gate as the page", async ({ as }) => {
  const exportUrl = `/orgs/${ids.acme}/activity/export?outcome=created`;
  const carol = await as("carol");
  const refused = await carol.request.get(exportUrl);
  expect(refused.status()).toBe(403);
  expect(await refused.text()).not.toContain("alice@acme.test");
  const bob = await as("bob");
  expect((await bob.request.get(exportUrl)).status()).toBe(403);
  // Said outright: in this file, new contexts would otherwise carry alice's session (test.use).
  const anonymous = await playwrightRequest.newContext({ baseURL: E2E.appUrl, storageState: { cookies: [], origins: [] } });
  expect((await anonymous.get(exportUrl, { maxRedirects: 0 })).status()).toBe(401);
  await anonymous.dispose();

  const alice = await as("alice");
  const allowed = await alice.request.get(exportUrl);
  expect(allowed.status()).toBe(200);
  expect(allowed.headers()["content-type"]).toContain("text/csv");
  expect(allowed.headers()["content-disposition"]).toMatch(/^attachment; filename="activity-org_\w+-\d{4}-\d{2}-\d{2}\.csv"$/);
});
