// The landing page that stops the wrong account (/join/{token}): what the invitee sees, Continue ending
// whoever is signed in to Auth0 before the invitation is used, what it says of a revoked invitation, and
// what it gives a guesser: 404 for any other token, and 429 past its throttle.
import { randomInt, randomUUID } from "node:crypto";
import type { Page } from "@playwright/test";
import { expectAccessible } from "./support/accessibility.ts";
import { E2E } from "./support/addresses.ts";
import { emulator } from "./support/emulator.ts";
import { InvitationsListPage, InviteFormPage } from "./support/invitation-pages.ts";
import { ids, storageStatePath, submitLoginPage } from "./support/personas.ts";
import { expect, test } from "./support/test.ts";

test.use({ storageState: storageStatePath("alice") });
test.beforeEach(async () => {
  await emulator.reset();
});

const portalLogin = `${E2E.signInUrl}/apps/${ids.client("Acme Portal")}/login`;

/** Alice creates a link-only invitation and copies its landing-page link from the invitations list. */
async function landingLinkFor(page: Page, email: string): Promise<string> {
  const form = new InviteFormPage(page);
  await form.open(ids.acme);
  await form.fill({ emails: email, roles: ["Member", "Billing"], sendEmail: false });
  await page.getByRole("button", { name: "Create invitation links" }).click();
  await expect(form.results).toContainText("Invited 1 of 1 address.");
  const list = new InvitationsListPage(page);
  await list.open(ids.acme);
  await page.context().grantPermissions(["clipboard-read", "clipboard-write"], { origin: E2E.appUrl });
  await list.row(email).getByRole("button", { name: `Copy landing-page link for ${email}` }).click();
  await expect(page.getByRole("status").filter({ hasText: `Copied the landing-page link for ${email}` })).toBeVisible();
  const link = await page.evaluate(() => navigator.clipboard.readText());
  expect(link).toMatch(new RegExp(`^${E2E.appUrl}/join/[A-Za-z0-9_-]{43}$`));
  return link;
}

test("the invitee sees the invitation masked, and Continue ends another account's Auth0 session before the invitation", async ({ page, stranger }) => {
  // Addresses new to every run: the app's ledger outlives the emulator's reset.
  const email = `landing.${randomUUID().slice(0, 8)}@example.test`;
  const link = await landingLinkFor(page, email);
  const invitation = (await emulator.state()).invitations.find((created) => created.invitee.email === email);

  // Bob is signed in to Auth0 (the emulator) in the invitee's browser: a second visit needs no password.
  const browser = await stranger();
  await browser.goto(portalLogin);
  await submitLoginPage(browser, "bob@acme.test");
  await expect(browser.getByText("Signed in to Acme Portal")).toBeVisible();
  await browser.goto(portalLogin);
  await expect(browser.getByText("Signed in to Acme Portal")).toBeVisible();

  // This browser also holds Alice's session in the app (the fixture's): the landing page leaves it alone.
  const response = await browser.goto(link);
  await expect(browser.getByTestId("signed-in-as")).toContainText("Alice Admin");
  expect(response?.status()).toBe(200);
  expect(response?.headers()["referrer-policy"]).toBe("no-referrer");
  expect(response?.headers()["x-robots-tag"]).toContain("noindex");
  await expect(browser.locator('meta[name="robots"]')).toHaveAttribute("content", /noindex/);
  await expect(browser.getByRole("heading", { name: "Join Acme Corp" })).toBeVisible();
  await expect(browser.getByTestId("join-inviter")).toHaveText("Alice Admin");
  await expect(browser.getByTestId("join-address")).toHaveText("l•••@example.test");
  await expect(browser.getByTestId("join-roles")).toHaveText("Member, Billing");
  const html = await browser.content();
  expect(html).not.toContain(invitation!.id);
  expect(html).not.toContain(invitation!.ticket_id);
  expect(html).not.toContain(email);
  await expectAccessible(browser, "an open invitation's landing page");

  await browser.getByRole("button", { name: "Continue to sign in" }).click();
  // Auth0's logout ended Bob's session and returned to the invitation link: the sign-in asks afresh, for the invited address.
  await expect(browser.getByRole("heading", { name: "Accept your invitation" })).toBeVisible();
  await expect(browser.getByLabel("Email address")).toHaveValue(email);
  expect(new URL(browser.url()).origin).toBe(E2E.signInUrl);
  await browser.goto(portalLogin);
  await expect(browser.getByRole("heading", { name: "Log in" })).toBeVisible();
  await browser.goto("/");
  await expect(browser.getByTestId("signed-in-as")).toContainText("Alice Admin");
});

test("a revoked invitation's page says it was revoked and whom to ask, and offers no Continue", async ({ page, stranger }) => {
  const email = `revoked.${randomUUID().slice(0, 8)}@example.test`;
  const link = await landingLinkFor(page, email);
  await new InvitationsListPage(page).revoke(email);
  await expect(page.getByRole("status").filter({ hasText: email })).toBeVisible();

  const browser = await stranger();
  await browser.goto(link);
  await expect(browser.getByRole("heading", { name: "Join Acme Corp" })).toBeVisible();
  const said = browser.getByRole("alert").filter({ hasText: "This invitation was revoked" });
  await expect(said).toContainText("Ask Alice Admin whether you should still join.");
  await expect(browser.getByRole("button", { name: "Continue to sign in" })).toHaveCount(0);
  await expectAccessible(browser, "a revoked invitation's landing page");
});

test("any other token answers 404, and an address past its throttle gets 429 while others do not", async ({ request }) => {
  // An address of this test's own (the app counts by the last X-Forwarded-For entry), so that only its requests count.
  const address = { "x-forwarded-for": `198.51.100.${randomInt(1, 255)}, 203.0.113.${randomInt(1, 255)}` };
  const limit = 30; // THROTTLE_JOIN_PAGE_PER_MINUTE's default
  for (const token of ["A".repeat(43), "short", "not~a~token!"]) {
    const answer = await request.get(`/join/${token}`, { headers: address });
    expect(answer.status()).toBe(404);
    expect(await answer.text()).toContain("Invitation not found");
  }
  for (let i = 3; i < limit; i++) expect((await request.get(`/join/${"C".repeat(43)}`, { headers: address })).status()).toBe(404);
  const refused = await request.get(`/join/${"C".repeat(43)}`, { headers: address });
  expect(refused.status()).toBe(429);
  expect(await refused.text()).toMatch(/^Too many requests\. More than 30 invitation pages were opened from your address within a minute\. Try again in \d+ seconds?\.$/);
  expect((await request.post(`/join/${"C".repeat(43)}/continue`, { headers: address })).status()).toBe(429);
  expect((await request.get(`/join/${"C".repeat(43)}`, { headers: { "x-forwarded-for": "192.0.2.77" } })).status()).toBe(404);
});
