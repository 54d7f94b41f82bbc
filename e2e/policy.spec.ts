// The delegation policy, as an operator sets it in Acme's Auth0 metadata: only acme.test addresses, invitations of
// at most one day. ivan's submission with a gmail.com and an acme.test address sends the one and refuses the other
// with the rule's words; the Policy page shows the limits with their source; a bulk preview skips the gmail.com row
// with the same reason; the invite form shows expiries above a day disabled, and a custom 7 days is refused with the
// maximum. The app caches an organization's details (and so its metadata) for 30 s: the spec waits for the Policy page to show the change, at the start and again
// after restoring the seed's metadata, so no later spec meets Acme's policy.
import { randomBytes } from "node:crypto";
import { emulator } from "./support/emulator.ts";
import { InviteFormPage } from "./support/invitation-pages.ts";
import { ids } from "./support/personas.ts";
import { withAcmePolicy } from "./support/policy.ts";
import { expect, test } from "./support/test.ts";

const POLICY = { invite_domains: "acme.test", invite_max_ttl_days: "1", invite_remind: "2,1" };
const OUTSIDE = "gmail.com is outside acme.test, the organization's allowed domains: ask an operator to add the domain, or invite an address there.";
const run = randomBytes(4).toString("hex");
const policyPath = `/orgs/${ids.acme}/policy`;

test.describe.configure({ mode: "serial" });

withAcmePolicy(POLICY);

test("the Policy page shows each limit in effect and where it comes from, linked from the organization's navigation", async ({ as }) => {
  const ivan = await as("ivan");
  await ivan.goto(`/orgs/${ids.acme}/members`);
  await ivan.getByRole("navigation", { name: "Organization" }).getByRole("link", { name: "Policy" }).click();
  await ivan.waitForURL((url) => url.pathname === policyPath);
  await expect(ivan.getByRole("heading", { name: "Delegation policy" })).toBeVisible();
  await expect(ivan.getByTestId("policy-domains").locator("th, td")).toHaveText(["Allowed invitee domains", "acme.test", "organization metadata", "invite_domains"]);
  await expect(ivan.getByTestId("policy-maxTtlDays").locator("th, td")).toHaveText(["Longest expiry", "1 day", "organization metadata", "invite_max_ttl_days"]);
  await expect(ivan.getByTestId("policy-blockFreeMail").locator("th, td")).toHaveText(["Free and disposable mail providers", "Allowed", "none", "invite_block_free_mail"]);
  // Not limits, but the policy's own steps, from the operator alone: off unless set.
  await expect(ivan.getByTestId("policy-reminders").locator("th, td")).toHaveText(["Reminders before expiry", "2 days before expiry, at most once", "organization metadata", "invite_remind"]);
  await expect(ivan.getByTestId("policy-renewals").locator("th, td")).toHaveText(["Automatic renewal when expired unaccepted", "None", "none", "invite_renew"]);
  await expect(ivan.getByTestId("policy-malformed")).toHaveCount(0);
});

test("ivan's gmail.com address is refused with the rule's message, while the acme.test address of the same submission is sent", async ({ as }) => {
  const ivan = await as("ivan");
  const outside = `policy-${run}@gmail.com`;
  const inside = `policy-${run}@acme.test`;
  const form = new InviteFormPage(ivan);
  await form.open(ids.acme);
  await form.fill({ emails: `${outside}\n${inside}`, expiry: "1 day" });
  await form.submit();
  await expect(form.results).toContainText("Invited 1 of 2 addresses.");
  await expect(form.outcome(outside)).toHaveText(`${outside}: Skipped — ${OUTSIDE}`);
  await expect(form.outcome(inside)).toContainText(`${inside}: Invited`);
  const invited = (await emulator.state()).invitations.map((invitation) => invitation.invitee.email);
  expect(invited).toContain(inside);
  expect(invited).not.toContain(outside);
});

test("the invite form offers no expiry above 1 day, and a custom 7 days is refused on the server, saying so", async ({ as }) => {
  const ivan = await as("ivan");
  const address = `week-${run}@acme.test`;
  const form = new InviteFormPage(ivan);
  await form.open(ids.acme);
  await expect(form.expiry.getByLabel("7 days", { exact: true })).toBeDisabled();
  await expect(form.expiry.getByLabel("30 days", { exact: true })).toBeDisabled();
  await expect(form.expiry).toContainText("The organization's policy allows at most 1 day: longer choices are not available.");
  await form.fill({ emails: address, expiry: { amount: "7", unit: "days" } });
  await form.submit();
  await expect(form.outcome(address)).toHaveText(
    `${address}: Skipped — Expires in 7 days, longer than the 1 day the organization's policy allows: choose 1 day or less.`,
  );
  expect((await emulator.state()).invitations.map((invitation) => invitation.invitee.email)).not.toContain(address);
});

test("a bulk preview marks the gmail.com row skipped with the rule's reason, and queues the acme.test row", async ({ as }) => {
  const ivan = await as("ivan");
  await ivan.goto(`/orgs/${ids.acme}/invitations/bulk`);
  const csv = ["Email", `bulk-${run}@gmail.com`, `bulk-${run}@acme.test`].join("\r\n");
  await ivan.getByLabel("CSV file").setInputFiles({ name: "people.csv", mimeType: "text/csv", buffer: Buffer.from(csv) });
  await ivan.getByRole("group", { name: "Expires in" }).getByLabel("1 day", { exact: true }).check();
  await ivan.getByRole("button", { name: "Preview", exact: true }).click();
  await expect(ivan.getByTestId("preview-counts")).toHaveText("1 to invite, 1 skipped");
  const skipped = ivan.locator('[data-testid="preview-row"][data-state="skipped"]');
  await expect(skipped).toHaveCount(1);
  await expect(skipped.locator("td").first()).toHaveText("2");
  await expect(skipped.locator("td").last()).toHaveText(`Skipped: ${OUTSIDE}`);
  await expect(ivan.locator('[data-testid="preview-row"][data-state="queued"]')).toContainText(`bulk-${run}@acme.test`);
});
