import { randomUUID } from "node:crypto";
import { E2E } from "./support/addresses.ts";
import { emulator, managementApi, type EmulatedInvitation } from "./support/emulator.ts";
import { InvitationsListPage, InviteFormPage } from "./support/invitation-pages.ts";
import { ids, storageStatePath, submitLoginPage } from "./support/personas.ts";
import { expect, test } from "./support/test.ts";

test.use({ storageState: storageStatePath("alice") });
test.beforeEach(async () => {
  await emulator.reset();
});

async function createThroughApi(email: string, extra: Record<string, unknown> = {}) {
  const created = await managementApi<EmulatedInvitation>("POST", `/organizations/${ids.acme}/invitations`, {
    inviter: { name: "Alice Admin" },
    invitee: { email },
    client_id: ids.client("Acme Portal"),
    ...extra,
  });
  expect(created.status).toBe(201);
  return created.body;
}

test("alice invites one address with roles, connection and expiry, and Auth0 holds exactly that", async ({ page }) => {
  const form = new InviteFormPage(page);
  await form.open(ids.acme);
  await form.fill({
    emails: "new.hire@example.test",
    application: "Acme Portal",
    connection: "Username-Password-Authentication",
    roles: ["Member", "Billing"],
    expiry: "1 day",
  });
  await form.submit();
  await expect(form.results).toContainText("Invited 1 of 1 address.");

  const { invitations } = await emulator.state();
  expect(invitations).toHaveLength(1);
  const [invitation] = invitations;
  expect(invitation).toMatchObject({
    organization_id: ids.acme,
    invitee: { email: "new.hire@example.test" },
    inviter: { name: "Alice Admin" },
    client_id: ids.client("Acme Portal"),
    connection_id: ids.connection("Username-Password-Authentication"),
  });
  expect([...invitation!.roles!].sort()).toEqual([ids.role("Billing"), ids.role("Member")].sort());
  expect(Date.parse(invitation!.expires_at) - Date.parse(invitation!.created_at)).toBe(86_400_000);
  expect((await emulator.mailbox()).map((m) => m.to)).toEqual(["new.hire@example.test"]);
});

test("three addresses with one invalid: the two good ones are invited and the bad one is named, not sent", async ({ page }) => {
  const form = new InviteFormPage(page);
  await form.open(ids.acme);
  await emulator.clearRequests();
  await form.fill({ emails: "one@example.test, not-an-email\nthree@example.test" });
  await form.submit();
  await expect(form.results).toContainText("Invited 2 of 3 addresses.");
  await expect(form.outcome("not-an-email")).toHaveText("not-an-email: Not invited — Not a valid email address: not-an-email");
  await expect(form.outcome("one@example.test")).toHaveText("one@example.test: Invited");
  await expect(form.outcome("three@example.test")).toHaveText("three@example.test: Invited");
  const emails = (await emulator.state()).invitations.map((i) => i.invitee.email).sort();
  expect(emails).toEqual(["one@example.test", "three@example.test"]);
  expect((await emulator.requests()).filter((r) => r.method === "POST" && r.path.endsWith("/invitations"))).toHaveLength(2);
});

test("only invalid addresses: each is named under the field and nothing is sent", async ({ page }) => {
  const form = new InviteFormPage(page);
  await form.open(ids.acme);
  await emulator.clearRequests();
  await form.fill({ emails: "not-an-email x@" });
  await form.submit();
  await expect(form.fieldError("emails")).toHaveText("Not a valid email address: not-an-emailNot a valid email address: x@");
  await expect(page.getByRole("alert").filter({ hasText: "nothing was sent" })).toBeVisible();
  expect((await emulator.requests()).filter((r) => r.method === "POST")).toHaveLength(0);
});

