// The ledger: what became of each invitation after Auth0 forgot it — accepted (and by whom), used up by
// the wrong account, revoked, expired and re-invited — as an org admin sees it.
import { randomUUID } from "node:crypto";
import { E2E } from "./support/addresses.ts";
import { emulator, managementApi, type EmulatedInvitation } from "./support/emulator.ts";
import { ActivityPage } from "./support/activity-page.ts";
import { BACKGROUND_WORK_MS, InvitationsListPage, InviteFormPage } from "./support/invitation-pages.ts";
import { ids, storageStatePath, submitLoginPage } from "./support/personas.ts";
import { expect, test } from "./support/test.ts";

test.use({ storageState: storageStatePath("alice") });
test.beforeEach(async () => {
  await emulator.reset();
});

/** An address no earlier test (nor an earlier run on the same store) has used: the ledger remembers them all. */
const unique = (name: string) => `${name}.${randomUUID().slice(0, 8)}@example.test`;

async function createThroughApi(email: string, extra: Record<string, unknown> = {}) {
  const created = await managementApi<EmulatedInvitation>("POST", `/organizations/${ids.acme}/invitations`, {
    inviter: { name: "Alice Admin" }, invitee: { email }, client_id: ids.client("Acme Portal"), ...extra,
  });
  expect(created.status).toBe(201);
  return created.body;
}

test("an emailed invitation accepted through Acme Portal shows as Accepted by the new member, with its history and who invited them", async ({ page, stranger }) => {
  test.budget({ signIns: 1, pages: 11 });
  const email = unique("joiner");
  const form = new InviteFormPage(page);
  await form.open(ids.acme);
  await form.fill({ emails: email, application: "Acme Portal", roles: ["Member"] });
  await form.submit();
  await expect(form.results).toContainText("Invited 1 of 1 address.");

  // The invitee reads the email in the emulator's mailbox and accepts in their own browser.
  const invitee = await stranger();
  await invitee.goto(`${E2E.signInUrl}/mailbox`);
  await invitee.getByRole("listitem").filter({ hasText: email }).getByRole("link", { name: /Accept the invitation/ }).click();
  await expect(invitee.getByRole("heading", { name: "Accept your invitation" })).toBeVisible();
  await submitLoginPage(invitee, email, "a-long-password");
  await expect(invitee.getByText("Signed in to Acme Portal")).toBeVisible();

  // Auth0 logged the acceptance; the page learns it from a refresh, and updates itself when that lands.
  const list = new InvitationsListPage(page);
  await list.open(ids.acme, "?status=accepted");
  await expect(list.row(email)).toHaveCount(0);
  await list.refreshFromAuth0();
  await expect(list.status(email)).toContainText("Accepted");
  await expect(list.status(email)).toContainText(`by ${email}`);
  await expect(list.status(email)).not.toContainText("inferred");
  // Accepted: no expiry is left to tell.
  await expect(list.expires(email)).toHaveText("—");

  await list.row(email).getByRole("link", { name: `History of the invitation for ${email}` }).click();
  const history = page.getByRole("list", { name: "History" }).getByTestId("history-entry");
  await expect(history).toHaveCount(2);
  await expect(history.nth(0)).toContainText("Invited by Alice Admin (alice@acme.test)");
  await expect(history.nth(1)).toContainText(`Accepted by ${email}`);

  // The invitee's side is part of the organization's story too.
  const activity = new ActivityPage(page);
  await activity.open(ids.acme);
  await expect(activity.rowsWith(email).filter({ hasText: `${email} accepted the invitation for ${email}` })).toHaveCount(1);

  await page.getByRole("link", { name: "Members" }).click();
  await page.getByLabel("Search by email or name").fill(email);
  await page.getByRole("button", { name: "Search" }).click();
  const member = page.getByTestId("member-row").filter({ hasText: email });
  await expect(member).toContainText("Member");
  await expect(member).toContainText("Alice Admin");
  await expect(page.getByTestId("member-row")).toHaveCount(1);
});

