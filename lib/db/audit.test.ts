import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { grantOrgAccess } from "@/lib/authz/access";
import { storeCases } from "@/lib/testing/stores";
import { auditTrail, recordAuditEvent } from "./audit";
import type { NewAuditEvent } from "./schema";
import type { Store } from "./store";

const cases = await storeCases("inviter_unit_audit");
const none = {};

describe.each(cases)("audit trail on the $name store", ({ open }) => {
  let store: Store;
  beforeAll(async () => {
    store = await open();
  });
  afterAll(async () => {
    await store.close();
  });

  const base = { action: "invite", actorId: "auth0|a", actorEmail: "a@x.test", actorName: "A" };
  const record = (event: Partial<NewAuditEvent> & { organizationId: string }) => recordAuditEvent(store.db, { ...base, outcome: "created", ...event });

  it("lists an organization's events newest first, paginated, and only that organization's", async () => {
    for (let i = 0; i < 5; i++) {
      await record({ organizationId: "org_one", inviteeEmail: `p${i}@x.test`, roles: ["Member"], occurredAt: new Date(Date.UTC(2026, 0, 1, 0, i)) });
    }
    await record({ outcome: "refused", organizationId: "org_two", detail: "not a member" });
    const one = grantOrgAccess("org_one");

    const first = await auditTrail(store.db, one, none, { page: 0, perPage: 2 });
    expect(first.events.map((e) => e.inviteeEmail)).toEqual(["p4@x.test", "p3@x.test"]);
    expect(first).toMatchObject({ total: 5, page: 0, pages: 3 });
    const last = await auditTrail(store.db, one, none, { page: 2, perPage: 2 });
    expect(last.events.map((e) => e.inviteeEmail)).toEqual(["p0@x.test"]);
    expect(last.events[0]!.roles).toEqual(["Member"]);

    const other = await auditTrail(store.db, grantOrgAccess("org_two"), none, { page: 0, perPage: 25 });
    expect(other.events).toHaveLength(1);
    expect(other.events[0]!.detail).toBe("not a member");
  });

  it("shows the last page for a page past the end, however far, and one empty page for an empty trail", async () => {
    for (let i = 0; i < 3; i++) await record({ organizationId: "org_pages", inviteeEmail: `q${i}@x.test`, occurredAt: new Date(Date.UTC(2026, 0, 1, i)) });
    const access = grantOrgAccess("org_pages");
    for (const page of [2, 99, Number.MAX_SAFE_INTEGER]) {
      const trail = await auditTrail(store.db, access, none, { page, perPage: 2 });
      expect(trail).toMatchObject({ total: 3, page: 1, pages: 2 });
      expect(trail.events.map((e) => e.inviteeEmail)).toEqual(["q0@x.test"]);
    }
    expect(await auditTrail(store.db, grantOrgAccess("org_empty"), none, { page: 7, perPage: 2 })).toEqual({ events: [], total: 0, page: 0, pages: 1 });
  });

  it("filters by actor (part of name or email, any case, wildcards literal), action, outcome and inclusive UTC days", async () => {
    const org = "org_filters";
    const access = grantOrgAccess(org);
    const at = (iso: string) => new Date(iso);
    await record({ organizationId: org, actorName: "Alice Admin", actorEmail: "alice@acme.test", inviteeEmail: "a1@x.test", occurredAt: at("2026-03-01T00:00:00.000Z") });
    await record({ organizationId: org, actorName: "Alice Admin", actorEmail: "alice@acme.test", action: "revoke", outcome: "revoked", inviteeEmail: "a2@x.test", occurredAt: at("2026-03-02T23:59:59.999Z") });
    await record({ organizationId: org, actorName: "Carol Admin", actorEmail: "carol@globex.test", action: "view", outcome: "refused", occurredAt: at("2026-03-03T00:00:00.000Z") });
    await record({ organizationId: org, actorName: "Sam_Support", actorEmail: "sam@support.test", action: "view", outcome: "viewed", occurredAt: at("2026-02-28T23:59:59.999Z") });
    await record({ organizationId: "org_elsewhere", actorName: "Alice Admin", actorEmail: "alice@acme.test" });

    const emails = async (filters: Parameters<typeof auditTrail>[2]) => {
      const trail = await auditTrail(store.db, access, filters, { page: 0, perPage: 25 });
      expect(trail.total).toBe(trail.events.length);
      return trail.events.map((e) => `${e.actorEmail} ${e.outcome}`);
    };
    expect(await emails({ actor: "ALICE" })).toEqual(["alice@acme.test revoked", "alice@acme.test created"]);
    expect(await emails({ actor: "globex" })).toEqual(["carol@globex.test refused"]);
    expect(await emails({ actor: "admin" })).toEqual(["carol@globex.test refused", "alice@acme.test revoked", "alice@acme.test created"]);
    // `_` and `%` are letters here, not LIKE's wildcards.
    expect(await emails({ actor: "m_s" })).toEqual(["sam@support.test viewed"]);
    expect(await emails({ actor: "e_a" })).toEqual([]);
    expect(await emails({ actor: "%" })).toEqual([]);
    expect(await emails({ action: "view" })).toEqual(["carol@globex.test refused", "sam@support.test viewed"]);
    expect(await emails({ outcome: "refused" })).toEqual(["carol@globex.test refused"]);
    expect(await emails({ action: "view", outcome: "created" })).toEqual([]);
    // Both ends are whole UTC days, included.
    expect(await emails({ from: "2026-03-01", to: "2026-03-02" })).toEqual(["alice@acme.test revoked", "alice@acme.test created"]);
    expect(await emails({ from: "2026-03-03" })).toEqual(["carol@globex.test refused"]);
    expect(await emails({ to: "2026-02-28" })).toEqual(["sam@support.test viewed"]);
    expect(await emails({ from: "2026-03-02", to: "2026-03-01" })).toEqual([]);
    expect(await emails({ actor: "alice", outcome: "created", from: "2026-03-01", to: "2026-03-01" })).toEqual(["alice@acme.test created"]);
  });

  it("applies migrations idempotently", async () => {
    const again = await open();
    await again.close();
  });
});

it("runs against the PostgreSQL server where one is reachable", () => {
  // On machines with the local server (CI here has one) both stores must be exercised.
  if (process.env.CI) expect(cases.map((c) => c.name)).toEqual(["embedded", "postgres"]);
});