test("a repeated address (any case) is invited once; the repeat is pointed out by address", async ({ page }) => {
  const form = new InviteFormPage(page);
  await form.open(ids.acme);
  await form.fill({ emails: "same@example.test SAME@example.test" });
  await form.submit();
  await expect(form.results).toContainText("Invited 1 of 2 addresses.");
  await expect(page.getByTestId("outcome")).toHaveText([
    "SAME@example.test: Skipped — Listed more than once: SAME@example.test",
    "same@example.test: Invited",
  ]);
  expect((await emulator.state()).invitations.map((i) => i.invitee.email)).toEqual(["same@example.test"]);
});

test("an invitation without email shows a link that works", async ({ page, stranger }) => {
  const form = new InviteFormPage(page);
  await form.open(ids.acme);
  await form.fill({ emails: "linkonly@example.test", roles: ["Member"], sendEmail: false });
  // Nothing is sent to anyone: the button says what it does instead.
  await expect(page.getByRole("button", { name: "Send invitations" })).toHaveCount(0);
  await page.getByRole("button", { name: "Create invitation links" }).click();
  await expect(form.results).toContainText("Invited 1 of 1 address.");
  const link = await form.outcome("linkonly@example.test").getByTestId("invitation-link").textContent();
  await expect(page.getByRole("button", { name: "Copy invitation link for linkonly@example.test" })).toBeVisible();
  expect(await emulator.mailbox()).toHaveLength(0);

  // The list offers the link too, for invitations made without email.
  const list = new InvitationsListPage(page);
  await list.open(ids.acme);
  await page.context().grantPermissions(["clipboard-read", "clipboard-write"], { origin: E2E.appUrl });
  await list.row("linkonly@example.test").getByRole("button", { name: /Copy invitation link/ }).click();
  await expect(page.getByRole("status").filter({ hasText: "Copied the invitation link for linkonly@example.test" })).toBeVisible();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(link);
  // Copying hands out access: it is on the invitation's record.
  await list.row("linkonly@example.test").getByRole("link", { name: /History/ }).click();
  await expect(page.getByTestId("history-entry").filter({ hasText: "Link copied by Alice Admin (alice@acme.test)" })).toHaveCount(1);

  const inviteePage = await stranger();
  await inviteePage.goto(link!);
  await expect(inviteePage.getByRole("heading", { name: "Accept your invitation" })).toBeVisible();
  await submitLoginPage(inviteePage, "linkonly@example.test", "a-password-1");
  await expect(inviteePage.getByText("Signed in to Acme Portal")).toBeVisible();
  await expect(inviteePage.getByText("Organization: Acme Corp")).toBeVisible();
});

test("a custom expiry beyond 30 days is refused before sending", async ({ page }) => {
  const form = new InviteFormPage(page);
  await form.open(ids.acme);
  await form.fill({ emails: "late@example.test", expiry: { amount: "31", unit: "days" } });
  await form.submit();
  await expect(form.fieldError("customAmount")).toContainText("at most 30 days");
  await form.fill({ emails: "late@example.test", expiry: { amount: "36", unit: "hours" } });
  await form.submit();
  await expect(form.results).toContainText("Invited 1 of 1 address.");
  const [invitation] = (await emulator.state()).invitations;
  expect(Date.parse(invitation!.expires_at) - Date.parse(invitation!.created_at)).toBe(36 * 3_600_000);
});

test("pending invitees and members are skipped unless replacing is chosen", async ({ page }) => {
  const pending = await createThroughApi("pending@example.test");
  const form = new InviteFormPage(page);
  await form.open(ids.acme);
  await form.fill({ emails: "pending@example.test bob@acme.test fresh@example.test" });
  await form.submit();
  await expect(form.results).toContainText("Invited 1 of 3 addresses.");
  await expect(form.outcome("pending@example.test")).toContainText("Already has a pending invitation");
  await expect(form.outcome("bob@acme.test")).toContainText("Already a member of this organization");
  // The address that went is cleared; the two that did not stay, with why.
  await expect(page.getByLabel("Email addresses")).toHaveValue("pending@example.test\nbob@acme.test");
  await expect(page.getByLabel("Email addresses")).toHaveAccessibleDescription(/The 2 addresses left here were not invited; the results below say why/);

  await form.fill({ emails: "pending@example.test", replacePending: true });
  await form.submit();
  await expect(form.outcome("pending@example.test")).toContainText("pending invitation replaced");
  await expect(page.getByLabel("Email addresses")).toHaveValue("");
  const forPending = (await emulator.state()).invitations.filter((i) => i.invitee.email === "pending@example.test");
  expect(forPending).toHaveLength(1);
  expect(forPending[0]!.id).not.toBe(pending.id);
});

