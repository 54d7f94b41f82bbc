// An organization admin's policy can only tighten the operator's, on both stores, against the emulator's
// organization metadata (changed as an operator would, with PATCH /organizations/{id}): a looser value is
// refused and changes nothing, also when it is a replay of a value that was tighter until the operator
// tightened further; the policy in effect is always the stricter of both; each change is in the trail
// with who, the old and the new value.
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { ACME, api, useEmulator } from "@/e2e/auth0-emulator/management/testing";
import type { Store } from "@/lib/db/store";

const current = vi.hoisted(() => ({ store: undefined as Store | undefined }));
vi.mock("@/lib/db/store", async () => {
  const actual = await vi.importActual<typeof import("@/lib/db/store")>("@/lib/db/store");
  return { ...actual, store: async () => current.store! };
});
vi.mock("@/lib/env", async (importOriginal) => (await import("@/lib/testing/emulator-env")).emulatorEnv(await importOriginal()));
// Each read goes to the emulator: the operator's change must be seen at once, not after the 30-second cache.
vi.mock("@/lib/auth0/cache", () => ({ cachedLookup: <T>(_key: string, _ttl: number, load: () => Promise<T>) => load() }));

useEmulator();
const { storeCases } = await import("@/lib/testing/stores");
const { testContext } = await import("@/lib/testing/action-context");
const { removePolicyTightening, tightenPolicy } = await import("./admin");
const { delegationPolicy, policyView } = await import("./policy");
const { auditEvents, policyTightenings } = await import("@/lib/db/schema");

const alice = testContext(ACME, { kind: "member", roleNames: ["Org Admin"] }, { user: { id: "auth0|alice0000000000000000001", email: "alice@acme.test", name: "Alice Admin" } }).ctx;
const ivan = testContext(ACME, { kind: "member", roleNames: ["Inviter"] }, { user: { id: "auth0|ivan00000000000000000007", email: "ivan@acme.test", name: "Ivan Inviter" } }).ctx;
const sam = testContext(ACME, { kind: "support" }, { user: { id: "auth0|sam000000000000000000006", email: "sam@support.test", name: "Sam Support" }, reason: "T-17 tighten" }).ctx;

/** The operator changes the organization's metadata in Auth0, as a provisioning system would. */
async function operatorSets(metadata: Record<string, string | null>) {
  expect((await api("PATCH", `/organizations/${ACME}`, { body: { metadata } })).status).toBe(200);
}

afterAll(() => {
  delete (globalThis as Record<string, unknown>).__managementClient;
});

const cases = await storeCases("inviter_unit_policy_tightening");

