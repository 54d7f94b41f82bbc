import { randomBytes } from "node:crypto";
import { readFile } from "node:fs/promises";
import type { Page } from "@playwright/test";
import { parseCsv } from "./support/activity-page.ts";
import { emulator } from "./support/emulator.ts";
import { captureServerAction, captureUnsentServerAction, replayAs } from "./support/invitation-pages.ts";
import { ids, storageStatePath } from "./support/personas.ts";
import { SupportDesk } from "./support/support-desk.ts";
import { closeSettled, expect, test } from "./support/test.ts";

test.use({ storageState: storageStatePath("alice") });
test.beforeEach(async () => {
  await emulator.reset();
});

const bulkPath = (orgId: string) => `/orgs/${orgId}/invitations/bulk`;

async function choose(page: Page, name: string, csv: string) {
  await page.getByLabel("CSV file").setInputFiles({ name, mimeType: "text/csv", buffer: Buffer.from(csv) });
}

const previewRows = (page: Page, state?: "queued" | "skipped") => page.locator(`[data-testid="preview-row"]${state ? `[data-state="${state}"]` : ""}`);

test("alice previews a 30-row CSV: the 3 bad rows are named by line and reason, 27 will be invited, nothing reaches Auth0 until she sends, then exactly the 27 do", async ({ page }) => {
  const run = randomBytes(4).toString("hex");
  const address = (i: number) => `bulk-${run}-${i}@example.test`;
  const rows = Array.from({ length: 30 }, (_, i) => `${address(i)},Member,,Person ${i}`);
  rows[3] = `not-an-address-${run},Member,,Bad Address`; // line 5
  rows[10] = `${address(10)},Member;Wizard,,Unknown Role`; // line 12
  rows[18] = `${address(18)},,ldap-corp,Unknown Connection`; // line 20
  rows[25] = `${address(25)},Member;Billing,Username-Password-Authentication,Person 25`;
  const csv = ["Email,Roles,Connection,Name", ...rows].join("\r\n");

  await page.goto(`/orgs/${ids.acme}/invitations`);
  await page.getByRole("link", { name: "Invite many (CSV)" }).click();
  await page.waitForURL((url) => url.pathname === bulkPath(ids.acme));
  await choose(page, "people.csv", csv);
  await emulator.clearRequests();
  await page.getByRole("button", { name: "Preview", exact: true }).click();

  await expect(page.getByTestId("preview-counts")).toHaveText("27 to invite, 3 skipped");
  await expect(previewRows(page)).toHaveCount(30);
  const skipped = previewRows(page, "skipped");
  await expect(skipped).toHaveCount(3);
  await expect(skipped.nth(0).locator("td")).toHaveText(["5", `not-an-address-${run}`, "Bad Address", "Member", "Invitee chooses", `Skipped: Not a valid email address: not-an-address-${run}`]);
  await expect(skipped.nth(1).locator("td")).toHaveText([
    "12",
    address(10),
    "Unknown Role",
    "Member",
    "Invitee chooses",
    "Skipped: No role is called Wizard. Roles you may assign: Member, Billing, Inviter, Org Admin.",
  ]);
  await expect(skipped.nth(2).locator("td")).toHaveText([
    "20",
    address(18),
    "Unknown Connection",
    "None",
    "ldap-corp",
    'Skipped: No connection "ldap-corp" that this organization can invite through (unknown, not enabled for it, or passwordless). Use Username-Password-Authentication, google-oauth2, or leave the cell empty.',
  ]);
  await expect(previewRows(page).filter({ hasText: address(25) }).locator("td")).toHaveText([
    "27",
    address(25),
    "Person 25",
    "Member, Billing",
    "Username-Password-Authentication",
    "Will be invited",
  ]);
  await expect(page.getByRole("button", { name: "Send 27 invitations" })).toBeEnabled();

  await page.getByLabel("Show only skipped rows").check();
  await expect(previewRows(page)).toHaveCount(3);

  const requests = await emulator.requests();
  expect(requests.filter((r) => r.path.startsWith("/api/v2/") && r.method !== "GET")).toEqual([]);
  expect((await emulator.state()).invitations).toHaveLength(0);
  // One read of the members and one of the invitations for the whole list, not one per row.
  // (A members listing pages by checkpoint: only its first request has no `from`.)
  const listings = (path: string) => requests.filter((r) => r.path === `/api/v2/organizations/${ids.acme}/${path}` && !r.url.includes("from="));
  expect(listings("members")).toHaveLength(1);
  expect(listings("invitations")).toHaveLength(1);

  // Sending starts the previewed job: the 27 queued rows reach Auth0, the 3 skipped ones never do.
  await page.getByRole("button", { name: "Send 27 invitations" }).click();
  await page.waitForURL((url) => /^\/orgs\/[^/]+\/invitations\/bulk\/[0-9a-f-]{36}$/.test(url.pathname));
  await expect(page.getByTestId("job-counts")).toContainText("27 sent · 3 skipped · 0 failed · 0 to go, of 30", { timeout: 60_000 });
  const state = await emulator.state();
  const invited = state.invitations.map((i) => i.invitee.email).sort();
  expect(invited).toEqual(Array.from({ length: 30 }, (_, i) => address(i)).filter((_, i) => ![3, 10, 18].includes(i)).sort());
  expect(invited).not.toContain(`not-an-address-${run}`);

  // The result CSV: every row's outcome, in the upload's order, with the invitation each sent row became.
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Download results (CSV)" }).click()]);
  const [header, ...records] = parseCsv(await readFile((await download.path())!, "utf8"));
  expect(header).toEqual(["line", "email", "name", "roles", "state", "detail", "invitation_id", "invitation_url"]);
  expect(records).toHaveLength(30);
  const column = (name: string) => header!.indexOf(name);
  const byLine = new Map(records.map((record) => [record[column("line")], record]));
  expect([5, 12, 20].map((line) => byLine.get(String(line))![column("state")])).toEqual(["skipped", "skipped", "skipped"]);
  expect(byLine.get("12")![column("detail")]).toContain("No role is called Wizard");
  const sent = records.filter((record) => record[column("state")] === "sent");
  expect(sent).toHaveLength(27);
  const idByEmail = new Map(state.invitations.map((i) => [i.invitee.email, i.id]));
  for (const record of sent) expect(record[column("invitation_id")]).toBe(idByEmail.get(record[column("email")]!));
});