test("the list shows pending invitations newest first, 25 a page, searchable by email", async ({ page }) => {
  for (let i = 0; i < 27; i++) await createThroughApi(`person${String(i).padStart(2, "0")}@example.test`, { roles: [ids.role("Member")] });
  const list = new InvitationsListPage(page);
  await list.open(ids.acme);
  await list.refreshFromAuth0();
  await expect(list.rows).toHaveCount(25);
  await expect(list.rows.first()).toContainText("person26@example.test");
  await expect(list.rows.first()).toContainText("Member");
  await expect(list.rows.first()).toContainText("Acme Portal");
  await expect(list.rows.first()).toContainText("Expires in 7 days");
  await page.getByRole("link", { name: "Next page" }).click();
  await expect(page).toHaveURL(/page=2/);
  await expect(list.rows).toHaveCount(2);
  await expect(list.rows.last()).toContainText("person00@example.test");
  // A page number past the end shows the last page.
  await list.open(ids.acme, "?page=99999999999999999999");
  await expect(page.getByRole("navigation", { name: "Pages" })).toContainText("Page 2 of 2");
  await expect(list.rows).toHaveCount(2);

  await list.search("person1");
  await expect(list.rows).toHaveCount(10);
  await list.search("nobody");
  await expect(page.getByText("No pending invitation matches")).toBeVisible();

  // The order applies as soon as it is chosen, as a status filter does: no Search button.
  await list.open(ids.acme);
  await page.getByLabel("Sort by").selectOption("Expiring soonest");
  await page.waitForURL((url) => url.searchParams.get("sort") === "expires");
  await expect(page.getByRole("table")).toContainText("expiring soonest first");
  await expect(list.rows.first()).toContainText("person00@example.test");
});

test("the list shows 25, 50 or 100 a page, kept in the URL with the search, with page numbers that go to their page", async ({ page }) => {
  test.budget({ pages: 10 });
  // Only this test's invitations are counted: they share a word to search by.
  const word = `size${randomUUID().slice(0, 8)}`;
  for (let i = 0; i < 55; i++) await createThroughApi(`${word}-${String(i).padStart(2, "0")}@example.test`);
  const list = new InvitationsListPage(page);
  await list.open(ids.acme);
  await list.refreshFromAuth0();
  await list.search(word);
  await expect(list.rows).toHaveCount(25);

  const size = page.getByLabel("Invitations per page");
  const pager = page.getByRole("navigation", { name: "Pages" });
  const pageLink = (n: number) => pager.getByRole("link", { name: `Page ${n}`, exact: true });
  await expect(size.locator("option")).toHaveText(["25", "50", "100"]);
  await expect(size).toHaveValue("25");
  await expect(pageLink(1)).toHaveAttribute("aria-current", "page");
  await expect(pageLink(3)).toBeVisible();

  await size.selectOption("50");
  await page.getByRole("button", { name: "Show", exact: true }).click();
  await page.waitForURL((url) => url.searchParams.get("size") === "50" && url.searchParams.get("q") === word);
  await expect(list.rows).toHaveCount(50);
  await expect(pager).toContainText("Page 1 of 2");
  await expect(pageLink(1)).toHaveAttribute("aria-current", "page");
  await expect(pageLink(3)).toHaveCount(0);

  await pageLink(2).click();
  await page.waitForURL((url) => url.searchParams.get("page") === "2" && url.searchParams.get("size") === "50");
  await expect(list.rows).toHaveCount(5);
  await expect(list.rows.last()).toContainText(`${word}-00@example.test`);
  await expect(pageLink(2)).toHaveAttribute("aria-current", "page");
  await expect(pageLink(1)).not.toHaveAttribute("aria-current");

  // A new size starts again at page 1; searching again keeps the size.
  await size.selectOption("25");
  await page.getByRole("button", { name: "Show", exact: true }).click();
  await page.waitForURL((url) => !url.searchParams.has("page") && url.searchParams.get("size") === "25" && url.searchParams.get("q") === word);
  await expect(list.rows).toHaveCount(25);
  await expect(pager).toContainText("Page 1 of 3");
  await list.open(ids.acme, `?size=100`);
  await list.search(word);
  await expect(page).toHaveURL(/size=100/);
  await expect(list.rows).toHaveCount(55);

  // A size not offered is the default, not an error.
  await list.open(ids.acme, `?q=${word}&size=7`);
  await expect(list.rows).toHaveCount(25);
  await expect(size).toHaveValue("25");
});

