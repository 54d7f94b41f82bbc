// Approvals, as an operator sets them in Acme's Auth0 metadata: only acme.test addresses, and an address outside
// them is sent for an Org Admin's approval. ivan's invite of a gmail.com address becomes a request (Auth0 is not
// called) under "Awaiting approval"; he is offered no way to approve it, and his replayed approval is refused; bob
// (a plain member) is refused at the page and in a replayed action, carol (Globex) too; alice approves with a note, and the invitation
// is sent once, in ivan's name, even when her approval is submitted again. The request's history and the list tell
// ivan what became of it. Acme's metadata is restored afterwards (see e2e/support/policy.ts).
import { randomBytes } from "node:crypto";
import { emulator } from "./support/emulator.ts";
import { captureUnsentServerAction, InvitationsListPage, InviteFormPage, replayAs, replayInSession, type CapturedAction } from "./support/invitation-pages.ts";
import { ids } from "./support/personas.ts";
import { withAcmePolicy } from "./support/policy.ts";
import { expect, settle, test } from "./support/test.ts";

const POLICY = { invite_domains: "acme.test", invite_outside_domains: "approval" };
const SENT_FOR_APPROVAL = "gmail.com is outside acme.test, the organization's allowed domains: ask an Org Admin to approve it (sent for approval).";
const run = randomBytes(4).toString("hex");
const outside = `approve-${run}@gmail.com`;

const invitationsTo = async (email: string) => (await emulator.state()).invitations.filter((invitation) => invitation.invitee.email === email);

test.describe.configure({ mode: "serial" });

withAcmePolicy(POLICY);

/** alice's approval of the request, captured without reaching the app, to be replayed by others and by herself. */
let approval: CapturedAction;

test("ivan's invite of a gmail.com address becomes a request awaiting approval, and Auth0 is not called", async ({ as }) => {
  const ivan = await as("ivan");
  const form = new InviteFormPage(ivan);
  await form.open(ids.acme);
  await form.fill({ emails: outside, roles: ["Member"] });
  await form.submit();
  await expect(form.results).toContainText("Invited 0 of 1 address. 1 sent for approval");
  await expect(form.outcome(outside)).toContainText(`${outside}: Sent for approval — ${SENT_FOR_APPROVAL}`);
  expect(await invitationsTo(outside)).toHaveLength(0);

  const list = new InvitationsListPage(ivan);
  await list.open(ids.acme);
  await list.filter("Awaiting approval");
  await expect(list.status(outside)).toContainText("Awaiting approval");
  await expect(list.row(outside).getByTestId("request-notes")).toContainText(SENT_FOR_APPROVAL);
  // His own request: no way to answer it.
  await expect(list.row(outside).getByRole("button")).toHaveCount(0);
});

test("alice is offered Approve and Deny; her approval, replayed by ivan (the requester) and by bob, is refused and sends nothing", async ({ as }) => {
  const alice = await as("alice");
  const list = new InvitationsListPage(alice);
  await list.open(ids.acme, "?status=awaiting");
  await expect(alice.getByRole("link", { name: /^Awaiting approval \(\d+\)$/ })).toHaveAttribute("aria-current", "page");
  await expect(list.row(outside).getByRole("button", { name: `Deny request for ${outside}` })).toBeVisible();
  await alice.getByRole("button", { name: `Approve request for ${outside}` }).click();
  await alice.getByLabel("Note for the requester (optional)").fill("Our external auditor");
  approval = await captureUnsentServerAction(alice, () => alice.getByRole("button", { name: "Yes, approve and send" }).click());
  await settle(alice.context());

  expect(await replayAs("ivan", approval)).toContain('"code":"own_request"');
  expect(await replayAs("bob", approval)).toContain('"code":"not_inviter"');
  // Another organization's admin: refused by Acme's gate, and Acme's request is not found through Globex.
  expect(await replayAs("carol", approval)).toContain('"code":"not_inviter"');
  expect(await replayAs("carol", approval, approval.body.replace(ids.acme, ids.globex))).toContain('"code":"request_missing"');
  expect(await invitationsTo(outside)).toHaveLength(0);

  const ivan = await as("ivan");
  const history = new InvitationsListPage(ivan);
  await history.open(ids.acme, "?status=awaiting");
  await expect(history.status(outside)).toContainText("Awaiting approval");
});

test("bob cannot open the invitations to approve anything", async ({ as }) => {
  const bob = await as("bob");
  await bob.goto(`/orgs/${ids.acme}/invitations?status=awaiting`);
  await expect(bob.getByTestId("refused")).toContainText("do not hold an inviter role");
  await expect(bob.getByRole("button", { name: /^Approve request/ })).toHaveCount(0);
});

test("alice approves it: the invitation is sent once, in ivan's name, and a second submission sends nothing", async ({ as }) => {
  const alice = await as("alice");
  const list = new InvitationsListPage(alice);
  await list.open(ids.acme, "?status=awaiting");
  await alice.getByRole("button", { name: `Approve request for ${outside}` }).click();
  await alice.getByLabel("Note for the requester (optional)").fill("Our external auditor");
  await alice.getByRole("button", { name: "Yes, approve and send" }).click();
  await expect(alice.getByText(`Approved the request: the invitation to ${outside} is sent.`)).toBeVisible();
  const sent = await invitationsTo(outside);
  expect(sent).toHaveLength(1);
  expect(sent[0]!.inviter.name).toBe("Ivan Inviter");

  // The same approval again (a double submit): refused, and still one invitation.
  expect(await replayInSession(alice, approval)).toContain('"code":"already_decided"');
  expect(await invitationsTo(outside)).toHaveLength(1);
  expect((await emulator.requests()).filter((request) => request.method === "POST" && request.path.endsWith("/invitations"))).toHaveLength(1);
});

test("ivan sees what became of his request: approved by alice, with her note, and the invitation it became", async ({ as }) => {
  const ivan = await as("ivan");
  const list = new InvitationsListPage(ivan);
  await list.open(ids.acme, "?status=all");
  const request = list.rows.filter({ hasText: outside }).filter({ has: ivan.getByTestId("request-notes") });
  await expect(request.getByTestId("status")).toContainText("Approved");
  await expect(request.getByTestId("request-notes")).toContainText("Note: Our external auditor");
  await request.getByRole("link", { name: `History of the invitation for ${outside}` }).click();
  const history = ivan.getByRole("list", { name: "History" });
  await expect(history.getByTestId("history-entry")).toHaveText([
    new RegExp(`^Sent for approval by Ivan Inviter \\(ivan@acme.test\\).*${SENT_FOR_APPROVAL.replace(/[.()]/g, "\\$&")}`),
    /^Ivan Inviter \(ivan@acme.test\) tried to approve it.*You asked for this invitation/,
    /^Approved by Alice Admin \(alice@acme.test\).*Note: Our external auditor/,
    new RegExp(`^Invited by Ivan Inviter \\(ivan@acme.test\\) on the approval of Alice Admin \\(alice@acme.test\\): the request for ${outside} → the invitation for ${outside}`),
    /^Alice Admin \(alice@acme.test\) tried to approve it.*This request was already approved\./,
  ]);
});