test("a job goes on with its tab closed, and its page, opened again from the invitations page, follows it to the end", async ({ context, page }) => {
  test.budget({ pages: 7, waitMs: 12_000 });
  // Slow enough to watch: Auth0 lets 2 invitations a second through.
  await emulator.rateLimits({ "invitation-writes": { burst: 1, perSecond: 2 } });
  const run = randomBytes(4).toString("hex");
  const addresses = Array.from({ length: 24 }, (_, i) => `tab-${run}-${i}@example.test`);
  const received = async () => (await emulator.state()).invitations.filter((i) => addresses.includes(i.invitee.email)).length;
  await page.goto(bulkPath(ids.acme));
  await page.getByLabel("Or paste addresses").fill(addresses.join("\n"));
  await page.getByRole("button", { name: "Preview", exact: true }).click();
  await page.getByRole("button", { name: "Send 24 invitations" }).click();
  await page.waitForURL((url) => /\/bulk\/[0-9a-f-]{36}$/.test(url.pathname));
  const jobPath = new URL(page.url()).pathname;
  await expect(page.getByTestId("job-counts")).toContainText(/^[1-9]\d* sent/);
  await closeSettled(page);

  // No page of the app is open, and Auth0 still receives the list.
  const atClose = await received();
  expect(atClose).toBeLessThan(24);
  await expect.poll(received, { timeout: 30_000 }).toBeGreaterThan(atClose);

  const again = await context.newPage();
  await again.goto(`/orgs/${ids.acme}/invitations`);
  await again.locator(`a[href="${jobPath}"]`).click();
  await again.waitForURL((url) => url.pathname === jobPath);
  await expect(again.getByTestId("job-counts")).toContainText("24 sent · 0 skipped · 0 failed · 0 to go, of 24", { timeout: 60_000 });
  await expect(again.getByTestId("job-status")).toHaveText("Finished");
  expect((await emulator.state()).invitations.map((i) => i.invitee.email).sort()).toEqual([...addresses].sort());
});

