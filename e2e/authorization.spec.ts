// What an attacker would try: pages they may not see, and server actions called directly with someone
// else's organization id, roles above their own, or no right at all. Each refusal must leave Auth0 untouched.
import { randomUUID } from "node:crypto";
import type { Page } from "@playwright/test";
import { emulator, managementApi, type EmulatedInvitation } from "./support/emulator.ts";
import { captureServerAction, captureUnsentServerAction, InvitationsListPage, InviteFormPage, replayAs, replayInSession } from "./support/invitation-pages.ts";
import { ids, storageStatePath } from "./support/personas.ts";
import { SupportDesk } from "./support/support-desk.ts";
import { expect, settle, test } from "./support/test.ts";

test.beforeEach(async () => {
  await emulator.reset();
});

/**
 * Alice's own, legitimate calls, captured to be replayed by others. Her page is settled and closed before
 * returning, so none of its background reads can be counted as the replayer's.
 */
let captures = 0;

async function captureAliceActions(page: Page) {
  // An address of this capture's own: the ledger remembers earlier tests' invitations after the emulator forgets them.
  const email = `captured.${++captures}.${Date.now()}@example.test`;
  const form = new InviteFormPage(page);
  await form.open(ids.acme);
  await form.fill({ emails: email, roles: ["Member"] });
  const create = await captureServerAction(page, () => form.submit());
  await expect(form.results).toContainText("Invited 1 of 1 address.");
  const invitationId = (await emulator.state()).invitations[0]!.id;

  const list = new InvitationsListPage(page);
  await list.open(ids.acme);
  await page.getByRole("button", { name: `Revoke invitation for ${email}` }).click();
  const revoke = await captureUnsentServerAction(page, () => page.getByRole("button", { name: "Yes, revoke" }).click());
  await settle(page.context());
  return { create, revoke, invitationId };
}

const writesTo = async (method: string) =>
  (await emulator.requests()).filter((r) => r.method === method && r.path.includes("/invitations"));

test.describe("called directly", () => {
  test.use({ storageState: storageStatePath("alice") });

  test("bob (no inviter role) is refused by every action, and Auth0 gets no write", async ({ page }) => {
    const calls = await captureAliceActions(page);
    await emulator.clearRequests();
    for (const call of [calls.create, calls.revoke]) {
      const answer = await replayAs("bob", call);
      expect(answer).toContain('"code":"not_inviter"');
    }
    expect(await writesTo("POST")).toHaveLength(0);
    expect(await writesTo("DELETE")).toHaveLength(0);
    expect((await emulator.requests()).filter((r) => r.method === "GET" && r.path.endsWith("/invitations"))).toHaveLength(0);
    expect((await emulator.state()).invitations).toHaveLength(1);
  });

  test("an anonymous caller is refused", async ({ page }) => {
    const calls = await captureAliceActions(page);
    await emulator.clearRequests();
    expect(await replayAs("anonymous", calls.create)).toContain('"code":"unauthenticated"');
    expect(await emulator.requests()).toHaveLength(0);
  });

  test("carol (Globex admin) cannot act on Acme by changing the organization id in the request", async ({ page }) => {
    const calls = await captureAliceActions(page);
    await emulator.clearRequests();
    // Carol replays Acme's calls (Acme's id in the body) with her own session.
    expect(await replayAs("carol", calls.create)).toContain('"code":"not_inviter"');
    expect(await replayAs("carol", calls.revoke)).toContain('"code":"not_inviter"');
    expect(await writesTo("POST")).toHaveLength(0);
    expect(await writesTo("DELETE")).toHaveLength(0);

    // Nor can she revoke Acme's invitation through her own organization's path.
    const throughGlobex = calls.revoke.body.replace(ids.acme, ids.globex);
    expect(throughGlobex).toContain(ids.globex);
    expect(await replayAs("carol", calls.revoke, throughGlobex)).toContain('"code":"invitation_missing"');
    expect(await writesTo("DELETE")).toHaveLength(0);
    expect((await emulator.state()).invitations.map((i) => i.id)).toEqual([calls.invitationId]);
  });

  test("ivan (Inviter) cannot hand out Org Admin by editing the request", async ({ page }) => {
    const calls = await captureAliceActions(page);
    await emulator.clearRequests();
    const escalated = calls.create.body.replace(`"${ids.role("Member")}"`, `"${ids.role("Org Admin")}"`).replace("captured.", "escalate.");
    expect(escalated).toContain(ids.role("Org Admin"));
    const answer = await replayAs("ivan", calls.create, escalated);
    expect(answer).toContain('"code":"role_not_assignable"');
    expect(answer).toContain("You may not assign Org Admin");
    expect(await writesTo("POST")).toHaveLength(0);

    const supportRole = calls.create.body.replace(`"${ids.role("Member")}"`, `"${ids.role("Support Agent")}"`);
    expect(await replayAs("alice", { ...calls.create }, supportRole)).toContain('"code":"role_not_assignable"');
    expect(await writesTo("POST")).toHaveLength(0);
  });

  test("an application or connection outside the organization's is refused", async ({ page }) => {
    const calls = await captureAliceActions(page);
    await emulator.clearRequests();
    const withApp = (clientId: string) => calls.create.body.replace(ids.client("Acme Portal"), clientId);
    // Globex's application, this admin app itself, and a machine-to-machine client: none is Acme's.
    for (const clientId of [ids.client("Globex Hub"), ids.client("Org Inviter Admin"), ids.client("Org Inviter Admin (Management API)")]) {
      expect(withApp(clientId)).toContain(clientId);
      expect(await replayAs("alice", calls.create, withApp(clientId))).toContain('"code":"application_not_allowed"');
    }
    const passwordless = calls.create.body.replace('"connectionId":""', `"connectionId":"${ids.connection("email")}"`);
    expect(passwordless).toContain(ids.connection("email"));
    expect(await replayAs("alice", calls.create, passwordless)).toContain('"code":"connection_not_allowed"');
    expect(await writesTo("POST")).toHaveLength(0);
  });
});

