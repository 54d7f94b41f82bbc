// The webhook events of the Members page's changes: member.roles_changed and member.removed are written to the
// outbox in the transaction that settles the trail and changes the store's copy, in the order the changes were
// made, with who made them and the roles before and after; none when Auth0 refused the change.
import { asc } from "drizzle-orm";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { testContext } from "@/lib/testing/action-context";

const api = vi.hoisted(() => ({ members: vi.fn(), assign: vi.fn(), unassign: vi.fn(), remove: vi.fn(), failOutbox: false }));
vi.mock("@/lib/auth0/organization-data", () => ({ listMembers: api.members }));
vi.mock("@/lib/auth0/member-writer", () => ({ assignMemberRoles: api.assign, removeMemberRoles: api.unassign, removeMembers: api.remove }));
vi.mock("@/lib/auth0/directory", () => ({
  organizationById: async () => ({ id: "org_acme", name: "acme", displayName: "Acme", metadata: {} }),
  tenantRoles: async () => [
    { id: "rol_Member", name: "Member" },
    { id: "rol_Billing", name: "Billing" },
    { id: "rol_OrgAdmin", name: "Org Admin" },
  ],
}));
vi.mock("@/lib/ledger/events", async (importOriginal) => {
  const actual = await importOriginal<typeof import("@/lib/ledger/events")>();
  return {
    ...actual,
    recordEvent: async (...args: Parameters<typeof actual.recordEvent>) => {
      if (api.failOutbox) throw new Error("the outbox is unwritable");
      return actual.recordEvent(...args);
    },
  };
});
vi.mock("@/lib/db/store", async (importOriginal) => (await import("@/lib/testing/memory-store")).memoryStore(await importOriginal()));
vi.mock("@/lib/env", async (importOriginal) => (await import("@/lib/testing/test-env")).testEnv(await importOriginal()));

const { changeMemberRoles, removeMember } = await import("./change");
const { store } = await import("@/lib/db/store");
const { auditEvents, organizationMembers } = await import("@/lib/db/schema");
const { ledgerEvents } = await import("@/lib/ledger/table");

const member = (id: string, ...roles: [string, string][]) => ({ user_id: `auth0|${id}`, email: `${id}@acme.test`, roles: roles.map(([rid, name]) => ({ id: rid, name })) });
const ALICE = member("alice", ["rol_OrgAdmin", "Org Admin"]);
const BOB = member("bob", ["rol_Member", "Member"]);

const { ctx: alice } = testContext("org_acme", { kind: "member", roleNames: ["Org Admin"] }, { user: { id: "auth0|alice", email: "alice@acme.test", name: "Alice" } });
const { ctx: sam } = testContext("org_acme", { kind: "support" }, { user: { id: "auth0|sam", email: "sam@support.test", name: "Sam" }, reason: "TICKET-42" });

const db = async () => (await store()).db;
const outbox = async () => (await db()).select().from(ledgerEvents).orderBy(asc(ledgerEvents.sequence));
const trail = async () => (await (await db()).select().from(auditEvents)).map((e) => e.outcome);
const bobInCopy = async () => (await (await db()).select().from(organizationMembers)).find((row) => row.userId === BOB.user_id);

beforeEach(async () => {
  vi.clearAllMocks();
  api.failOutbox = false;
  const opened = await db();
  await opened.delete(auditEvents);
  await opened.delete(ledgerEvents);
  await opened.delete(organizationMembers);
  await opened.insert(organizationMembers).values({ organizationId: "org_acme", userId: BOB.user_id, email: BOB.email, name: "Bob", roleIds: ["rol_Member"], seenAt: new Date() });
  api.members.mockResolvedValue([ALICE, BOB]);
  for (const write of [api.assign, api.unassign, api.remove]) write.mockResolvedValue({ ok: true, value: "done" });
});

describe("member events", () => {
  it("are written with the change, in the order the changes were made, with who made them and the roles before and after", async () => {
    await changeMemberRoles(alice, { userId: BOB.user_id, roleIds: ["rol_Billing"] });
    api.members.mockResolvedValue([ALICE, member("bob", ["rol_Billing", "Billing"])]);
    await removeMember(sam, { userId: BOB.user_id });

    const events = await outbox();
    expect(events.map((event) => [event.type, event.subjectId, event.organizationId])).toEqual([
      ["member.roles_changed", BOB.user_id, "org_acme"],
      ["member.removed", BOB.user_id, "org_acme"],
    ]);
    expect(events[0]!.sequence).toBeLessThan(events[1]!.sequence);
    expect(events[0]!.id).toMatch(/^evt_/);
    expect(events[0]!.data).toEqual({
      organization_id: "org_acme",
      user_id: BOB.user_id,
      email: "bob@acme.test",
      role_ids_before: ["rol_Member"],
      role_ids_after: ["rol_Billing"],
      actor: { id: "auth0|alice", name: "Alice", kind: "member" },
    });
    expect(events[1]!.data).toMatchObject({ role_ids_before: ["rol_Billing"], role_ids_after: [], actor: { id: "auth0|sam", name: "Sam", kind: "support" } });
    expect(await trail()).toEqual(["done", "done"]);
    expect(await bobInCopy()).toBeUndefined();
  });

  it("are one with the store's record of the change: when the outbox cannot be written, neither the trail nor the copy changes", async () => {
    api.failOutbox = true;
    await expect(changeMemberRoles(alice, { userId: BOB.user_id, roleIds: ["rol_Billing"] })).rejects.toThrow("the outbox is unwritable");
    expect(api.assign).toHaveBeenCalled();
    expect(await outbox()).toEqual([]);
    // Left `started`: the trail says the outcome is unknown, and the tenant logs bring the copy up to date.
    expect(await trail()).toEqual(["started"]);
    expect((await bobInCopy())?.roleIds).toEqual(["rol_Member"]);
  });

  it.each([
    ["a role change", () => changeMemberRoles(alice, { userId: BOB.user_id, roleIds: ["rol_Billing"] }), api.assign],
    ["a removal", () => removeMember(alice, { userId: BOB.user_id }), api.remove],
  ])("are not written when Auth0 refused %s", async (_what, attempt, write) => {
    write.mockResolvedValue({ ok: false, kind: "refused", error: { code: "insufficient_scope", message: "This app lacks the scope" } });
    await expect(attempt()).rejects.toMatchObject({ code: "insufficient_scope" });
    expect(await outbox()).toEqual([]);
    expect(await trail()).toEqual(["failed"]);
  });

  it("are not written for a change refused before Auth0 is asked", async () => {
    await expect(removeMember(alice, { userId: ALICE.user_id })).rejects.toMatchObject({ code: "last_admin" });
    expect(await outbox()).toEqual([]);
  });
});
