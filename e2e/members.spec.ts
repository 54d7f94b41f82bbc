// Fixing what an invitation got wrong on the Members page: changing a member's roles and removing them,
// within the same gate and role ceiling as inviting, never leaving the organization without an Org Admin.
// Refusals, in the page or in a replayed server action, reach Auth0 with no write and are in the trail.
import type { Page } from "@playwright/test";
import { emulator } from "./support/emulator.ts";
import { captureUnsentServerAction, refreshFromAuth0, replayAs } from "./support/invitation-pages.ts";
import { ids } from "./support/personas.ts";
import { expect, settle, test } from "./support/test.ts";

test.beforeEach(async () => {
  await emulator.reset();
});

const BOB = "bob@acme.test";
const ALICE = "alice@acme.test";

class MembersPage {
  constructor(readonly page: Page) {}

  /**
   * Opens the page with the store's copy of the members read again from Auth0: the emulator's reset before
   * each test changes the members behind the app's back, with no tenant log to tell it.
   */
  async open(query = "") {
    await this.page.goto(`/orgs/${ids.acme}/members${query}`);
    await refreshFromAuth0(this.page.getByTestId("members-freshness"));
    await expect(this.page.getByRole("region", { name: "Members" })).toBeVisible();
  }

  row(email: string) {
    return this.page.getByTestId("member-row").filter({ hasText: email });
  }

  /** Opens the role form of a member and leaves exactly `roles` ticked. */
  async chooseRoles(email: string, roles: string[]) {
    await this.page.getByRole("button", { name: `Change roles of ${email}` }).click();
    const form = this.page.getByRole("form", { name: `Change roles of ${email}` });
    for (const box of await form.getByRole("checkbox").all()) {
      const name = (await box.evaluate((input) => input.parentElement?.textContent ?? "")).trim();
      await box.setChecked(roles.includes(name));
    }
    return form;
  }

  async saveRoles(email: string, roles: string[]) {
    const form = await this.chooseRoles(email, roles);
    await form.getByRole("button", { name: "Save roles" }).click();
  }

  async remove(email: string) {
    await this.page.getByRole("button", { name: `Remove ${email} from the organization` }).click();
    await this.page.getByRole("button", { name: "Yes, remove" }).click();
  }

  get notice() {
    return this.page.locator("[aria-live=polite]").getByRole("alert").or(this.page.locator("[aria-live=polite]").getByRole("status"));
  }
}

/** Membership writes the test caused, read from the emulator's request log. */
const memberWrites = async () =>
  (await emulator.requests()).filter((r) => (r.method === "POST" || r.method === "DELETE") && r.path.includes("/members")).map((r) => `${r.method} ${r.path}`);

const acmeMember = async (userId: string) => (await emulator.state()).organizations.find((o) => o.id === ids.acme)!.members.find((m) => m.user_id === userId);

test("alice changes bob from Member to Billing, then removes him; each change is in the trail and on his line", async ({ as }) => {
  test.budget({ pages: 6 });
  const page = await as("alice");
  const members = new MembersPage(page);
  await members.open();
  await expect(members.row(BOB)).toContainText("Bob Member");
  await expect(members.row(BOB)).toContainText("Member");
  await emulator.clearRequests();

  await members.saveRoles(BOB, ["Billing"]);
  await expect(members.notice).toContainText(`${BOB} now holds Billing.`);
  await expect(members.row(BOB).getByRole("cell").nth(2)).toHaveText("Billing");
  await expect(members.row(BOB).getByTestId("member-last-change")).toContainText(`Alice Admin changed the roles of ${BOB} — Member → Billing`);
  expect((await acmeMember(ids.user(BOB)))?.roles).toEqual([ids.role("Billing")]);
  const bobRoles = `/api/v2/organizations/${ids.acme}/members/${encodeURIComponent(ids.user(BOB))}/roles`;
  expect(await memberWrites()).toEqual([`POST ${bobRoles}`, `DELETE ${bobRoles}`]);

  await members.remove(BOB);
  await expect(members.notice).toContainText(`Removed ${BOB} from Acme Corp.`);
  await expect(members.row(BOB)).toHaveCount(0);
  expect(await acmeMember(ids.user(BOB))).toBeUndefined();
  expect((await emulator.logs()).filter((log) => log.type === "sapi").map((log) => log.description)).toEqual([
    "Assign user roles to an Organization member",
    "Delete user roles from an Organization member",
    "Delete members from an organization",
  ]);

  await page.goto(`/orgs/${ids.acme}/activity`);
  const rows = page.getByTestId("activity-row");
  await expect(rows.first()).toContainText(`Alice Admin removed ${BOB} from the organization`);
  await expect(rows.nth(1)).toContainText(`Alice Admin changed the roles of ${BOB}`);
});

test("the role filter shows only the members holding the role", async ({ as }) => {
  const page = await as("alice");
  const members = new MembersPage(page);
  await members.open();
  await page.getByLabel("Role", { exact: true }).selectOption({ label: "Org Admin" });
  await page.getByRole("button", { name: "Search" }).click();
  await page.waitForURL(/role=/);
  await expect(page.getByTestId("member-row")).toHaveCount(1);
  await expect(members.row(ALICE)).toHaveCount(1);
});