test("bob is refused at the page, with the reason", async ({ as }) => {
  const bob = await as("bob");
  await bob.goto(`/orgs/${ids.acme}/invitations/new`);
  await expect(bob.getByTestId("refused")).toContainText("do not hold an inviter role");
  await expect(bob.getByLabel("Email addresses")).toHaveCount(0);
  await bob.goto(`/orgs/${ids.acme}/activity`);
  await expect(bob.getByTestId("refused")).toBeVisible();
});

test("carol cannot open Acme's pages by changing the URL, and the attempt is audited", async ({ as }) => {
  const carol = await as("carol");
  for (const path of ["invitations", "invitations/new", "activity", "policy"]) {
    await carol.goto(`/orgs/${ids.acme}/${path}`);
    await expect(carol.getByTestId("refused")).toContainText("not one of its inviters");
  }
  const alice = await as("alice");
  await alice.goto(`/orgs/${ids.acme}/activity`);
  await expect(alice.getByTestId("activity-row").filter({ hasText: "carol@globex.test" }).first()).toContainText("refused");
});

test("ivan's form offers only roles up to his own, and shows Org Admin out of his reach", async ({ as }) => {
  const ivan = await as("ivan");
  const form = new InviteFormPage(ivan);
  await form.open(ids.acme);
  for (const role of ["Member", "Billing", "Inviter"]) await expect(form.roles.getByLabel(role, { exact: true })).toBeEnabled();
  await expect(form.roles.getByRole("checkbox").and(form.roles.locator(":enabled"))).toHaveCount(3);
  await expect(form.roles.getByRole("checkbox", { name: /Org Admin/ })).toBeDisabled();
  await expect(form.roles.getByLabel("Support Agent")).toHaveCount(0);
});

test("ivan is offered no action on an Org Admin invitation, is not handed its link, and is refused when he calls the actions directly", async ({ as }) => {
  test.budget({ pages: 11 });
  // Alice invites a future admin without email: a link only she (or an Org Admin) may share.
  const page = await as("alice");
  const form = new InviteFormPage(page);
  await form.open(ids.acme);
  await form.fill({ emails: "future.admin@example.test", roles: ["Org Admin"], sendEmail: false });
  await form.submit();
  await expect(form.results).toContainText("Invited 1 of 1 address.");
  const [adminInvite] = (await emulator.state()).invitations;
  const list = new InvitationsListPage(page);
  await list.open(ids.acme);
  const copy = await captureServerAction(page, () => list.row("future.admin@example.test").getByRole("button", { name: /Copy invitation link/ }).click());
  const copyLanding = await captureServerAction(page, () => list.row("future.admin@example.test").getByRole("button", { name: /Copy landing-page link/ }).click());
  await page.getByRole("button", { name: "Revoke invitation for future.admin@example.test" }).click();
  const revoke = await captureUnsentServerAction(page, () => page.getByRole("button", { name: "Yes, revoke" }).click());
  await settle(page.context());

  const ivan = await as("ivan");
  const ivansList = new InvitationsListPage(ivan);
  await ivansList.open(ids.acme);
  await expect(ivansList.row("future.admin@example.test")).toHaveCount(1);
  await expect(ivansList.row("future.admin@example.test").getByRole("button")).toHaveCount(0);
  expect(await ivan.content()).not.toContain(adminInvite!.ticket_id);

  await emulator.clearRequests();
  expect(await replayAs("ivan", revoke)).toContain('"code":"role_not_assignable"');
  const copied = await replayAs("ivan", copy);
  expect(copied).toContain('"code":"role_not_assignable"');
  expect(copied).not.toContain(adminInvite!.ticket_id);
  const copiedLanding = await replayAs("ivan", copyLanding);
  expect(copiedLanding).toContain('"code":"role_not_assignable"');
  expect(copiedLanding).not.toContain("/join/");
  expect(await writesTo("DELETE")).toHaveLength(0);

  const ivansForm = new InviteFormPage(ivan);
  await ivansForm.open(ids.acme);
  await ivansForm.fill({ emails: "future.admin@example.test", roles: ["Member"], replacePending: true });
  await ivansForm.submit();
  await expect(ivansForm.outcome("future.admin@example.test")).toContainText("grants roles above yours");
  expect((await emulator.state()).invitations.map((i) => i.id)).toEqual([adminInvite!.id]);
});