test("pasted addresses: members, repeats and names as mail programs write them", async ({ page }) => {
  const run = randomBytes(4).toString("hex");
  await page.goto(bulkPath(ids.acme));
  await page.getByLabel("Or paste addresses").fill(`Ann Lee <ann-${run}@example.test>, bob@acme.test\nANN-${run}@example.test`);
  await page.getByRole("group", { name: "Roles" }).getByLabel("Member", { exact: true }).check();
  await page.getByRole("button", { name: "Preview", exact: true }).click();

  await expect(page.getByTestId("preview-counts")).toHaveText("1 to invite, 1 skipped, 1 repeated row merged into the first of each address");
  await expect(previewRows(page).nth(0).locator("td")).toHaveText([
    "1",
    `ann-${run}@example.test`,
    "Ann Lee",
    "Member",
    "Invitee chooses",
    "Will be invitedRepeated on no. 3; merged into this row.",
  ]);
  await expect(previewRows(page).nth(1).locator("td").last()).toHaveText("Skipped: Already a member of this organization.");
  await expect(page.getByRole("button", { name: "Send 1 invitation" })).toBeVisible();

  // A preview answers the list as it was: a change asks for a new one before anything can be sent.
  await page.getByLabel("Or paste addresses").fill(`ann-${run}@example.test`);
  await expect(page.getByText("preview again before sending")).toBeVisible();
  await expect(page.getByRole("button", { name: /^Send / })).toHaveCount(0);
});

test("an address twice with different roles is invited with the first line's roles only, and the results hold every line of the file", async ({ page }) => {
  const run = randomBytes(4).toString("hex");
  const twice = `twice-${run}@example.test`;
  const once = `once-${run}@example.test`;
  const csv = ["email,roles,name", `${twice},Member,Twice`, `${once},Member,Once`, `${twice.toUpperCase()},Billing,Twice again`].join("\n");
  await page.goto(bulkPath(ids.acme));
  await choose(page, "repeats.csv", csv);
  await page.getByRole("button", { name: "Preview", exact: true }).click();

  await expect(page.getByTestId("preview-counts")).toHaveText("2 to invite, 0 skipped, 1 repeated row merged into the first of each address");
  await expect(previewRows(page).filter({ hasText: twice }).locator("td")).toHaveText([
    "2",
    twice,
    "Twice",
    "Member",
    "Invitee chooses",
    "Will be invitedRepeated on line 4; merged into this row. Not added from line 4: Billing (role).",
  ]);

  await page.getByRole("button", { name: "Send 2 invitations" }).click();
  await page.waitForURL((url) => /^\/orgs\/[^/]+\/invitations\/bulk\/[0-9a-f-]{36}$/.test(url.pathname));
  await expect(page.getByTestId("job-counts")).toContainText("2 sent · 0 skipped · 0 failed · 1 merged · 0 to go, of 3", { timeout: 60_000 });
  const invited = (await emulator.state()).invitations.find((invitation) => invitation.invitee.email === twice);
  expect(invited?.roles).toEqual([ids.role("Member")]);

  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Download results (CSV)" }).click()]);
  const [header, ...records] = parseCsv(await readFile((await download.path())!, "utf8"));
  const column = (name: string) => header!.indexOf(name);
  expect(records.map((record) => [record[column("line")], record[column("email")], record[column("roles")], record[column("state")], record[column("detail")]])).toEqual([
    ["2", twice, "Member", "sent", ""],
    ["3", once, "Member", "sent", ""],
    ["4", twice.toUpperCase(), "Billing", "merged", "Merged into line 2. Not added: Billing (role); invite this address again on its own if it needs them."],
  ]);
});

