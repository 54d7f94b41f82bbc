// An organization's own admins tighten the operator's delegation policy, never loosen it. Acme's operator sets
// no limit on expiry, and refuses addresses outside the allowed domains (the default): alice tightens the
// longest expiry to 3 days, the Policy page names her as its source and the invite form shows the longer
// choices disabled; ivan (an Inviter) sees the policy but no form; a replayed loosening (outside addresses
// sent for approval, looser than the operator's "refuse") is refused and changes nothing, as are the same
// calls by ivan, bob and carol; sam sees the policy at the support desk; the trail says who, old and new;
// alice removes her tightening, and Acme is as the seed made it for the specs after this one.
// The admins' tightenings are in the store, read on each view: no Auth0 cache to wait for.
import type { Locator, Page } from "@playwright/test";
import { ActivityPage } from "./support/activity-page.ts";
import { emulator } from "./support/emulator.ts";
import { captureServerAction, replayAs, replayInSession } from "./support/invitation-pages.ts";
import { ids, storageStatePath } from "./support/personas.ts";
import { SupportDesk } from "./support/support-desk.ts";
import { expect, test } from "./support/test.ts";

const policyPath = `/orgs/${ids.acme}/policy`;
const expiryRow = (page: Page) => page.getByTestId("policy-maxTtlDays");
const outsideRow = (page: Page) => page.getByTestId("policy-outsideDomains");
/** What a limit's form says once its change is saved (the submit button's "still working" is a status too). */
const saved = (form: Locator) => form.getByRole("status").filter({ hasText: "in effect" });

test.describe.configure({ mode: "serial" });

test.beforeAll(async () => {
  await emulator.reset();
});

// Whatever happened above, Acme leaves this spec without a tightening of alice's.
test.afterAll(async ({ browser }) => {
  const context = await browser.newContext({ storageState: storageStatePath("alice") });
  const page = await context.newPage();
  await page.goto(policyPath);
  const remove = page.getByRole("button", { name: /^Remove the tightening of / });
  while ((await remove.count()) > 0) {
    await remove.first().click();
    await expect(page.getByRole("status").filter({ hasText: "in effect" })).toBeVisible();
    await page.goto(policyPath);
  }
  await context.close();
});

test("alice tightens the longest expiry to 3 days: the page names the organization admin as its source, and the invite form offers nothing longer", async ({ as }) => {
  const alice = await as("alice");
  await alice.goto(policyPath);
  await expect(expiryRow(alice).locator("th, td")).toHaveText(["Longest expiry", "30 days (Auth0's longest)", "none", "invite_max_ttl_days"]);

  const form = alice.getByRole("form", { name: "Tighten: Longest expiry" });
  await form.getByLabel("Longest expiry").fill("31");
  await form.getByRole("button", { name: "Tighten longest expiry" }).click();
  await expect(form.locator("#maxTtlDays-value-error")).toContainText('"31" is not a whole number of days from 1 to 30');
  await expect(expiryRow(alice).locator("td").nth(0)).toHaveText("30 days (Auth0's longest)");
  await form.getByLabel("Longest expiry").fill("3");
  await form.getByRole("button", { name: "Tighten longest expiry" }).click();
  await expect(saved(form)).toHaveText("Longest expiry in effect: 3 days.");

  await expect(expiryRow(alice).locator("td").nth(0)).toHaveText("3 days");
  await expect(expiryRow(alice).locator("td").nth(1)).toContainText("organization admin");
  await expect(expiryRow(alice).locator("td").nth(1)).toContainText("set by Alice Admin");

  await alice.goto(`/orgs/${ids.acme}/invitations/new`);
  const expiry = alice.getByRole("group", { name: "Expires in" });
  await expect(expiry).toContainText("The organization's policy allows at most 3 days: longer choices are not available.");
  await expect(expiry.getByLabel("1 day", { exact: true })).toBeChecked();
  await expect(expiry.getByLabel("7 days", { exact: true })).toBeDisabled();
  await expect(expiry.getByLabel("30 days", { exact: true })).toBeDisabled();
  await expiry.getByLabel("Custom", { exact: true }).check();
  await expect(alice.getByLabel("Custom duration")).toHaveAttribute("max", "3");
  await alice.getByLabel("Unit").selectOption("hours");
  await expect(alice.getByLabel("Custom duration")).toHaveAttribute("max", "72");
});

