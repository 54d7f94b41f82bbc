// Our own invitation email, with SMTP_URL pointed at the emulator's SMTP sink (playwright.own-email.config.ts):
// alice invites; the email in the mailbox is marked as the app's, carries Acme's name, logo and primary colour,
// and links to the app's landing page (/join/…); Auth0 sent no email of its own. The invitee, signed in to Auth0
// as someone else, follows it: Continue ends that session, the invitee signs up, and it turns Accepted. A bounce is shown to the
// inviter on the invitations list and the history page. Each test counts only the mail to its own address.
import { expect } from "@playwright/test";
import { E2E } from "../support/addresses.ts";
import { emulator, type MailMessage } from "../support/emulator.ts";
import { InviteFormPage, InvitationsListPage } from "../support/invitation-pages.ts";
import { ids, submitLoginPage } from "../support/personas.ts";
import { test } from "../support/test.ts";

const portalLogin = `${E2E.signInUrl}/apps/${ids.client("Acme Portal")}/login`;

const mailTo = async (email: string): Promise<MailMessage[]> => (await emulator.mailbox()).filter((mail) => mail.to === email);

async function invite(page: import("@playwright/test").Page, email: string) {
  const form = new InviteFormPage(page);
  await form.open(ids.acme);
  await form.fill({ emails: email, application: "Acme Portal", roles: ["Member"] });
  await form.submit();
  await expect(form.results).toContainText("Invited 1 of 1 address.");
}

test("alice invites; the app's own email, branded, links to the landing page, Auth0 sends none, and the invitee accepts as the invited address", async ({ freshSession, stranger }) => {
  const email = `own.email.${Date.now()}@example.test`;
  const alice = await freshSession("alice");
  await invite(alice, email);

  await expect.poll(async () => (await mailTo(email)).length, { timeout: 30_000 }).toBe(1);
  // Auth0 would have sent its email as the invitation was made, before ours: the address has ours alone.
  const mails = await mailTo(email);
  expect(mails.map((mail) => mail.sent_by)).toEqual(["app"]);
  const [mail] = mails;
  expect(mail!.subject).toBe("Alice Admin invited you to join Acme Corp");
  expect(mail!.html).toContain('src="https://acme.test/logo.png"');
  expect(mail!.html).toContain("#0b6e4f");
  expect(mail!.text).toContain("Acme Corp");
  expect(mail!.links).toEqual([expect.stringMatching(new RegExp(`^${E2E.appUrl}/join/[A-Za-z0-9_-]{43}$`))]);
  // Auth0 made the invitation without sending its email.
  const invitation = (await emulator.state()).invitations.find((i) => i.invitee.email === email);
  expect(invitation).toBeDefined();

  // The mailbox page marks it as the app's, with its link clickable.
  const reader = await stranger();
  await reader.goto(`${E2E.signInUrl}/mailbox`);
  const item = reader.getByRole("listitem").filter({ hasText: `To: ${email}` });
  await expect(item.getByText("Sent by the app")).toBeVisible();
  await expect(item.getByRole("link", { name: mail!.links![0]! })).toHaveAttribute("href", mail!.links![0]!);
  await expect(item.getByTitle(`The email to ${email}`)).toBeVisible();

  // The invitee's browser is signed in to Auth0 as bob. The link leads to the landing page, whose Continue
  // ends bob's session before the invitation is used, so the invitee signs up as the invited address.
  await reader.goto(portalLogin);
  await submitLoginPage(reader, "bob@acme.test");
  await expect(reader.getByText("Signed in to Acme Portal")).toBeVisible();
  await reader.goto(`${E2E.signInUrl}/mailbox`);
  await item.getByRole("link", { name: mail!.links![0]! }).click();
  await expect(reader.getByRole("heading", { name: "Join Acme Corp" })).toBeVisible();
  await reader.getByRole("button", { name: "Continue to sign in" }).click();
  await expect(reader.getByRole("heading", { name: "Accept your invitation" })).toBeVisible();
  await expect(reader.getByLabel("Email address")).toHaveValue(email);
  await submitLoginPage(reader, email, "a-long-password");
  await expect(reader.getByText("Signed in to Acme Portal")).toBeVisible();

  const list = new InvitationsListPage(alice);
  await list.open(ids.acme, "?status=accepted");
  await list.refreshFromAuth0();
  await expect(list.status(email)).toContainText("Accepted");
  await expect(list.status(email)).toContainText(`by ${email}`);
});

test("a bounced email is shown to the inviter, with what to do next", async ({ freshSession }) => {
  const email = `bounce.${Date.now()}@example.test`;
  // Aimed at this address alone: a notice to alice from the test before may still be on its way.
  await emulator.smtpAnswers(email, [550]);
  const alice = await freshSession("alice");
  await invite(alice, email);

  const list = new InvitationsListPage(alice);
  const problem = list.row(email).getByTestId("email-problem");
  // The delivery runs in the background: look again until it has settled.
  await expect(async () => {
    await list.open(ids.acme);
    await expect(problem).toBeVisible({ timeout: 1000 });
  }).toPass({ timeout: 30_000 });
  await expect(problem).toContainText("Our email bounced");
  await expect(problem).toContainText("550");
  await expect(problem).toContainText("Resend");
  expect(await mailTo(email)).toEqual([]);

  await list.row(email).getByRole("link", { name: `History of the invitation for ${email}` }).click();
  await expect(alice.getByText("Invitation email bounced")).toBeVisible();
  await expect(alice.getByText(/Our email bounced: .*550/)).toBeVisible();
});
