// Webhooks end to end on both stores, on pg-boss: a local receiver that verifies every signature with the
// Standard Webhooks library gets each event of the ledger's transitions once, in order per invitation, after
// an outage (it answers 503 until some event has been refused twice; the test's backoff is 1 s rather than
// the default 30 s, so the outage lasts a few seconds instead of a minute); a rolled-back transition sends
// nothing; a delivery failing past its time is given up, visibly. Without WEBHOOK_ALLOW_PRIVATE, an endpoint on 127.0.0.1 or a name resolving to it is refused.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { asc, sql } from "drizzle-orm";
import type { PgBoss } from "pg-boss";
import { Webhook } from "standardwebhooks";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { grantOrgAccess } from "@/lib/authz/access";
import { webhookDeliveries } from "@/lib/db/schema";
import type { Store } from "@/lib/db/store";
import { openBoss } from "@/lib/jobs/boss";
import { decideRequest, recordRequest } from "@/lib/ledger/approvals";
import { applyEvidence, recordCreated } from "@/lib/ledger/ledger";
import { storeCases } from "@/lib/testing/stores";
import { deliverDue, type DeliverySettings } from "./deliver";
import { startWebhookWorkerOn } from "./queue";

const SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
const alice = { actorId: "auth0|alice", actorEmail: "alice@acme.test", actorName: "Alice", actorKind: "member" };
const bob = { id: "auth0|bob", name: "Bob" };
const DAY = 86_400_000;

const invitation = (id: string, email: string) => ({
  id,
  organization_id: "org_acme",
  invitee: { email },
  inviter: { name: "Alice" },
  roles: ["rol_Member"],
  client_id: "cli",
  created_at: new Date().toISOString(),
  expires_at: new Date(Date.now() + 7 * DAY).toISOString(),
});

type Received = { id: string; type: string; invitationId: string };