test("dave can invite into Globex but not into Acme", async ({ as }) => {
  const dave = await as("dave");
  const form = new InviteFormPage(dave);
  await form.open(ids.globex);
  await form.fill({ emails: "globex.friend@example.test", roles: ["Org Admin"] });
  await form.submit();
  await expect(form.results).toContainText("Invited 1 of 1 address.");
  expect((await emulator.state()).invitations.map((i) => i.organization_id)).toEqual([ids.globex]);

  await dave.goto(`/orgs/${ids.acme}/invitations/new`);
  await expect(dave.getByTestId("refused")).toContainText("do not hold an inviter role");
});

test("sam (support) says why once before acting for Initech, invites under the support name, and stops", async ({ freshSession }) => {
  test.budget({ signIns: 1, pages: 10 });
  const sam = await freshSession("sam");
  const desk = new SupportDesk(sam);
  await sam.goto(`/orgs/${ids.initech}/invitations/new`);
  await expect(desk.reasonForm).toContainText("Act for Initech as support");
  await expect(sam.getByLabel("Email addresses")).toHaveCount(0);

  await desk.giveReason("Initech", "T-47");
  await expect(sam.locator("#reason-error")).toContainText("at least 5 characters");
  // Six Braille blanks show as nothing, in the banner, on Activity and in the CSV: no reason at all.
  await desk.giveReason("Initech", "\u2800".repeat(6));
  await expect(sam.locator("#reason-error")).toContainText("Say why you act for this organization");
  await expect(desk.banner("Initech")).toHaveCount(0);

  const reason = `Ticket #4711 ${randomUUID().slice(0, 8)}: onboarding their first admin`;
  await desk.giveReason("Initech", reason);
  await expect(desk.banner("Initech")).toContainText(`Acting for Initech as support — reason: ${reason}`);
  const form = new InviteFormPage(sam);
  await expect(sam.getByLabel("Email addresses")).toBeVisible();
  // Invitees see the organization's support, not the agent's own name.
  await expect(sam.getByLabel("Inviter name")).toHaveValue("Initech support");
  await expect(form.roles.getByLabel("Support Agent")).toHaveCount(0);

  const email = `first.user.${randomUUID().slice(0, 8)}@initech.test`;
  await form.fill({ emails: email, roles: ["Org Admin"] });
  const create = await captureServerAction(sam, () => form.submit());
  await expect(form.results).toContainText("Invited 1 of 1 address.");
  expect((await emulator.state()).invitations.map((i) => [i.invitee.email, i.inviter.name])).toEqual([[email, "Initech support"]]);

  // Support may never hand out the support role, even by editing the request.
  const supportRole = create.body.replace(`"${ids.role("Org Admin")}"`, `"${ids.role("Support Agent")}"`).replace("first.user.", "second.user.");
  expect(supportRole).toContain(ids.role("Support Agent"));
  expect(await replayInSession(sam, create, supportRole)).toContain('"code":"role_not_assignable"');

  // The banner shows on every page, and every action carries the reason.
  await sam.goto("/");
  await expect(desk.banner("Initech")).toBeVisible();
  await sam.goto(`/orgs/${ids.initech}/activity`);
  const created = sam.getByTestId("activity-row").filter({ hasText: email }).filter({ hasText: "created" });
  await expect(created).toContainText("support");
  await expect(created).toContainText(reason);
  // The organization's delegation policy, as its own people see it.
  await sam.goto(`/orgs/${ids.initech}/policy`);
  await expect(sam.getByTestId("policy-table")).toBeVisible();

  await desk.stopActing("Initech");
  await sam.goto(`/orgs/${ids.initech}/invitations`);
  await expect(desk.reasonForm).toBeVisible();
  // Stopped means stopped, for actions called directly too: nothing reaches Auth0.
  await emulator.clearRequests();
  expect(await replayInSession(sam, create, create.body.replace("first.user.", "third.user."))).toContain('"code":"not_acting"');
  expect(await writesTo("POST")).toHaveLength(0);
  expect((await emulator.state()).invitations).toHaveLength(1);
});

test("an existing invitation of another organization cannot be read through one's own", async () => {
  const acmeInvitation = await managementApi<EmulatedInvitation>("POST", `/organizations/${ids.acme}/invitations`, {
    inviter: { name: "A" }, invitee: { email: "x@example.test" }, client_id: ids.client("Acme Portal"),
  });
  const viaGlobex = await managementApi("GET", `/organizations/${ids.globex}/invitations/${acmeInvitation.body.id}`);
  expect(viaGlobex.status).toBe(404);
});