test("ivan cannot change an Org Admin's roles or grant Org Admin, in the page or in a replayed action; Auth0 gets no write and each refusal is recorded", async ({ as }) => {
  test.budget({ pages: 4 });
  const page = await as("ivan");
  const members = new MembersPage(page);
  await members.open();
  // No control for a member above his ceiling, and Org Admin is shown out of reach, as on the invite form.
  await expect(members.row(ALICE)).toContainText("Holds roles above yours");
  await expect(members.row(ALICE).getByRole("button")).toHaveCount(0);
  const form = await members.chooseRoles(BOB, ["Billing"]);
  await expect(form.getByLabel("Org Admin")).toBeDisabled();
  await expect(form.getByText("above your own role (Inviter)")).toBeVisible();
  const change = await captureUnsentServerAction(page, () => form.getByRole("button", { name: "Save roles" }).click());
  await page.reload();
  await page.getByRole("button", { name: `Remove ${BOB} from the organization` }).click();
  const remove = await captureUnsentServerAction(page, () => page.getByRole("button", { name: "Yes, remove" }).click());
  await settle(page.context());
  await emulator.clearRequests();

  const grantAdmin = change.body.replace(ids.role("Billing"), ids.role("Org Admin"));
  expect(grantAdmin).toContain(ids.role("Org Admin"));
  const granted = await replayAs("ivan", change, grantAdmin);
  expect(granted).toContain('"code":"role_not_assignable"');
  expect(granted).toContain("You may not assign Org Admin.");

  const onAlice = change.body.replace(ids.user(BOB), ids.user(ALICE));
  expect(onAlice).toContain(ids.user(ALICE));
  const changed = await replayAs("ivan", change, onAlice);
  expect(changed).toContain('"code":"role_not_assignable"');
  expect(changed).toContain(`${ALICE} holds Org Admin, above your roles`);
  const removed = await replayAs("ivan", remove, remove.body.replace(ids.user(BOB), ids.user(ALICE)));
  expect(removed).toContain('"code":"role_not_assignable"');

  expect(await memberWrites()).toEqual([]);
  expect((await acmeMember(ids.user(ALICE)))?.roles).toEqual([ids.role("Org Admin")]);
  expect((await acmeMember(ids.user(BOB)))?.roles).toEqual([ids.role("Member")]);

  const alice = await as("alice");
  await alice.goto(`/orgs/${ids.acme}/activity`);
  const refusals = alice.getByTestId("activity-row").filter({ hasText: "Ivan Inviter tried to" });
  await expect(refusals.nth(0)).toContainText(`tried to remove ${ALICE} from the organization — refused`);
  await expect(refusals.nth(1)).toContainText(`tried to change the roles of ${ALICE} — refused`);
  await expect(refusals.nth(2)).toContainText(`tried to change the roles of ${BOB} — refused: You may not assign Org Admin.`);
});

test("the last Org Admin can neither remove themselves nor give up the role", async ({ as }) => {
  test.budget({ pages: 4 });
  const page = await as("alice");
  const members = new MembersPage(page);
  await members.open();
  await emulator.clearRequests();

  await members.remove(ALICE);
  await expect(members.notice).toContainText(`Could not remove ${ALICE}: The organization must keep at least one Org Admin.`);
  await members.saveRoles(ALICE, ["Member"]);
  await expect(members.notice).toContainText(`Could not change the roles of ${ALICE}: The organization must keep at least one Org Admin.`);
  expect(await memberWrites()).toEqual([]);
  expect((await acmeMember(ids.user(ALICE)))?.roles).toEqual([ids.role("Org Admin")]);
  await expect(members.row(ALICE).getByTestId("member-last-change")).toContainText(`Alice Admin tried to change the roles of ${ALICE} — refused`);
});

test("bob (no inviter role), carol (another organization's admin) and an anonymous caller replaying alice's changes and her Refresh from Auth0 are refused, with no write and no read of the members", async ({ as }) => {
  test.budget({ pages: 4 });
  const page = await as("alice");
  const members = new MembersPage(page);
  await members.open();
  const form = await members.chooseRoles(BOB, ["Billing"]);
  const change = await captureUnsentServerAction(page, () => form.getByRole("button", { name: "Save roles" }).click());
  await page.reload();
  await page.getByRole("button", { name: `Remove ${BOB} from the organization` }).click();
  const remove = await captureUnsentServerAction(page, () => page.getByRole("button", { name: "Yes, remove" }).click());
  await page.reload();
  const refresh = await captureUnsentServerAction(page, () => page.getByTestId("members-freshness").getByRole("button", { name: "Refresh from Auth0" }).click());
  await settle(page.context());
  await emulator.clearRequests();

  for (const call of [change, remove, refresh]) {
    expect(await replayAs("bob", call)).toContain('"code":"not_inviter"');
    expect(await replayAs("carol", call)).toContain('"code":"not_inviter"');
    expect(await replayAs("anonymous", call)).toContain('"code":"unauthenticated"');
  }
  // Nor through her own organization: Bob is no member of Globex.
  expect(await replayAs("carol", remove, remove.body.replace(ids.acme, ids.globex))).toContain('"code":"member_missing"');
  expect(await memberWrites()).toEqual([]);
  expect((await emulator.requests()).filter((r) => r.method === "GET" && r.path === `/api/v2/organizations/${ids.acme}/members`)).toEqual([]);
  expect((await acmeMember(ids.user(BOB)))?.roles).toEqual([ids.role("Member")]);
});