test("an invitation used up by the wrong account shows as Consumed", async ({ page, stranger }) => {
  const email = unique("right.person");
  const invitation = await createThroughApi(email);
  const list = new InvitationsListPage(page);
  await list.open(ids.acme);
  await list.refreshFromAuth0();
  await expect(list.status(email)).toContainText("Pending");
  await expect(list.row(email)).toContainText("created outside this app");

  const wrong = await stranger();
  await wrong.goto(invitation.invitation_url);
  await expect(wrong.getByRole("heading", { name: "Accept your invitation" })).toBeVisible();
  await submitLoginPage(wrong, "someone.else@example.test", "a-long-password");
  await expect(wrong.getByRole("heading", { name: "Wrong account" })).toBeVisible();

  await list.refreshFromAuth0();
  await expect(list.row(email)).toHaveCount(0);
  await list.filter("Revoked/Consumed");
  await expect(list.status(email)).toContainText("Consumed");
  await expect(list.row(email).getByRole("button", { name: `Invite ${email} again` })).toBeVisible();

  const activity = new ActivityPage(page);
  await activity.open(ids.acme);
  await expect(activity.rowsWith(email)).toHaveCount(1);
  await expect(activity.rowsWith(email)).toContainText(`tried to accept the invitation for ${email} — failed: Signed in with another account than the invited address`);
});

test("a revoked invitation shows as Revoked by whoever revoked it, and the filter survives a reload", async ({ page }) => {
  const email = unique("revoke.me");
  await createThroughApi(email);
  const list = new InvitationsListPage(page);
  await list.open(ids.acme);
  await list.refreshFromAuth0();
  await list.revoke(email);
  await expect(page.getByRole("status").filter({ hasText: `Revoked the invitation for ${email}` })).toBeVisible();
  await list.filter("Revoked/Consumed");
  await list.search(email);
  await page.reload();
  await expect(page).toHaveURL(/status=closed/);
  await expect(page.getByLabel("Search by email")).toHaveValue(email);
  await expect(list.rows).toHaveCount(1);
  await expect(list.status(email)).toContainText("Revoked");
  await expect(list.status(email)).toContainText("by Alice Admin");
});

test("re-inviting an expired invitation creates exactly one new invitation, linked in its history", async ({ page }) => {
  const email = unique("renew.me");
  const expired = await createThroughApi(email, { ttl_sec: 3_600, roles: [ids.role("Billing")] });
  await emulator.advanceClock(2 * 3_600);
  const list = new InvitationsListPage(page);
  await list.open(ids.acme, "?status=expired");
  await list.refreshFromAuth0();
  await expect(list.status(email)).toContainText("Expired");
  // The Expires column follows the status: an expired invitation expired, it does not "expire in" anything.
  await expect(list.expires(email)).toContainText(/^Expired/);
  await expect(list.expires(email)).not.toContainText("Expires");
  await emulator.clearRequests();

  await list.row(email).getByRole("button", { name: `Invite ${email} again` }).click();
  await page.getByRole("button", { name: "Yes, invite again" }).click();
  await expect(page.getByRole("status").filter({ hasText: `Invited ${email} again.` })).toBeVisible();

  const posts = (await emulator.requests()).filter((r) => r.method === "POST" && r.path.endsWith("/invitations"));
  expect(posts).toHaveLength(1);
  // Auth0 still lists an expired invitation for a while: the new one is the other.
  const fresh = (await emulator.state()).invitations.filter((i) => i.invitee.email === email && i.id !== expired.id);
  expect(fresh).toHaveLength(1);
  expect(fresh[0]!.id).not.toBe(expired.id);
  expect(fresh[0]!.roles).toEqual([ids.role("Billing")]);
  expect(Date.parse(fresh[0]!.expires_at) - Date.parse(fresh[0]!.created_at)).toBe(3_600_000);

  // The expired one is renewed: it offers no second re-invite, and its history leads to the new one.
  await list.open(ids.acme, "?status=expired");
  await expect(list.row(email).getByRole("button")).toHaveCount(0);
  await list.open(ids.acme);
  await list.row(email).getByRole("link", { name: /History/ }).click();
  const history = page.getByTestId("history-entry");
  const resent = history.filter({ hasText: `Sent again by Alice Admin (alice@acme.test): the earlier invitation for ${email} → the new invitation for ${email}` });
  await expect(resent).toHaveCount(1);
  await expect(resent.getByRole("link", { name: `the earlier invitation for ${email}` })).toHaveAttribute("href", `/orgs/${ids.acme}/invitations/${expired.id}`);
  await expect(resent.getByRole("link", { name: `the new invitation for ${email}` })).toHaveAttribute("href", `/orgs/${ids.acme}/invitations/${fresh[0]!.id}`);
  await expect(history.filter({ hasText: "Expired unused" })).toHaveCount(1);

  // Activity tells the same story: the expiry, and the re-invite linking to the invitation it replaced.
  const activity = new ActivityPage(page);
  await activity.open(ids.acme);
  const reinvited = activity.rowsWith(`re-invited ${email}`);
  await expect(reinvited.getByRole("link", { name: `the earlier invitation for ${email}` })).toHaveAttribute("href", `/orgs/${ids.acme}/invitations/${expired.id}`);
  await expect(reinvited.getByRole("link", { name: `History of the invitation for ${email}` })).toHaveAttribute("href", `/orgs/${ids.acme}/invitations/${fresh[0]!.id}`);
  await expect(activity.page.getByText(/uinv_/)).toHaveCount(0);
  // The expiry is dated when its time ran out (an hour ago on the tenant's clock), so it is found by its kind.
  await activity.filter({ action: "An invitation expired unused" });
  await expect(activity.rowsWith(`The invitation for ${email} expired unused`)).toHaveCount(1);
});

