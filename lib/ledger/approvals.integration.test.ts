// Requests for approval in the store, on both stores: of answers racing from two instances (two connection
// pools on one PostgreSQL server), exactly one claims the request; an overdue request can no longer be claimed
// and time settles it as expired, in the trail too; an approval that could not be sent awaits an answer again.
import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { grantOrgAccess } from "@/lib/authz/access";
import { auditEvents } from "@/lib/db/schema";
import type { Store } from "@/lib/db/store";
import { storeCases } from "@/lib/testing/stores";
import { approvalRequest, decideRequest, recordRequest, reopenRequest } from "./approvals";
import { expireOverdue } from "./ledger";

const access = grantOrgAccess("org_acme");
const ivan = { actorId: "auth0|ivan", actorEmail: "ivan@acme.test", actorName: "Ivan", actorKind: "member" };
const approver = (name: string) => ({ actorId: `auth0|${name}`, actorEmail: `${name}@acme.test`, actorName: name, actorKind: "member" });
const invitation = { email: "Friend@gmail.com", inviterName: "Ivan", clientId: "cli", roleIds: ["rol_Member"], ttlSeconds: 86_400, sendEmail: true };
const DAY = 86_400_000;

describe.each(await storeCases("inviter_unit_approvals"))("requests for approval on the $name store", ({ name, open }) => {
  let pair: [Store, Store];
  beforeAll(async () => {
    const first = await open();
    // A second instance with its own connection pool; the embedded store belongs to one process, so there the
    // answers race inside it.
    pair = [first, name === "embedded" ? first : await open()];
  });
  afterAll(async () => {
    await Promise.all([...new Set(pair)].map((store) => store.close()));
  });
  beforeEach(async () => {
    await pair[0].db.execute(sql`TRUNCATE invitations, approval_requests, audit_events`);
  });
  const request = (store: Store, expiresAt = new Date(Date.now() + 7 * DAY)) =>
    recordRequest(store.db, access, ivan, invitation, { rule: "outside_domains", ruleMessage: "gmail.com is outside acme.test", expiresAt });

  it("lets exactly one of many racing answers claim a request", async () => {
    const [one, two] = pair;
    const id = await request(one);
    const racers = ["alice", "olga", "alice", "olga", "alice", "olga"].map((who, index) =>
      decideRequest((index % 2 === 0 ? one : two).db, access, id, { kind: index < 3 ? "approved" : "denied", decider: approver(who), note: `by ${who}` }),
    );
    const claims = await Promise.all(racers);
    expect(claims.filter(Boolean)).toHaveLength(1);
    const found = await approvalRequest(one.db, access, id);
    const winner = claims.indexOf(true);
    expect(found?.entry.status).toBe(winner < 3 ? "approved" : "denied");
    expect(found?.request.note).toBe(`by ${found?.request.deciderName}`);
    expect(found?.entry).toMatchObject({ inviteeEmail: "friend@gmail.com", actorId: "auth0|ivan", roleIds: ["rol_Member"] });
  });

  it("keeps a request away from another organization", async () => {
    const [store] = pair;
    const id = await request(store);
    const globex = grantOrgAccess("org_globex");
    expect(await approvalRequest(store.db, globex, id)).toBeUndefined();
    expect(await decideRequest(store.db, globex, id, { kind: "approved", decider: approver("carol") })).toBe(false);
    expect((await approvalRequest(store.db, access, id))?.entry.status).toBe("awaiting_approval");
  });

  it("refuses to claim an overdue request, and time settles it as expired, once, in the trail", async () => {
    const [store] = pair;
    const id = await request(store, new Date(Date.now() - 1000));
    expect(await decideRequest(store.db, access, id, { kind: "approved", decider: approver("alice") })).toBe(false);
    expect(await expireOverdue(store.db)).toBe(1);
    expect(await expireOverdue(store.db)).toBe(0);
    expect((await approvalRequest(store.db, access, id))?.entry.status).toBe("request_expired");
    const trail = await store.db.select().from(auditEvents).where(and(eq(auditEvents.invitationId, id), eq(auditEvents.action, "expire")));
    expect(trail).toEqual([expect.objectContaining({ outcome: "done", actorKind: "app" })]);
  });

  it("reopens an approval that could not be sent, clearing its decision, and nothing else", async () => {
    const [store] = pair;
    const id = await request(store);
    expect(await decideRequest(store.db, access, id, { kind: "approved", decider: approver("alice"), note: "ok" })).toBe(true);
    await reopenRequest(store.db, id);
    const reopened = await approvalRequest(store.db, access, id);
    expect(reopened?.entry.status).toBe("awaiting_approval");
    expect(reopened?.request).toMatchObject({ deciderId: null, note: null, decidedAt: null });
    expect(await decideRequest(store.db, access, id, { kind: "denied", decider: approver("olga") })).toBe(true);
    await reopenRequest(store.db, id);
    expect((await approvalRequest(store.db, access, id))?.entry.status).toBe("denied");
  });
});