/** A receiver that verifies each request's signature, answering 503 while `down`. */
function receiver() {
  const state = { down: false, received: [] as Received[], refused: new Map<string, number>(), forged: 0 };
  const server: Server = createServer((request, response) => {
    let body = "";
    request.on("data", (chunk) => (body += chunk));
    request.on("end", () => {
      try {
        const event = new Webhook(SECRET).verify(body, request.headers as Record<string, string>) as { type: string; data: { invitation_id: string } };
        const id = request.headers["webhook-id"] as string;
        if (state.down) {
          state.refused.set(id, (state.refused.get(id) ?? 0) + 1);
          response.writeHead(503).end();
          return;
        }
        state.received.push({ id, type: event.type, invitationId: event.data.invitation_id });
        response.writeHead(204).end();
      } catch {
        state.forged++;
        response.writeHead(400).end();
      }
    });
  });
  return {
    state,
    listen: () => new Promise<number>((resolve) => server.listen(0, "127.0.0.1", () => resolve((server.address() as AddressInfo).port))),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

describe.each(await storeCases("inviter_unit_webhooks"))("webhooks on the $name store", ({ open, databaseUrl }) => {
  let store: Store;
  let boss: PgBoss;
  const hook = receiver();
  let port: number;
  const settings = (overrides: Partial<DeliverySettings> = {}): DeliverySettings => ({
    endpoints: [{ url: `http://127.0.0.1:${port}/hooks`, secret: SECRET }],
    allowPrivate: true,
    retryBaseSeconds: 1,
    giveUpAfterSeconds: 3600,
    timeoutSeconds: 5,
    ...overrides,
  });

  beforeAll(async () => {
    store = await open();
    boss = await openBoss(store, databaseUrl);
    port = await hook.listen();
  });
  afterAll(async () => {
    await boss.stop({ graceful: false });
    await store.close();
    await hook.close();
  });
  beforeEach(async () => {
    await store.db.execute(sql`TRUNCATE invitations, approval_requests, audit_events, ledger_events, webhook_deliveries`);
    hook.state.received.length = 0;
    hook.state.refused.clear();
    hook.state.forged = 0;
  });

  it("delivers each committed transition once, signed, in order per invitation, after the receiver's outage", { timeout: 90_000 }, async () => {
    const { db } = store;
    hook.state.down = true;
    const stop = await startWebhookWorkerOn(boss, db, { settings: settings(), pollSeconds: 1 });
    try {
      const acme = grantOrgAccess("org_acme");
      await recordCreated(db, invitation("uinv_A", "ann@acme.test"), alice, { sendEmail: true });
      await recordCreated(db, invitation("uinv_B", "ben@acme.test"), alice, { sendEmail: true });
      await recordCreated(db, invitation("uinv_D", "dan@acme.test"), alice, { sendEmail: true });
      const request = { email: "eve@gmail.com", inviterName: "Alice", clientId: "cli", roleIds: ["rol_Member"], ttlSeconds: 86_400, sendEmail: true };
      const requestId = await recordRequest(db, acme, alice, request, { rule: "outside_domains", ruleMessage: "gmail.com is outside acme.test", expiresAt: new Date(Date.now() + DAY) });

      // The outage lasts until the first events have been refused three times, i.e. retried twice after
      // backoff (their next retry is 4 s away). The later transitions happen meanwhile: their events are due
      // at once, before the earlier ones' next retries, and must still wait for them.
      await vi.waitFor(() => expect(Math.max(0, ...hook.state.refused.values())).toBeGreaterThanOrEqual(3), { timeout: 30_000, interval: 100 });
      await applyEvidence(db, "uinv_A", { kind: "accepted", by: bob });
      await recordCreated(db, invitation("uinv_C", "ben@acme.test"), alice, { sendEmail: true, predecessorId: "uinv_B" });
      await applyEvidence(db, "uinv_C", { kind: "revoked", by: { id: alice.actorId, name: alice.actorName } });
      // A transition whose transaction rolls back writes no event.
      await expect(
        db.transaction(async (tx) => {
          await applyEvidence(tx as unknown as typeof db, "uinv_D", { kind: "revoked", by: bob });
          throw new Error("rolled back");
        }),
      ).rejects.toThrow("rolled back");
      expect(await decideRequest(db, acme, requestId, { kind: "denied", decider: { ...alice, actorId: "auth0|olga", actorName: "Olga" } })).toBe(true);
      expect(hook.state.received).toEqual([]);
      hook.state.down = false;

      const expected: Record<string, string[]> = {
        uinv_A: ["invitation.created", "invitation.accepted"],
        uinv_B: ["invitation.created", "invitation.replaced"],
        uinv_C: ["invitation.created", "invitation.revoked"],
        uinv_D: ["invitation.created"],
        [requestId]: ["invitation.approval_requested", "invitation.denied"],
      };
      const total = Object.values(expected).flat().length;
      await vi.waitFor(() => expect(hook.state.received.length).toBeGreaterThanOrEqual(total), { timeout: 60_000, interval: 100 });

      expect(hook.state.forged).toBe(0);
      expect(new Set(hook.state.received.map((event) => event.id)).size).toBe(hook.state.received.length);
      const byInvitation: Record<string, string[]> = {};
      for (const event of hook.state.received) (byInvitation[event.invitationId] ??= []).push(event.type);
      expect(byInvitation).toEqual(expected);

      const log = await db.select().from(webhookDeliveries).orderBy(asc(webhookDeliveries.eventSequence));
      expect(log).toHaveLength(total);
      expect(log.every((row) => row.status === "delivered" && row.lastStatusCode === 204 && row.lastError === null)).toBe(true);
      expect(Math.max(...log.map((row) => row.attempts))).toBeGreaterThanOrEqual(3);
    } finally {
      await stop();
    }
  });

  it("gives a delivery up when its time is over, visibly, and the invitation's next event goes", async () => {
    const { db } = store;
    await recordCreated(db, invitation("uinv_G", "gus@acme.test"), alice, { sendEmail: true });
    hook.state.down = true;
    await deliverDue(db, settings({ giveUpAfterSeconds: 0 }));
    await applyEvidence(db, "uinv_G", { kind: "accepted", by: bob });
    hook.state.down = false;
    await deliverDue(db, settings({ giveUpAfterSeconds: 0 }));

    const log = await db.select().from(webhookDeliveries).orderBy(asc(webhookDeliveries.eventSequence));
    expect(log.map(({ eventType, status, attempts, lastStatusCode, lastError }) => ({ eventType, status, attempts, lastStatusCode, lastError }))).toEqual([
      { eventType: "invitation.created", status: "given_up", attempts: 1, lastStatusCode: 503, lastError: "The receiver answered HTTP 503." },
      { eventType: "invitation.accepted", status: "delivered", attempts: 1, lastStatusCode: 204, lastError: null },
    ]);
    expect(hook.state.received.map((event) => event.type)).toEqual(["invitation.accepted"]);
  });

  it("refuses an endpoint at an internal address unless allowed, and keeps why in the delivery log", async () => {
    const { db } = store;
    hook.state.down = false;
    await recordCreated(db, invitation("uinv_P", "pat@acme.test"), alice, { sendEmail: true });
    const literal = settings({ allowPrivate: false });
    const named = settings({ allowPrivate: false, endpoints: [{ url: `http://localhost:${port}/hooks`, secret: SECRET }] });
    await deliverDue(db, { ...literal, endpoints: [...literal.endpoints, ...named.endpoints] });

    const refused = await db.select().from(webhookDeliveries).orderBy(asc(webhookDeliveries.endpointUrl));
    expect(refused).toHaveLength(2);
    for (const row of refused) {
      expect(row).toMatchObject({ status: "pending", attempts: 1, lastStatusCode: null });
      expect(row.lastError).toMatch(/^Refused: .* is at (127\.0\.0\.1|::1), an internal address\. Set WEBHOOK_ALLOW_PRIVATE=true/);
    }
    expect(hook.state.received).toEqual([]);

    // Allowed, the same delivery goes once its retry is due.
    await deliverDue(db, { ...settings(), endpoints: [...literal.endpoints, ...named.endpoints] }, new Date(Date.now() + 5_000));
    expect(hook.state.received.map((event) => event.invitationId)).toEqual(["uinv_P", "uinv_P"]);
  });
});