test("renew all expired invites again every expired one within the inviter's roles", async ({ page }) => {
  const [one, two] = [unique("old.one"), unique("old.two")];
  const originals = [await createThroughApi(one, { ttl_sec: 3_600 }), await createThroughApi(two, { ttl_sec: 3_600, roles: [ids.role("Member")] })];
  await emulator.advanceClock(2 * 3_600);
  const list = new InvitationsListPage(page);
  await list.open(ids.acme, "?status=expired");
  await list.refreshFromAuth0();
  await expect(list.status(one)).toContainText("Expired");
  await expect(list.status(two)).toContainText("Expired");
  await page.getByRole("button", { name: /Renew all expired/ }).click();
  await page.getByRole("button", { name: "Yes, renew" }).click();
  await expect(page.getByRole("status").filter({ hasText: /Invited \d+ people again/ })).toBeVisible();
  // Earlier tests' expired invitations may be renewed too, and Auth0 still lists the expired ones for a
  // while: count only this test's new ones.
  const renewed = (await emulator.state()).invitations
    .filter((i) => [one, two].includes(i.invitee.email) && !originals.some((o) => o.id === i.id))
    .map((i) => i.invitee.email);
  expect(renewed.sort()).toEqual([one, two].sort());
});

test("renew all counts only what renewing would send: not one already re-invited on its own", async ({ page }) => {
  const [alone, rest] = [unique("renewed.alone"), unique("renewed.by.all")];
  const originals = [await createThroughApi(alone, { ttl_sec: 3_600 }), await createThroughApi(rest, { ttl_sec: 3_600 })];
  await emulator.advanceClock(2 * 3_600);
  const list = new InvitationsListPage(page);
  await list.open(ids.acme, "?status=expired");
  await list.refreshFromAuth0();
  await expect(list.status(rest)).toContainText("Expired");
  // Earlier tests may have left expired invitations of their own: count from what the page says now.
  const before = Number((await list.renewAll.textContent())!.match(/\((\d+)\)/)![1]);

  await list.row(alone).getByRole("button", { name: `Invite ${alone} again` }).click();
  await page.getByRole("button", { name: "Yes, invite again" }).click();
  await expect(page.getByRole("status").filter({ hasText: `Invited ${alone} again.` })).toBeVisible();
  // Still listed as expired, but renewed: renewing all would not send it again.
  await expect(list.status(alone)).toContainText("Expired");
  await expect(list.renewAll).toHaveText(`Renew all expired (${before - 1})`);

  await list.renewAll.click();
  await page.getByRole("button", { name: "Yes, renew" }).click();
  const answer = page.getByRole("status").filter({ hasText: /Invited \d+ (person|people) again\./ });
  await expect(answer).toHaveText(new RegExp(`^Invited ${before - 1} ${before - 1 === 1 ? "person" : "people"} again\\.`));
  // The answer sits in the page's flow, not over the table's headings.
  const [box, headings] = [await answer.boundingBox(), await page.getByRole("columnheader", { name: "Email" }).boundingBox()];
  expect(box!.y + box!.height).toBeLessThanOrEqual(headings!.y);
  // Each was sent again once: the one re-invited on its own was not sent a second time.
  const sentAgain = (await emulator.state()).invitations.filter((i) => !originals.some((o) => o.id === i.id)).map((i) => i.invitee.email);
  expect(sentAgain.filter((email) => email === alone)).toHaveLength(1);
  expect(sentAgain.filter((email) => email === rest)).toHaveLength(1);
});