test("an invitation whose expiry passed (the emulator's clock) shows as Expired, and the rest stay pending", async ({ page }) => {
  await createThroughApi("too.late@example.test", { ttl_sec: 3_600 });
  await createThroughApi("in.time@example.test");
  await emulator.advanceClock(2 * 3_600);
  const list = new InvitationsListPage(page);
  await list.open(ids.acme);
  await list.refreshFromAuth0();
  await expect(list.row("in.time@example.test")).toContainText(/Expires in (6|7) days/);
  await expect(list.row("too.late@example.test")).toHaveCount(0);
  await list.filter("Expired");
  await expect(list.status("too.late@example.test")).toContainText("Expired");
  await expect(list.row("too.late@example.test")).toContainText("Expired 1 hour ago");
});

test("an invitation above the viewer's role: ivan (Inviter) sees Org Admin out of reach in the form, and why he cannot act on one", async ({ as }) => {
  await createThroughApi("future.boss@example.test", { roles: [ids.role("Org Admin")] });
  await createThroughApi("future.clerk@example.test", { roles: [ids.role("Member")] });
  const ivan = await as("ivan");
  const form = new InviteFormPage(ivan);
  await form.open(ids.acme);
  await expect(form.roles.getByLabel("Inviter", { exact: true })).toBeEnabled();
  const orgAdmin = form.roles.getByRole("checkbox", { name: /Org Admin/ });
  await expect(orgAdmin).toBeDisabled();
  await expect(orgAdmin).toHaveAccessibleDescription("— above your own role (Inviter)");

  const list = new InvitationsListPage(ivan);
  await list.open(ids.acme);
  await list.refreshFromAuth0();
  await expect(list.row("future.boss@example.test").getByRole("button")).toHaveCount(0);
  await expect(list.row("future.boss@example.test")).toContainText("Grants a role above your own role (Inviter)");
  await expect(list.row("future.clerk@example.test").getByRole("button", { name: "Revoke invitation for future.clerk@example.test" })).toBeVisible();
  await expect(list.row("future.clerk@example.test")).not.toContainText("above your own role");
});

test("revoke asks first, removes the row and the invitation", async ({ page }) => {
  await createThroughApi("revoke.me@example.test");
  const list = new InvitationsListPage(page);
  await list.open(ids.acme);
  await list.refreshFromAuth0();
  await list.revoke("revoke.me@example.test");
  await expect(list.row("revoke.me@example.test")).toHaveCount(0);
  await expect(page.getByRole("status").filter({ hasText: "Revoked the invitation for revoke.me@example.test" })).toBeVisible();
  expect((await emulator.state()).invitations).toHaveLength(0);

  await page.goto(`/orgs/${ids.acme}/activity`);
  await expect(page.getByTestId("activity-row").first()).toContainText("revoked");
  await expect(page.getByTestId("activity-row").first()).toContainText("revoke.me@example.test");
});