describe.each(cases)("tightening the policy on the $name store", ({ open }) => {
  let store: Store;
  beforeAll(async () => {
    store = current.store = await open();
  });
  afterAll(async () => {
    await store.close();
  });
  beforeEach(async () => {
    await store.db.execute(sql`TRUNCATE policy_tightenings, audit_events`);
    await operatorSets({ invite_domains: "acme.test,*.acme.test", invite_max_ttl_days: "7", invite_outside_domains: "approval" });
  });

  const trail = () => store.db.select().from(auditEvents).orderBy(auditEvents.id);
  const stored = () => store.db.select().from(policyTightenings);

  it("lets an Org Admin tighten, puts the stricter value in effect with its source, and records who, old and new", async () => {
    await expect(tightenPolicy(alice, { limit: "maxTtlDays", value: "3" })).resolves.toEqual({ limit: "maxTtlDays", inEffect: "3 days" });
    await tightenPolicy(alice, { limit: "domains", value: "eu.acme.test" });
    await tightenPolicy(alice, { limit: "outsideDomains", value: "refuse" });

    const policy = await delegationPolicy(alice);
    expect(policy.maxTtlDays).toMatchObject({ source: "admin", value: 3, operator: { source: "organization", value: 7 } });
    expect(policy.domains).toMatchObject({ source: "admin", value: [{ domain: "eu.acme.test", subdomains: false }] });
    expect(policy.outsideDomains).toMatchObject({ source: "admin", value: "refuse" });
    expect(policy.seats).toMatchObject({ source: "none" });
    expect(await stored()).toContainEqual(expect.objectContaining({ organizationId: ACME, limit: "maxTtlDays", value: "3", setByName: "Alice Admin", setById: alice.user.id }));

    expect(await trail()).toEqual([
      expect.objectContaining({ action: "tighten_policy", outcome: "done", actorName: "Alice Admin", actorKind: "member", organizationId: ACME, detail: "Longest expiry: 7 days → 3 days" }),
      expect.objectContaining({ action: "tighten_policy", outcome: "done", detail: "Allowed invitee domains: acme.test and *.acme.test → eu.acme.test" }),
      expect.objectContaining({ action: "tighten_policy", outcome: "done", detail: "Addresses outside the allowed domains: Sent for an Org Admin's approval → Refused" }),
    ]);

    // Tightening further records the admins' old value as the old one.
    await tightenPolicy(alice, { limit: "maxTtlDays", value: "2" });
    expect((await trail()).at(-1)).toMatchObject({ detail: "Longest expiry: 3 days → 2 days" });
  });

  it.each([
    ["maxTtlDays", "8", "8 days is looser than the operator's value, 7 days (organization metadata)"],
    ["maxTtlDays", "none", "30 days (Auth0's longest) is looser than the operator's value, 7 days"],
    ["domains", "acme.test,gmail.com", "acme.test and gmail.com is looser than the operator's value, acme.test and *.acme.test"],
    ["domains", "*", "Any domain is looser"],
  ] as const)("refuses the looser %s %j, next to the field, and changes nothing", async (limit, value, message) => {
    await tightenPolicy(alice, { limit: "maxTtlDays", value: "5" });
    const before = { stored: await stored(), trail: await trail() };
    await expect(tightenPolicy(alice, { limit, value })).rejects.toMatchObject({ code: "loosens_policy", field: "value", message: expect.stringContaining(message) });
    expect(await stored()).toEqual(before.stored);
    expect(await trail()).toEqual(before.trail);
  });

  it("refuses a replayed value that the operator has since made looser than theirs; the stricter stays in effect, and the admin's value never loosens", async () => {
    await tightenPolicy(alice, { limit: "maxTtlDays", value: "5" });
    // The operator tightens below the admin's value: it is in effect, from the metadata.
    await operatorSets({ invite_max_ttl_days: "4" });
    expect((await delegationPolicy(alice)).maxTtlDays).toMatchObject({ source: "organization", value: 4 });

    // Alice's earlier request, replayed: now looser than the operator's, it is refused and changes nothing.
    const before = { stored: await stored(), trail: await trail() };
    await expect(tightenPolicy(alice, { limit: "maxTtlDays", value: "5" })).rejects.toMatchObject({ code: "loosens_policy" });
    expect(await stored()).toEqual(before.stored);
    expect(await trail()).toEqual(before.trail);
    expect((await delegationPolicy(alice)).maxTtlDays).toMatchObject({ source: "organization", value: 4 });

    // The operator loosens again: the admin's 5 days hold, never the operator's 30.
    await operatorSets({ invite_max_ttl_days: null });
    expect((await delegationPolicy(alice)).maxTtlDays).toMatchObject({ source: "admin", value: 5, operator: { source: "none" } });
  });

  it("refuses an Inviter, who is not an administrator of the organization, and lets support acting for it, with its reason", async () => {
    await expect(tightenPolicy(ivan, { limit: "maxTtlDays", value: "1" })).rejects.toMatchObject({ code: "not_org_admin" });
    await expect(removePolicyTightening(ivan, { limit: "maxTtlDays" })).rejects.toMatchObject({ code: "not_org_admin" });
    expect(await stored()).toEqual([]);

    await tightenPolicy(sam, { limit: "blockedDomains", value: "spam.acme.test" });
    expect((await delegationPolicy(sam)).blockedDomains).toMatchObject({ source: "admin", value: [{ domain: "spam.acme.test", subdomains: false }] });
    expect(await trail()).toEqual([expect.objectContaining({ action: "tighten_policy", actorName: "Sam Support", actorKind: "support", reason: "T-17 tighten", detail: "Blocked invitee domains: None → spam.acme.test" })]);
  });

  it("removes a tightening back to the operator's value, recorded, and says when there is none to remove", async () => {
    await tightenPolicy(alice, { limit: "maxTtlDays", value: "3" });
    await expect(removePolicyTightening(sam, { limit: "maxTtlDays" })).resolves.toEqual({ limit: "maxTtlDays", inEffect: "7 days" });
    expect((await policyView(alice)).tightenings).toEqual([]);
    expect((await delegationPolicy(alice)).maxTtlDays).toMatchObject({ source: "organization", value: 7 });
    expect((await trail()).at(-1)).toMatchObject({ action: "remove_policy_tightening", outcome: "done", actorName: "Sam Support", detail: "Longest expiry: 3 days → 7 days (organization metadata)" });

    await expect(removePolicyTightening(alice, { limit: "maxTtlDays" })).rejects.toMatchObject({ code: "not_tightened" });
    expect(await trail()).toHaveLength(2);
  });

  it("refuses a value that does not parse, saying what is wrong next to the field", async () => {
    await expect(tightenPolicy(alice, { limit: "maxTtlDays", value: "3d" })).rejects.toMatchObject({ code: "invalid_value", field: "value", message: expect.stringContaining("whole number of days") });
    expect(await stored()).toEqual([]);
  });

  it("refuses approval roles that are not the tenant's, which would quietly require nothing, and takes its roles in any case", async () => {
    await expect(tightenPolicy(alice, { limit: "approvalRoles", value: "Org Admn" })).rejects.toMatchObject({ code: "invalid_value", field: "value", message: "Org Admn is not a role of this tenant: choose from its roles." });
    expect(await stored()).toEqual([]);
    await tightenPolicy(alice, { limit: "approvalRoles", value: "org admin" });
    expect(await stored()).toHaveLength(1);
  });
});