test("a view of the invitations page costs the gate's read only: no list of invitations, no tenant logs", async ({ page }) => {
  await createThroughApi(unique("cost"));
  const list = new InvitationsListPage(page);
  await list.open(ids.acme); // fills the short-lived caches of names, roles, applications and connections
  await list.refreshFromAuth0(); // the refresh, in the background, is done: nothing of it is counted below
  await emulator.clearRequests();
  await list.open(ids.acme);
  await expect(list.freshness).toContainText("As of");
  const calls = (await emulator.requests()).filter((r) => r.path !== "/oauth/token").map((r) => `${r.method} ${r.path}`);
  // Short-lived caches (the organization's name, the catalog, the blocked flag) filled by the first open may
  // still run out between the two: such a refill is not the view's cost, and happens at most once each.
  const cached = new Set([
    `GET /api/v2/organizations/${ids.acme}`,
    `GET /api/v2/organizations/${ids.acme}/enabled_connections`,
    "GET /api/v2/roles",
    "GET /api/v2/clients",
    `GET /api/v2/users/${encodeURIComponent(ids.user("alice@acme.test"))}`,
  ]);
  const refills = calls.filter((call) => cached.has(call));
  expect(new Set(refills).size).toBe(refills.length);
  expect(calls.filter((call) => !cached.has(call))).toEqual([
    `GET /api/v2/organizations/${ids.acme}/members/${encodeURIComponent(ids.user("alice@acme.test"))}/roles`,
  ]);
});

test("Refresh from Auth0 brings in what changed there, and the page updates itself when the refresh lands", async ({ page }) => {
  const list = new InvitationsListPage(page);
  await list.open(ids.acme);
  await list.refreshFromAuth0();
  const email = unique("made.in.dashboard");
  await createThroughApi(email);
  await expect(list.row(email)).toHaveCount(0);

  const before = await list.freshness.getAttribute("data-as-of");
  await emulator.clearRequests();
  await list.freshness.getByRole("button", { name: "Refresh from Auth0" }).click();
  // No reload: the page polls until the background's refresh lands, then shows it.
  await expect(list.status(email)).toContainText("Pending", { timeout: BACKGROUND_WORK_MS });
  await expect(list.freshness).not.toHaveAttribute("data-as-of", before ?? "");
  await expect(list.freshness).not.toContainText("Checking with Auth0");
  // The refresh read Auth0's list and the tenant logs once, in the background.
  const reads = (await emulator.requests()).filter((r) => r.path === `/api/v2/organizations/${ids.acme}/invitations` || r.path === "/api/v2/logs");
  expect(reads.map((r) => r.path).sort()).toEqual(["/api/v2/logs", `/api/v2/organizations/${ids.acme}/invitations`]);
});
