// What became of an invitation, told to the inviter: an invitation used up by the wrong account (Auth0's own
// email, tenant log `fi`) names who tried on its history and in Activity, and alice invites again in one click
// with the same settings; her home page lists it "Since your last visit"; each person turns the emails off on
// the settings page.
import { randomUUID } from "node:crypto";
import { ActivityPage } from "./support/activity-page.ts";
import { E2E } from "./support/addresses.ts";
import { emulator } from "./support/emulator.ts";
import { BACKGROUND_WORK_MS, captureServerAction, InvitationsListPage, InviteFormPage, replayAs } from "./support/invitation-pages.ts";
import { ids, personas, storageStatePath, submitLoginPage } from "./support/personas.ts";
import { expect, test } from "./support/test.ts";

test.use({ storageState: storageStatePath("alice") });
test.beforeEach(async () => {
  await emulator.reset();
});

/** An address no earlier test (nor an earlier run on the same store) has used: the ledger remembers them all. */
const unique = (name: string) => `${name}.${randomUUID().slice(0, 8)}@example.test`;

test("wrong account: who tried shows on the history and in Activity, alice invites again in one click, and her home page tells her", async ({ page, stranger }) => {
  test.budget({ signIns: 1, pages: 12 });
  const email = unique("right.person");
  const form = new InviteFormPage(page);
  await form.open(ids.acme);
  await form.fill({ emails: email, application: "Acme Portal", roles: ["Member", "Billing"], connection: "Username-Password-Authentication", expiry: "1 day" });
  await form.submit();
  await expect(form.results).toContainText("Invited 1 of 1 address.");
  const [original] = (await emulator.state()).invitations.filter((i) => i.invitee.email === email);
  expect(original).toBeDefined();

  // Bob opens the link from Auth0's email and signs in as himself: Auth0 uses the invitation up (`fi`).
  const wrong = await stranger();
  await wrong.goto(`${E2E.signInUrl}/mailbox`);
  await wrong.getByRole("listitem").filter({ hasText: email }).getByRole("link", { name: /Accept the invitation/ }).click();
  await submitLoginPage(wrong, personas.bob);
  await expect(wrong.getByRole("heading", { name: "Wrong account" })).toBeVisible();
  const bob = `${personas.bob} (Auth0 user ${ids.user(personas.bob)})`;

  const list = new InvitationsListPage(page);
  await list.open(ids.acme, "?status=closed");
  await list.refreshFromAuth0();
  await expect(list.status(email)).toContainText("Consumed");
  await list.row(email).getByRole("link", { name: `History of the invitation for ${email}` }).click();
  await expect(page.getByTestId("history-entry").filter({ hasText: `Used up by another account: ${bob} signed in instead of ${email}` })).toHaveCount(1);

  const activity = new ActivityPage(page);
  await activity.open(ids.acme);
  // Other tests' invitations fill the trail's first pages on a reused store: look among acceptances.
  await activity.filter({ action: "Accept an invitation" });
  const tried = activity.rowsWith(`tried to accept the invitation for ${email}`);
  await expect(tried).toHaveCount(1);
  await expect(tried).toContainText(`${personas.bob} tried to accept the invitation for ${email} — failed: Signed in with another account than the invited address (${bob})`);

  // Her home page lists it since her last visit (the notice is made in the background: reload until it is).
  await expect(async () => {
    await page.goto("/");
    await expect(page.getByRole("list", { name: "Since your last visit" }).getByTestId("notice").filter({ hasText: email })).toContainText(
      `Your invitation for ${email} to Acme Corp was used up by another account: ${bob}.`,
      { timeout: 1_000 },
    );
  }).toPass({ timeout: BACKGROUND_WORK_MS });
  // Reading it again within the visit keeps it.
  await page.reload();
  const notice = page.getByRole("list", { name: "Since your last visit" }).getByTestId("notice").filter({ hasText: email });
  await expect(notice).toHaveCount(1);

  // One click from the notice's history: a fresh invitation with the same settings.
  await notice.getByRole("link", { name: `History of the invitation for ${email}` }).click();
  await emulator.clearRequests();
  await page.getByRole("button", { name: `Invite ${email} again` }).click();
  await expect(page.getByRole("status").filter({ hasText: `Invited ${email} again.` })).toBeVisible();
  await expect(page.getByText("Now:")).toContainText("Pending");
  const posts = (await emulator.requests()).filter((r) => r.method === "POST" && r.path.endsWith("/invitations"));
  expect(posts).toHaveLength(1);
  const fresh = (await emulator.state()).invitations.filter((i) => i.invitee.email === email);
  expect(fresh).toHaveLength(1);
  expect(fresh[0]!.id).not.toBe(original!.id);
  expect(fresh[0]).toMatchObject({ client_id: original!.client_id, connection_id: ids.connection("Username-Password-Authentication"), roles: original!.roles });
  expect(Date.parse(fresh[0]!.expires_at) - Date.parse(fresh[0]!.created_at)).toBe(86_400_000);
  await expect(page.getByTestId("history-entry").filter({ hasText: `Sent again by Alice Admin (alice@acme.test)` })).toHaveCount(1);
  await expect(page.getByRole("button", { name: `Invite ${email} again` })).toHaveCount(0);
});

test("each person turns the outcome emails off and on again on the settings page", async ({ page }) => {
  await page.goto("/");
  await page.getByRole("link", { name: "Settings" }).click();
  await expect(page.getByRole("heading", { name: "Your settings" })).toBeVisible();
  const emails = page.getByLabel("Email me when my invitations are accepted, used up by another account, or expire unaccepted");
  await expect(emails).toBeChecked();
  await emails.uncheck();
  await page.getByRole("button", { name: "Save settings" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Settings saved: emails about your invitations are off." })).toBeVisible();
  await page.reload();
  await expect(emails).not.toBeChecked();

  await emails.check();
  await page.getByRole("button", { name: "Save settings" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Settings saved: emails about your invitations are on." })).toBeVisible();
  await page.reload();
  await expect(emails).toBeChecked();
});

test("the settings action changes only the caller's own settings, and refuses an anonymous caller", async ({ page, as }) => {
  await page.goto("/settings");
  const label = "Email me when my invitations are accepted, used up by another account, or expire unaccepted";
  await page.getByLabel(label).uncheck();
  const turnOff = await captureServerAction(page, () => page.getByRole("button", { name: "Save settings" }).click());
  await expect(page.getByRole("status").filter({ hasText: "emails about your invitations are off" })).toBeVisible();
  await page.getByLabel(label).check();
  await page.getByRole("button", { name: "Save settings" }).click();
  await expect(page.getByRole("status").filter({ hasText: "emails about your invitations are on" })).toBeVisible();

  expect(await replayAs("anonymous", turnOff)).toContain('"code":"unauthenticated"');
  // Bob's replay of alice's request turns off bob's emails, never alice's: the person is the session's.
  expect(await replayAs("bob", turnOff)).toContain('"ok":true');
  const bob = await as("bob");
  await bob.goto("/settings");
  await expect(bob.getByLabel(label)).not.toBeChecked();
  await page.reload();
  await expect(page.getByLabel(label)).toBeChecked();
  await bob.getByLabel(label).check();
  await bob.getByRole("button", { name: "Save settings" }).click();
  await expect(bob.getByRole("status").filter({ hasText: "emails about your invitations are on" })).toBeVisible();
});
