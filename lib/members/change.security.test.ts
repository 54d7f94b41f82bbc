// What an attacker (or a careless admin) would try on a membership: changing someone above their ceiling,
// granting a role above it, leaving the organization without an Org Admin. Each is refused before any write,
// and recorded; an allowed change is written ahead of the call and settled once.
import { beforeEach, describe, expect, it, vi } from "vitest";
import { testContext } from "@/lib/testing/action-context";

const api = vi.hoisted(() => ({ members: vi.fn(), assign: vi.fn(), unassign: vi.fn(), remove: vi.fn(), metadata: {} as Record<string, string> }));
vi.mock("@/lib/auth0/organization-data", () => ({ listMembers: api.members }));
vi.mock("@/lib/auth0/member-writer", () => ({ assignMemberRoles: api.assign, removeMemberRoles: api.unassign, removeMembers: api.remove }));
vi.mock("@/lib/auth0/directory", () => ({
  organizationById: async () => ({ id: "org_acme", name: "acme", displayName: "Acme", metadata: api.metadata }),
  tenantRoles: async () => [
    { id: "rol_Member", name: "Member" },
    { id: "rol_Billing", name: "Billing" },
    { id: "rol_Inviter", name: "Inviter" },
    { id: "rol_OrgAdmin", name: "Org Admin" },
    { id: "rol_Support", name: "Support Agent" },
  ],
}));
vi.mock("@/lib/db/store", async (importOriginal) => (await import("@/lib/testing/memory-store")).memoryStore(await importOriginal()));
vi.mock("@/lib/env", async (importOriginal) => (await import("@/lib/testing/test-env")).testEnv(await importOriginal()));

const { changeMemberRoles, removeMember } = await import("./change");
const { store } = await import("@/lib/db/store");
const { auditEvents } = await import("@/lib/db/schema");

const member = (id: string, ...roles: [string, string][]) => ({ user_id: `auth0|${id}`, email: `${id}@acme.test`, roles: roles.map(([rid, name]) => ({ id: rid, name })) });
const ALICE = member("alice", ["rol_OrgAdmin", "Org Admin"]);
const BOB = member("bob", ["rol_Member", "Member"]);
const IVAN = member("ivan", ["rol_Inviter", "Inviter"]);

const { ctx: ivan } = testContext("org_acme", { kind: "member", roleNames: ["Inviter"] }, { user: { id: "auth0|ivan", email: "ivan@acme.test", name: "Ivan" } });
const { ctx: alice } = testContext("org_acme", { kind: "member", roleNames: ["Org Admin"] }, { user: { id: "auth0|alice", email: "alice@acme.test", name: "Alice" } });
const { ctx: sam } = testContext("org_acme", { kind: "support" }, { user: { id: "auth0|sam", email: "sam@support.test", name: "Sam" }, reason: "TICKET-42" });

const trail = async () => (await (await store()).db.select().from(auditEvents)).map((e) => ({ action: e.action, outcome: e.outcome, email: e.inviteeEmail, detail: e.detail, kind: e.actorKind, reason: e.reason }));
const noWrites = () => {
  expect(api.assign).not.toHaveBeenCalled();
  expect(api.unassign).not.toHaveBeenCalled();
  expect(api.remove).not.toHaveBeenCalled();
};

beforeEach(async () => {
  vi.clearAllMocks();
  api.metadata = {};
  await (await store()).db.delete(auditEvents);
  api.members.mockResolvedValue([ALICE, BOB, IVAN]);
  for (const write of [api.assign, api.unassign, api.remove]) write.mockResolvedValue({ ok: true, value: "done" });
});

describe("an Inviter", () => {
  it.each([
    ["change an Org Admin's roles", () => changeMemberRoles(ivan, { userId: ALICE.user_id, roleIds: ["rol_Member"] }), "alice@acme.test holds Org Admin, above your roles"],
    ["remove an Org Admin", () => removeMember(ivan, { userId: ALICE.user_id }), "alice@acme.test holds Org Admin, above your roles"],
    ["grant Org Admin", () => changeMemberRoles(ivan, { userId: BOB.user_id, roleIds: ["rol_OrgAdmin"] }), "You may not assign Org Admin."],
    ["grant the support role", () => changeMemberRoles(ivan, { userId: BOB.user_id, roleIds: ["rol_Support"] }), "You may not assign Support Agent."],
  ])("may not %s: refused, recorded under the member, nothing written", async (_what, attempt, message) => {
    await expect(attempt()).rejects.toMatchObject({ name: "Refusal", code: "role_not_assignable", recorded: true });
    noWrites();
    const [event, ...more] = await trail();
    expect(more).toEqual([]);
    expect(event).toMatchObject({ outcome: "refused" });
    expect(event!.detail).toContain(message);
  });

  it("changes a Member to Billing: assigns first, then takes away, settled once as done", async () => {
    api.assign.mockImplementation(async () => {
      // Written ahead: the attempt is in the trail before Auth0 is called.
      expect(await trail()).toEqual([expect.objectContaining({ action: "change_member_roles", outcome: "started", email: "bob@acme.test" })]);
      return { ok: true, value: "done" };
    });
    expect(await changeMemberRoles(ivan, { userId: BOB.user_id, roleIds: ["rol_Billing"] })).toEqual({ email: "bob@acme.test", roles: ["Billing"] });
    expect(api.assign).toHaveBeenCalledWith(ivan, BOB.user_id, ["rol_Billing"]);
    expect(api.unassign).toHaveBeenCalledWith(ivan, BOB.user_id, ["rol_Member"]);
    expect(await trail()).toEqual([expect.objectContaining({ outcome: "done", detail: "Member → Billing" })]);
  });

  it("is told when Auth0 refuses, with the failure settled on the one event and nothing taken away", async () => {
    api.assign.mockResolvedValue({ ok: false, kind: "refused", error: { code: "insufficient_scope", message: "This app lacks create:organization_member_roles" } });
    await expect(changeMemberRoles(ivan, { userId: BOB.user_id, roleIds: ["rol_Billing"] })).rejects.toMatchObject({ code: "insufficient_scope", recorded: true });
    expect(api.unassign).not.toHaveBeenCalled();
    expect(await trail()).toEqual([expect.objectContaining({ outcome: "failed", detail: "This app lacks create:organization_member_roles" })]);
  });
});

