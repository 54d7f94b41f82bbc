// The inviter is told by our own email (playwright.own-email.config.ts): alice invites, the invitee accepts
// through the app's email, and once the ledger has it ("Refresh from Auth0") alice gets one email from the app
// saying so, and her home page's "Since your last visit" lists it. Counts only the mail about its own address.
import { expect } from "@playwright/test";
import { emulator } from "../support/emulator.ts";
import { InviteFormPage, InvitationsListPage } from "../support/invitation-pages.ts";
import { ids, submitLoginPage } from "../support/personas.ts";
import { test } from "../support/test.ts";

test("alice is told by email and on her home page that her invitation was accepted", async ({ freshSession, stranger }) => {
  const email = `told.${Date.now()}@example.test`;
  const headline = `Your invitation for ${email} to Acme Corp was accepted`;
  const alice = await freshSession("alice");
  const form = new InviteFormPage(alice);
  await form.open(ids.acme);
  await form.fill({ emails: email, application: "Acme Portal", roles: ["Member"] });
  await form.submit();
  await expect(form.results).toContainText("Invited 1 of 1 address.");

  let link = "";
  await expect.poll(async () => (link = (await emulator.mailbox()).find((mail) => mail.to === email)?.links?.[0] ?? ""), { timeout: 30_000 }).not.toBe("");
  const invitee = await stranger();
  await invitee.goto(link);
  await invitee.getByRole("button", { name: "Continue to sign in" }).click();
  await expect(invitee.getByLabel("Email address")).toHaveValue(email);
  await submitLoginPage(invitee, email, "a-long-password");
  await expect(invitee.getByText("Signed in to Acme Portal")).toBeVisible();

  const list = new InvitationsListPage(alice);
  await list.open(ids.acme, "?status=accepted");
  await list.refreshFromAuth0();
  await expect(list.status(email)).toContainText("Accepted");

  const toldAlice = async () => (await emulator.mailbox()).filter((mail) => mail.to === "alice@acme.test" && mail.subject.startsWith(headline));
  await expect.poll(async () => (await toldAlice()).length, { timeout: 30_000 }).toBe(1);
  const [told] = await toldAlice();
  expect(told!.sent_by).toBe("app");
  // Who accepted is in the body; the subject leaves out the account's self-chosen name.
  expect(told!.subject).toBe(headline);
  expect(told!.text).toContain(`accepted by ${email} (Auth0 user `);

  await alice.goto("/");
  await expect(alice.getByRole("list", { name: "Since your last visit" }).getByRole("listitem").filter({ hasText: headline })).toHaveCount(1);
  // Sent once: a later round does not send it again.
  expect(await toldAlice()).toHaveLength(1);
});
