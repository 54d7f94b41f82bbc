import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { storeCases } from "@/lib/testing/stores";
import { listAuditEvents, recordAuditEvent } from "./audit";
import type { Store } from "./store";

const cases = await storeCases("inviter_unit_audit");

describe.each(cases)("audit trail on the $name store", ({ open }) => {
  let store: Store;
  beforeAll(async () => {
    store = await open();
  });
  afterAll(async () => {
    await store.close();
  });

  const base = { action: "invite", actorId: "auth0|a", actorEmail: "a@x.test", actorName: "A" };

  it("lists an organization's events newest first, paginated, and only that organization's", async () => {
    for (let i = 0; i < 5; i++) {
      await recordAuditEvent(store.db, {
        ...base,
        outcome: "created",
        organizationId: "org_one",
        inviteeEmail: `p${i}@x.test`,
        roles: ["Member"],
        occurredAt: new Date(Date.UTC(2026, 0, 1, 0, i)),
      });
    }
    await recordAuditEvent(store.db, { ...base, outcome: "refused", organizationId: "org_two", detail: "not a member" });

    const first = await listAuditEvents(store.db, "org_one", 0, 2);
    expect(first.events.map((e) => e.inviteeEmail)).toEqual(["p4@x.test", "p3@x.test"]);
    expect(first.hasMore).toBe(true);
    const last = await listAuditEvents(store.db, "org_one", 2, 2);
    expect(last.events.map((e) => e.inviteeEmail)).toEqual(["p0@x.test"]);
    expect(last.hasMore).toBe(false);
    expect(last.events[0]!.roles).toEqual(["Member"]);

    const other = await listAuditEvents(store.db, "org_two", 0);
    expect(other.events).toHaveLength(1);
    expect(other.events[0]!.detail).toBe("not a member");
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
