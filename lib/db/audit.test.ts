import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { grantOrgAccess } from "@/lib/authz/access";
import { storeCases } from "@/lib/testing/stores";
import type { DeskAuthorized } from "@/lib/authz/gate";
import { auditTrail, recordAuditEvent, tallyAuditEvent } from "./audit";
import { auditEvents, organizationDirectory, supportEngagements, type NewAuditEvent } from "./schema";
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
  const record = (event: Partial<NewAuditEvent> & { organizationId: string | null }) => recordAuditEvent(store.db, { ...base, outcome: "created", ...event });

  it("tallies refusals once per actor, organization, action, outcome and minute, with a count", async () => {
    const refusal = { ...base, action: "view", outcome: "refused", organizationId: "org_tally", detail: "No." };
    const minute = (m: number, s: number) => new Date(Date.UTC(2026, 2, 1, 9, m, s));
    await Promise.all([0, 10, 20, 59].map((s) => tallyAuditEvent(store.db, refusal, minute(0, s))));
    await tallyAuditEvent(store.db, refusal, minute(1, 0));
    await tallyAuditEvent(store.db, { ...refusal, actorId: "auth0|b" }, minute(0, 30));
    await tallyAuditEvent(store.db, { ...refusal, outcome: "throttled" }, minute(0, 30));
    await tallyAuditEvent(store.db, { ...refusal, organizationId: "org_tally_other" }, minute(0, 30));
    const rows = (await store.db.select().from(auditEvents)).filter((e) => e.organizationId?.startsWith("org_tally"));
    const counts = rows.map((e) => `${e.actorId} ${e.outcome} ${e.organizationId} ${e.occurredAt.getUTCMinutes()} ×${e.count}`).sort();
    expect(counts).toEqual([
      "auth0|a refused org_tally 0 ×4",
      "auth0|a refused org_tally 1 ×1",
      "auth0|a refused org_tally_other 0 ×1",
      "auth0|a throttled org_tally 0 ×1",
      "auth0|b refused org_tally 0 ×1",
    ]);
    // The trail lists them like any other row, with their count.
    const { events } = await auditTrail(store.db, { organization: grantOrgAccess("org_tally") }, none, { page: 0, perPage: 10 });
    expect(events.map((e) => e.count).sort()).toEqual([1, 1, 1, 4]);
  });

  it("tallies views once per page a minute: each page viewed keeps a row of its own", async () => {
    const view = { ...base, action: "view", outcome: "viewed", organizationId: "org_views" };
    const at = (s: number) => new Date(Date.UTC(2026, 2, 1, 9, 0, s));
    await Promise.all([0, 1, 2].map((s) => tallyAuditEvent(store.db, { ...view, detail: "the members" }, at(s))));
    await tallyAuditEvent(store.db, { ...view, detail: "the activity" }, at(3));
    const rows = (await store.db.select().from(auditEvents)).filter((e) => e.organizationId === "org_views");
    expect(rows.map((e) => `${e.detail} ×${e.count}`).sort()).toEqual(["the activity ×1", "the members ×3"]);
  });

  it("lists an organization's events newest first, paginated, and only that organization's", async () => {
    for (let i = 0; i < 5; i++) {
      await record({ organizationId: "org_one", inviteeEmail: `p${i}@x.test`, roles: ["Member"], occurredAt: new Date(Date.UTC(2026, 0, 1, 0, i)) });
    }
    await record({ outcome: "refused", organizationId: "org_two", detail: "not a member" });
    const one = { organization: grantOrgAccess("org_one") };

    const first = await auditTrail(store.db, one, none, { page: 0, perPage: 2 });
    expect(first.events.map((e) => e.inviteeEmail)).toEqual(["p4@x.test", "p3@x.test"]);
    expect(first).toMatchObject({ total: 5, page: 0, pages: 3 });
    const last = await auditTrail(store.db, one, none, { page: 2, perPage: 2 });
    expect(last.events.map((e) => e.inviteeEmail)).toEqual(["p0@x.test"]);
    expect(last.events[0]!.roles).toEqual(["Member"]);

    const other = await auditTrail(store.db, { organization: grantOrgAccess("org_two") }, none, { page: 0, perPage: 25 });
    expect(other.events).toHaveLength(1);
    expect(other.events[0]!.detail).toBe("not a member");
  });

  it("shows the last page for a page past the end, however far, and one empty page for an empty trail", async () => {
    for (let i = 0; i < 3; i++) await record({ organizationId: "org_pages", inviteeEmail: `q${i}@x.test`, occurredAt: new Date(Date.UTC(2026, 0, 1, i)) });
    const access = { organization: grantOrgAccess("org_pages") };
    for (const page of [2, 99, Number.MAX_SAFE_INTEGER]) {
      const trail = await auditTrail(store.db, access, none, { page, perPage: 2 });
      expect(trail).toMatchObject({ total: 3, page: 1, pages: 2 });
      expect(trail.events.map((e) => e.inviteeEmail)).toEqual(["q0@x.test"]);
    }
    expect(await auditTrail(store.db, { organization: grantOrgAccess("org_empty") }, none, { page: 7, perPage: 2 })).toEqual({ events: [], total: 0, page: 0, pages: 1 });
  });

  it("filters by actor (part of name or email, any case, wildcards literal), action, outcome and inclusive UTC days", async () => {
    const org = "org_filters";
    const access = { organization: grantOrgAccess(org) };
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

  describe("the support desk's trail", () => {
    const desk: { desk: DeskAuthorized } = { desk: { user: { id: "auth0|audrey", email: "audrey@desk.test", name: "Audrey" }, actor: { kind: "auditor" } } };
    const sam = { actorName: "Sam Support", actorEmail: "sam@desk.test", actorKind: "support" };
    const at = (minute: number) => new Date(Date.UTC(2026, 5, 1, 0, minute));

    beforeAll(async () => {
      await store.db.insert(organizationDirectory).values({ id: "org_DeskGlobex", name: "globex-desk", displayName: "Globex Desk Corp", seenAt: new Date() });
      // Initech is not in the directory (yet, or any more): support acted for it under two names over time.
      for (const [minute, name] of [[0, "Initech Old"], [1, "Initech Desk"]] as const) {
        await store.db.insert(supportEngagements).values({ sessionId: "s1", actorId: "auth0|sam", organizationId: "org_DeskInitech", organizationName: name, reason: "r", startedAt: at(minute) });
      }
      await record({ ...sam, action: "act_for", outcome: "done", organizationId: "org_DeskGlobex", reason: "TICKET-100 globex", occurredAt: at(1) });
      await record({ ...sam, inviteeEmail: "g@desk.test", organizationId: "org_DeskGlobex", reason: "TICKET-100 globex", occurredAt: at(2) });
      await record({ ...sam, inviteeEmail: "i@desk.test", organizationId: "org_DeskInitech", reason: "ticket-200 initech", occurredAt: at(3) });
      await record({ ...sam, action: "find", outcome: "done", organizationId: null, occurredAt: at(4) });
      await record({ ...sam, inviteeEmail: "u@desk.test", organizationId: "org_DeskUnnamed", reason: "ticket-300", occurredAt: at(5) });
      // Not support's: an organization's own inviter, and a support agent refused before the gate knew them.
      await record({ actorName: "Carol Admin", actorEmail: "carol@desk.test", actorKind: "member", organizationId: "org_DeskGlobex", inviteeEmail: "c@desk.test", occurredAt: at(6) });
      await record({ ...sam, actorKind: null, outcome: "refused", organizationId: "org_DeskGlobex", occurredAt: at(7) });
      // At the desk, with no organization: an auditor's look, and an outsider refused.
      await record({ actorName: "Audrey", actorEmail: "audrey@desk.test", actorKind: "auditor", action: "view_support_activity", outcome: "viewed", organizationId: null, occurredAt: at(8) });
      await record({ actorName: "Eve", actorEmail: "eve@desk.test", actorKind: null, action: "view_support_activity", outcome: "refused", organizationId: null, occurredAt: at(9) });
    });

    /** `actor action outcome organization-name` of the desk's events in June 2026 (other tests' rows are elsewhere in time). */
    const rows = async (filters: Parameters<typeof auditTrail>[2] = {}) => {
      const trail = await auditTrail(store.db, desk, { from: "2026-06-01", to: "2026-06-01", ...filters }, { page: 0, perPage: 25 });
      expect(trail.total).toBe(trail.events.length);
      return trail.events.map((e) => `${e.actorEmail.split("@")[0]} ${e.action} ${e.outcome} ${e.organizationName ?? e.organizationId ?? "-"}`);
    };

    it("lists what support did in every organization and everything at the desk, newest first, with organization names", async () => {
      expect(await rows()).toEqual([
        "eve view_support_activity refused -",
        "audrey view_support_activity viewed -",
        "sam invite created org_DeskUnnamed",
        "sam find done -",
        "sam invite created Initech Desk",
        "sam invite created Globex Desk Corp",
        "sam act_for done Globex Desk Corp",
      ]);
    });

    it("filters by organization id, directory name or display name, and any name support acted for it under", async () => {
      const globex = ["sam invite created Globex Desk Corp", "sam act_for done Globex Desk Corp"];
      expect(await rows({ organization: "org_deskglobex" })).toEqual(globex);
      expect(await rows({ organization: "GLOBEX-DESK" })).toEqual(globex);
      expect(await rows({ organization: "desk corp" })).toEqual(globex);
      expect(await rows({ organization: "initech old" })).toEqual(["sam invite created Initech Desk"]);
      expect(await rows({ organization: "unnamed" })).toEqual(["sam invite created org_DeskUnnamed"]);
      expect(await rows({ organization: "desk_" })).toEqual([]);
    });

    it("filters by reason and agent, together with the other filters", async () => {
      expect(await rows({ reason: "ticket-100" })).toEqual(["sam invite created Globex Desk Corp", "sam act_for done Globex Desk Corp"]);
      expect(await rows({ reason: "%" })).toEqual([]);
      expect(await rows({ reason: "ticket", organization: "initech" })).toEqual(["sam invite created Initech Desk"]);
      expect(await rows({ actor: "eve", outcome: "refused" })).toEqual(["eve view_support_activity refused -"]);
      expect(await rows({ actor: "sam", action: "act_for" })).toEqual(["sam act_for done Globex Desk Corp"]);
    });

    it("stays out of an organization's trail where it concerns no organization", async () => {
      const globex = await auditTrail(store.db, { organization: grantOrgAccess("org_DeskGlobex") }, { from: "2026-06-01" }, { page: 0, perPage: 25 });
      expect(globex.events.map((e) => `${e.actorEmail} ${e.outcome}`)).toEqual([
        "sam@desk.test refused",
        "carol@desk.test created",
        "sam@desk.test created",
        "sam@desk.test done",
      ]);
    });
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