test("ivan (an Inviter) sees the tightened policy but no form to change it", async ({ as }) => {
  const ivan = await as("ivan");
  await ivan.goto(policyPath);
  await expect(expiryRow(ivan).locator("td").nth(0)).toHaveText("3 days");
  await expect(ivan.getByRole("heading", { name: "Tighten the policy" })).toHaveCount(0);
  await expect(ivan.getByRole("button", { name: /^Tighten / })).toHaveCount(0);
});

test("a replayed loosening is refused and changes nothing; ivan, bob and carol are refused the action too", async ({ as }) => {
  const alice = await as("alice");
  await alice.goto(policyPath);
  const form = alice.getByRole("form", { name: "Tighten: Longest expiry" });
  await form.getByLabel("Longest expiry").fill("3");
  const call = await captureServerAction(alice, () => form.getByRole("button", { name: "Tighten longest expiry" }).click());
  await expect(saved(form)).toHaveText("Longest expiry in effect: 3 days.");
  expect(call.body).toContain('"limit":"maxTtlDays","value":"3"');

  // Outside addresses sent for approval: looser than the operator's "refuse".
  const loosening = call.body.replace('"limit":"maxTtlDays","value":"3"', '"limit":"outsideDomains","value":"approval"');
  expect(await replayInSession(alice, call, loosening)).toContain('"code":"loosens_policy"');
  expect(await replayAs("ivan", call)).toContain('"code":"not_org_admin"');
  expect(await replayAs("bob", call)).toContain('"code":"not_inviter"');
  expect(await replayAs("carol", call)).toContain('"code":"not_inviter"');

  await alice.goto(policyPath);
  await expect(outsideRow(alice).locator("td").nth(0)).toHaveText("Refused");
  await expect(outsideRow(alice).locator("td").nth(1)).toHaveText("none");
  await expect(expiryRow(alice).locator("td").nth(0)).toHaveText("3 days");

  // Newest first; the store keeps earlier runs' rows below this test's own.
  const activity = new ActivityPage(alice);
  await activity.open(ids.acme);
  const newest = activity.rows;
  await expect(newest.nth(0)).toContainText("Carol Admin tried to tighten the delegation policy — refused");
  await expect(newest.nth(1)).toContainText("Bob Member tried to tighten the delegation policy — refused");
  await expect(newest.nth(2)).toContainText("Ivan Inviter tried to tighten the delegation policy — refused: Only the organization's Org Admins");
  await expect(newest.nth(3)).toContainText(
    "Alice Admin tried to tighten the delegation policy — refused: Sent for an Org Admin's approval is looser than the operator's value, Refused (the default)",
  );
  await expect(newest.nth(4)).toContainText("Alice Admin tightened the delegation policy — Longest expiry: 3 days → 3 days");
  await expect(activity.rowsWith("Alice Admin tightened the delegation policy — Longest expiry: 30 days (Auth0's longest) → 3 days").first()).toBeVisible();
});

test("sam sees Acme's policy in effect at the support desk, from the finder", async ({ as }) => {
  const sam = await as("sam");
  const desk = new SupportDesk(sam);
  await desk.find(ids.acme);
  await desk.result("Acme Corp").getByRole("link", { name: "Policy of Acme Corp" }).click();
  await expect(sam.getByRole("heading", { name: "Delegation policy of Acme Corp" })).toBeVisible();
  await expect(expiryRow(sam).locator("td").nth(0)).toHaveText("3 days");
  await expect(expiryRow(sam).locator("td").nth(1)).toContainText("organization admin");
  await expect(sam.getByRole("button", { name: /^Tighten / })).toHaveCount(0);
});

test("alice removes her tightening: the operator's value is back, and the trail says so", async ({ as }) => {
  const alice = await as("alice");
  await alice.goto(policyPath);
  const form = alice.getByRole("form", { name: "Tighten: Longest expiry" });
  await form.getByRole("button", { name: "Remove the tightening of longest expiry" }).click();
  await expect(saved(form)).toHaveText("Longest expiry in effect: 30 days (Auth0's longest).");
  await expect(expiryRow(alice).locator("th, td")).toHaveText(["Longest expiry", "30 days (Auth0's longest)", "none", "invite_max_ttl_days"]);

  const activity = new ActivityPage(alice);
  await activity.open(ids.acme);
  await expect(activity.rows.first()).toContainText("Alice Admin removed a tightening of the delegation policy — Longest expiry: 3 days → 30 days (Auth0's longest) (the default)");
});