test("a refused revoke puts the row back and says why", async ({ page }) => {
  await createThroughApi("sticky@example.test");
  const list = new InvitationsListPage(page);
  await list.open(ids.acme);
  await list.refreshFromAuth0();
  await emulator.fault({ method: "DELETE", path: "/invitations/", status: 403, count: 1, body: {
    statusCode: 403, error: "Forbidden", message: "Insufficient scope; expected any of: delete:organization_invitations.", errorCode: "insufficient_scope",
  } });
  await list.revoke("sticky@example.test");
  await expect(page.getByRole("alert").filter({ hasText: "lacks delete:organization_invitations" })).toBeVisible();
  await expect(list.row("sticky@example.test")).toHaveCount(1);
  expect((await emulator.state()).invitations).toHaveLength(1);
});

test("resend revokes and re-creates with the same details and a fresh expiry", async ({ page }) => {
  const original = await createThroughApi("again@example.test", {
    roles: [ids.role("Billing")],
    connection_id: ids.connection("google-oauth2"),
    ttl_sec: 3 * 86_400,
  });
  const list = new InvitationsListPage(page);
  await list.open(ids.acme);
  await list.refreshFromAuth0();
  await list.resend("again@example.test");
  await expect(page.getByRole("status").filter({ hasText: "Sent a new invitation to again@example.test" })).toBeVisible();

  const { invitations } = await emulator.state();
  expect(invitations).toHaveLength(1);
  const [renewed] = invitations;
  expect(renewed!.id).not.toBe(original.id);
  expect(renewed).toMatchObject({
    invitee: { email: "again@example.test" },
    client_id: original.client_id,
    connection_id: original.connection_id,
    roles: original.roles,
  });
  expect(Date.parse(renewed!.expires_at) - Date.parse(renewed!.created_at)).toBe(3 * 86_400_000);
  expect(Date.parse(renewed!.created_at)).toBeGreaterThanOrEqual(Date.parse(original.created_at));
  expect((await emulator.mailbox()).map((m) => m.invitation_id)).toContain(renewed!.id);
});

test("a link-only invitation resent stays link-only: no email, a new link, and Copy link still offered", async ({ page }) => {
  const email = "link.again@example.test";
  const form = new InviteFormPage(page);
  await form.open(ids.acme);
  await form.fill({ emails: email, roles: ["Member"], sendEmail: false });
  await form.submit();
  await expect(form.results).toContainText("Invited 1 of 1 address.");
  const [original] = (await emulator.state()).invitations;

  const list = new InvitationsListPage(page);
  await list.open(ids.acme);
  await list.row(email).getByRole("button", { name: `Resend invitation to ${email}` }).click();
  await expect(page.getByRole("form", { name: "Confirm" })).toContainText("a new link is made; no email is sent");
  await page.getByRole("button", { name: "Yes, resend" }).click();
  await expect(page.getByRole("status").filter({ hasText: `Made a new invitation link for ${email}, without email` })).toBeVisible();
  const { invitations } = await emulator.state();
  expect(invitations).toHaveLength(1);
  expect(invitations[0]!.id).not.toBe(original!.id);
  expect(await emulator.mailbox()).toHaveLength(0);
  await expect(list.row(email).getByRole("button", { name: `Copy invitation link for ${email}` })).toBeVisible();
});

test("a resend whose second step fails says so honestly", async ({ page }) => {
  await createThroughApi("halfway@example.test");
  const list = new InvitationsListPage(page);
  await list.open(ids.acme);
  await list.refreshFromAuth0();
  await emulator.fault({ method: "POST", path: "/invitations$", status: 400, count: 1, body: {
    statusCode: 400, error: "Bad Request", message: "The specified client_id does not exist.", errorCode: "invalid_body",
  } });
  await list.resend("halfway@example.test");
  await expect(page.getByRole("alert").filter({ hasText: "The old invitation was revoked, but a new one could not be created" })).toBeVisible();
  expect((await emulator.state()).invitations).toHaveLength(0);
});
