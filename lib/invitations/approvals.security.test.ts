// Security findings this guards against: a requester approving their own request (a second person's yes from
// the first person), an approval above the approver's ceiling, someone who is no approver answering, and one
// approval sending twice (a double submit, or two approvers at once). Each refusal must leave Auth0 untouched.
import { beforeEach, describe, expect, it, vi } from "vitest";
import { testContext } from "@/lib/testing/action-context";

const api = vi.hoisted(() => ({ create: vi.fn(), delete: vi.fn(), listInvitations: vi.fn(), requesterRoles: ["Inviter"], requesterBlocked: false }));
const METADATA = { invite_domains: "acme.test", invite_outside_domains: "approval" };
vi.mock("@/lib/auth0/invitation-writer", () => ({ sendInvitation: api.create, revokeInvitation: api.delete }));
vi.mock("@/lib/auth0/directory", () => ({
  tenantRoles: async () => [
    { id: "rol_Member", name: "Member" },
    { id: "rol_Inviter", name: "Inviter" },
    { id: "rol_OrgAdmin", name: "Org Admin" },
    { id: "rol_Support", name: "Support Agent" },
  ],
  applications: async () => [{ clientId: "cli_allowed", name: "Allowed", metadata: {}, loginRoute: true }],
  organizationById: async () => ({ id: "org_acme", name: "acme", displayName: "Acme", metadata: METADATA }),
  enabledConnections: async () => [],
}));
// Nobody is a member or invited yet: the one "already invited" rule has its own tests.
vi.mock("./existing", async (importOriginal) => ({ ...(await importOriginal<typeof import("./existing")>()), existingInvitees: async () => async () => undefined }));
// The requester's authority, read live at approval: ivan's roles in the organization, and whether Auth0 blocks him.
vi.mock("@/lib/authz/gate", async (importOriginal) => ({ ...(await importOriginal<typeof import("@/lib/authz/gate")>()), memberRoleNames: async () => api.requesterRoles }));
vi.mock("@/lib/auth0/blocked", async (importOriginal) => ({ ...(await importOriginal<typeof import("@/lib/auth0/blocked")>()), isRefusedByAuth0Now: async () => api.requesterBlocked }));
vi.mock("@/lib/db/store", async (importOriginal) => (await import("@/lib/testing/memory-store")).memoryStore(await importOriginal()));
vi.mock("@/lib/env", async (importOriginal) => (await import("@/lib/testing/test-env")).testEnv(await importOriginal(), { ALLOWED_CLIENT_IDS: "cli_allowed" }));

const { approveRequest, denyRequest } = await import("./approvals");
const { createInvitations } = await import("./create");
const { store } = await import("@/lib/db/store");
const { approvalRequests, auditEvents, invitations } = await import("@/lib/db/schema");
const { recordRequest } = await import("@/lib/ledger/approvals");
const { createInvitationsSchema } = await import("@/lib/schemas/invitation");
const { eq } = await import("drizzle-orm");

const person = (id: string, name: string) => ({ user: { id: `auth0|${id}`, email: `${id}@acme.test`, name } });
const ivan = testContext("org_acme", { kind: "member", roleNames: ["Inviter"] }, person("ivan", "Ivan")).ctx;
const ines = testContext("org_acme", { kind: "member", roleNames: ["Inviter"] }, person("ines", "Ines")).ctx;
const alice = testContext("org_acme", { kind: "member", roleNames: ["Org Admin"] }, person("alice", "Alice")).ctx;
const olga = testContext("org_acme", { kind: "member", roleNames: ["Org Admin"] }, person("olga", "Olga")).ctx;

let sent = 0;
beforeEach(async () => {
  vi.clearAllMocks();
  api.requesterRoles = ["Inviter"];
  api.requesterBlocked = false;
  const { db } = await store();
  await db.delete(auditEvents);
  await db.delete(approvalRequests);
  await db.delete(invitations);
  api.create.mockImplementation(async () => ({ ok: true, value: { id: `uinv_sent${++sent}`, organization_id: "org_acme", invitee: { email: "x@gmail.com" } } }));
});