test("a list at both limits (5,000 rows, just under 1 MB) travels to the server and is previewed whole", async ({ page }) => {
  test.setTimeout(120_000);
  const run = randomBytes(4).toString("hex");
  const header = "email,roles,name";
  const row = (i: number, name: string) => `big-${run}-${String(i).padStart(4, "0")}@example.test,Member,${name}`;
  const nameLength = Math.floor((1_048_576 - header.length - 5_000 * (row(0, "").length + 1)) / 5_000);
  const csv = [header, ...Array.from({ length: 5_000 }, (_, i) => row(i, "N".repeat(nameLength)))].join("\n");
  expect(Buffer.byteLength(csv)).toBeGreaterThan(1_040_000);
  expect(Buffer.byteLength(csv)).toBeLessThanOrEqual(1_048_576);

  await page.goto(bulkPath(ids.acme));
  await choose(page, "big.csv", csv);
  await page.getByRole("button", { name: "Preview", exact: true }).click();
  await expect(page.getByRole("button", { name: /^Checking 5,000 rows/ })).toBeVisible();
  await expect(page.getByTestId("preview-counts")).toHaveText("5,000 to invite, 0 skipped", { timeout: 60_000 });
  await expect(page.getByRole("button", { name: "Send 5,000 invitations" })).toBeVisible();
});

test("a list over 5,000 rows is refused in the browser, naming the limit and the count, and nothing is checked", async ({ page }) => {
  await page.goto(bulkPath(ids.acme));
  await choose(page, "too-many.csv", ["email", ...Array.from({ length: 5_001 }, (_, i) => `u${i}@example.test`)].join("\n"));
  await emulator.clearRequests();
  await page.getByRole("button", { name: "Preview", exact: true }).click();
  await expect(page.locator("#list-error")).toHaveText("A list can have at most 5,000 rows; this one has 5,001. Split it into smaller files and preview each.");
  await expect(page.getByLabel("CSV file")).toHaveAttribute("aria-invalid", "true");
  expect(await emulator.requests()).toEqual([]);
});

test("a previewed list is sent only by who previewed it, in its own organization; the preview keeps the role ceiling", async ({ page }) => {
  const run = randomBytes(4).toString("hex");
  await page.goto(bulkPath(ids.acme));
  await page.getByLabel("Or paste addresses").fill(`a-${run}@example.test b-${run}@example.test`);
  await page.getByRole("group", { name: "Roles" }).getByLabel("Org Admin", { exact: true }).check();
  const preview = await captureServerAction(page, () => page.getByRole("button", { name: "Preview", exact: true }).click());
  const send = await captureUnsentServerAction(page, () => page.getByRole("button", { name: "Send 2 invitations" }).click());
  await emulator.clearRequests();

  // ivan (Inviter) may invite into Acme, but not as Org Admin, and not by sending alice's list.
  expect(await replayAs("ivan", preview)).toContain("You may not assign Org Admin");
  expect(await replayAs("ivan", send)).toContain('"code":"job_not_yours"');
  // bob (a plain member) and carol (Globex) are not Acme's inviters; through Globex the job does not exist.
  expect(await replayAs("bob", preview)).toContain('"code":"not_inviter"');
  expect(await replayAs("bob", send)).toContain('"code":"not_inviter"');
  expect(await replayAs("carol", send)).toContain('"code":"not_inviter"');
  expect(await replayAs("carol", send, send.body.replace(ids.acme, ids.globex))).toContain('"code":"job_missing"');
  expect((await emulator.requests()).filter((r) => r.path.startsWith("/api/v2/") && r.method !== "GET")).toEqual([]);
});

test.describe("support staff", () => {
  // Said outright: in this file, new contexts would otherwise carry alice's session (test.use).
  test.use({ storageState: { cookies: [], origins: [] } });

  test("an organization without an application shows what to configure instead of the bulk form", async ({ freshSession }) => {
    const sam = await freshSession("sam");
    await new SupportDesk(sam).actFor(ids.umbrella, "Umbrella", "T-2026 bulk set-up check", bulkPath(ids.umbrella));
    await expect(sam.getByTestId("no-applications").getByRole("heading", { name: "No application is open to invitations for Umbrella" })).toBeVisible();
    await expect(sam.getByLabel("CSV file")).toHaveCount(0);
  });
});