describe("a role whose invitations need approval", () => {
  it("cannot be given on the Members page, which cannot ask a second person: refused under the field, recorded, nothing written", async () => {
    api.metadata = { invite_approval_roles: "inviter" };
    await expect(changeMemberRoles(alice, { userId: BOB.user_id, roleIds: ["rol_Member", "rol_Inviter"] })).rejects.toMatchObject({ code: "needs_approval", field: "roleIds", recorded: true });
    noWrites();
    expect(await trail()).toEqual([expect.objectContaining({ outcome: "refused", email: "bob@acme.test", detail: expect.stringContaining("Inviter is a role whose invitations need approval") })]);
  });

  it("may still be kept or taken away: only giving it needs the second person", async () => {
    api.metadata = { invite_approval_roles: "Inviter" };
    await changeMemberRoles(alice, { userId: IVAN.user_id, roleIds: ["rol_Member"] });
    expect(api.assign).toHaveBeenCalledWith(alice, IVAN.user_id, ["rol_Member"]);
    expect(api.unassign).toHaveBeenCalledWith(alice, IVAN.user_id, ["rol_Inviter"]);
  });
});

describe("the last Org Admin", () => {
  it.each([
    ["remove themselves", () => removeMember(alice, { userId: ALICE.user_id })],
    ["give up the role", () => changeMemberRoles(alice, { userId: ALICE.user_id, roleIds: ["rol_Member"] })],
  ])("may not %s", async (_what, attempt) => {
    await expect(attempt()).rejects.toMatchObject({ code: "last_admin" });
    noWrites();
    expect(await trail()).toEqual([expect.objectContaining({ outcome: "refused", email: "alice@acme.test", detail: expect.stringContaining("must keep at least one Org Admin") })]);
  });

  it("cannot be guessed at: when the ranking's top role is no tenant role, every change is refused and nothing written", async () => {
    const { TEST_ENV } = await import("@/lib/testing/test-env");
    TEST_ENV.ROLE_RANKING = "Member,Billing,Inviter,Org Admin,Owner";
    try {
      await expect(changeMemberRoles(alice, { userId: BOB.user_id, roleIds: ["rol_Billing"] })).rejects.toMatchObject({ code: "top_role_unknown" });
    } finally {
      delete TEST_ENV.ROLE_RANKING;
    }
    noWrites();
    expect(await trail()).toEqual([expect.objectContaining({ outcome: "refused", detail: expect.stringContaining("top role (Owner) is not a role of this tenant") })]);
  });

  it("may leave once another member is an Org Admin", async () => {
    api.members.mockResolvedValue([ALICE, BOB, member("carol", ["rol_OrgAdmin", "Org Admin"])]);
    await removeMember(alice, { userId: ALICE.user_id });
    expect(api.remove).toHaveBeenCalledWith(alice, [ALICE.user_id]);
    expect(await trail()).toEqual([expect.objectContaining({ action: "remove_member", outcome: "done" })]);
  });
});

it("support staff change roles acting for the organization, and the trail keeps their reason", async () => {
  await changeMemberRoles(sam, { userId: ALICE.user_id, roleIds: ["rol_OrgAdmin", "rol_Billing"] });
  expect(api.assign).toHaveBeenCalledWith(sam, ALICE.user_id, ["rol_Billing"]);
  expect(api.unassign).not.toHaveBeenCalled();
  expect(await trail()).toEqual([expect.objectContaining({ outcome: "done", kind: "support", reason: "TICKET-42" })]);
});

it("refuses a member who is not in the organization (another organization's user id)", async () => {
  await expect(removeMember(alice, { userId: "auth0|carol-of-globex" })).rejects.toMatchObject({ code: "member_missing" });
  noWrites();
});