/** ivan's invite of an outside address, through the invite form's own data-access call: a request. */
async function requestAsIvan(email = "friend@gmail.com"): Promise<string> {
  const input = createInvitationsSchema.parse({ orgId: "org_acme", emails: email, clientId: "cli_allowed", roleIds: ["rol_Member"], sendEmail: "on", inviterName: "Ivan" });
  const [outcome] = await createInvitations(ivan, input);
  expect(outcome).toMatchObject({
    status: "awaiting_approval",
    message: "gmail.com is outside acme.test, the organization's allowed domains: ask an Org Admin to approve it (sent for approval).",
  });
  return outcome!.requestId!;
}

const trailOf = async (requestId: string) => (await (await store()).db.select().from(auditEvents).where(eq(auditEvents.invitationId, requestId))).map((e) => [e.action, e.actorId, e.outcome]);
const statusOf = async (requestId: string) => (await (await store()).db.select().from(invitations).where(eq(invitations.id, requestId)))[0]?.status;

describe("a request for approval", () => {
  it("is recorded, with the requester and the rule, and Auth0 is not called", async () => {
    const requestId = await requestAsIvan();
    expect(api.create).not.toHaveBeenCalled();
    expect(await statusOf(requestId)).toBe("awaiting_approval");
    expect(await trailOf(requestId)).toEqual([["invite", "auth0|ivan", "requested"]]);
  });

  it("cannot be approved, or denied, by its requester, and nothing is sent", async () => {
    const requestId = await requestAsIvan();
    await expect(approveRequest(ivan, requestId)).rejects.toMatchObject({ code: "own_request", recorded: true });
    await expect(denyRequest(ivan, requestId)).rejects.toMatchObject({ code: "own_request" });
    expect(api.create).not.toHaveBeenCalled();
    expect(await statusOf(requestId)).toBe("awaiting_approval");
    expect(await trailOf(requestId)).toContainEqual(["approve", "auth0|ivan", "refused"]);
  });

  it("cannot be approved by an Inviter who is not its requester", async () => {
    const requestId = await requestAsIvan();
    await expect(approveRequest(ines, requestId)).rejects.toMatchObject({ code: "not_approver" });
    expect(api.create).not.toHaveBeenCalled();
  });

  it.each([
    ["lost the inviter role", () => (api.requesterRoles = ["Member"]), "no longer holds an inviter role"],
    ["was blocked in Auth0", () => (api.requesterBlocked = true), "is blocked in Auth0"],
  ])("cannot be approved once its requester %s: it would go out in their name; nothing is sent", async (_case, change, why) => {
    const requestId = await requestAsIvan();
    change();
    await expect(approveRequest(alice, requestId)).rejects.toMatchObject({ code: "requester_unauthorized", message: expect.stringContaining(why) });
    expect(api.create).not.toHaveBeenCalled();
    expect(await statusOf(requestId)).toBe("awaiting_approval");
    expect(await trailOf(requestId)).toContainEqual(["approve", "auth0|alice", "refused"]);
  });

  it("cannot be approved by the requester's second account, which shares their address", async () => {
    const requestId = await requestAsIvan();
    const twin = testContext("org_acme", { kind: "member", roleNames: ["Org Admin"] }, { user: { id: "google-oauth2|ivan", email: "IVAN@acme.test", name: "Ivan" } }).ctx;
    await expect(approveRequest(twin, requestId)).rejects.toMatchObject({ code: "own_request" });
    expect(api.create).not.toHaveBeenCalled();
  });

  it("cannot be approved above the approver's ceiling", async () => {
    // A request for a role nobody may assign through this app (the support role), as a stale record could hold.
    const { db } = await store();
    const requestId = await recordRequest(db, alice, { actorId: "auth0|ivan", actorEmail: "ivan@acme.test", actorName: "Ivan", actorKind: "member" }, {
      email: "agent@gmail.com", inviterName: "Ivan", clientId: "cli_allowed", roleIds: ["rol_Support"], ttlSeconds: 86_400, sendEmail: true,
    }, { rule: "approval_roles", ruleMessage: "…", expiresAt: new Date(Date.now() + 86_400_000) });
    await expect(approveRequest(alice, requestId)).rejects.toMatchObject({ code: "role_not_assignable" });
    expect(api.create).not.toHaveBeenCalled();
    expect(await statusOf(requestId)).toBe("awaiting_approval");
  });

  it("approved by an Org Admin, is sent once in the requester's name, with the approver beside them", async () => {
    const requestId = await requestAsIvan();
    await expect(approveRequest(alice, requestId, "Our auditor")).resolves.toMatchObject({ status: "approved", invitationId: expect.stringMatching(/^uinv_sent/) });
    expect(api.create).toHaveBeenCalledTimes(1);
    expect(api.create).toHaveBeenCalledWith(expect.objectContaining({ orgId: "org_acme" }), expect.objectContaining({ invitee: { email: "friend@gmail.com" }, inviter: { name: "Ivan" }, roles: ["rol_Member"] }));
    expect(await statusOf(requestId)).toBe("approved");
    const { db } = await store();
    const [request] = await db.select().from(invitations).where(eq(invitations.id, requestId));
    const [sentEntry] = await db.select().from(invitations).where(eq(invitations.id, request!.successorId!));
    expect(sentEntry).toMatchObject({ actorId: "auth0|ivan", predecessorId: requestId, status: "pending" });
    const [decision] = await db.select().from(approvalRequests).where(eq(approvalRequests.id, requestId));
    expect(decision).toMatchObject({ deciderId: "auth0|alice", note: "Our auditor" });
    const sendEvent = (await db.select().from(auditEvents).where(eq(auditEvents.invitationId, sentEntry!.id)))[0];
    expect(sendEvent).toMatchObject({ action: "invite", actorId: "auth0|ivan", outcome: "created", detail: "Approved by Alice (alice@acme.test)" });
    // Approved once: a second approval is refused, and sends nothing.
    await expect(approveRequest(olga, requestId)).rejects.toMatchObject({ code: "already_decided" });
    expect(api.create).toHaveBeenCalledTimes(1);
  });

  it("is sent once when two approvers approve at the same moment", async () => {
    const requestId = await requestAsIvan();
    const answers = await Promise.allSettled([approveRequest(alice, requestId), approveRequest(olga, requestId), approveRequest(alice, requestId)]);
    expect(answers.filter((answer) => answer.status === "fulfilled")).toHaveLength(1);
    expect(answers.filter((answer) => answer.status === "rejected").map((answer) => (answer as PromiseRejectedResult).reason.code)).toEqual(["already_decided", "already_decided"]);
    expect(api.create).toHaveBeenCalledTimes(1);
  });

  it("denied, sends nothing and keeps the note; approving it afterwards is refused", async () => {
    const requestId = await requestAsIvan();
    await expect(denyRequest(alice, requestId, "Use a work address")).resolves.toMatchObject({ status: "denied" });
    expect(await statusOf(requestId)).toBe("denied");
    await expect(approveRequest(olga, requestId)).rejects.toMatchObject({ code: "already_decided", message: "This request was already denied." });
    expect(api.create).not.toHaveBeenCalled();
  });

  it("that Auth0 refuses when approved awaits an answer again, saying why", async () => {
    const requestId = await requestAsIvan();
    api.create.mockResolvedValueOnce({ ok: false, kind: "refused", error: { code: "invalid_body", message: "Auth0 refused the invitation." } });
    await expect(approveRequest(alice, requestId)).rejects.toMatchObject({ code: "approval_not_sent", message: expect.stringContaining("Auth0 refused the invitation.") });
    expect(await statusOf(requestId)).toBe("awaiting_approval");
    await expect(approveRequest(alice, requestId)).resolves.toMatchObject({ status: "approved" });
  });
});
