// Retention on both stores: deliveries delivered or given up, and outbox events handed over, longer ago than
// WEBHOOK_RETENTION_DAYS are deleted; pending deliveries and events not yet handed over never are, however
// old; newer settled ones stay. The hourly pg-boss job does the same.
import { asc, sql } from "drizzle-orm";
import type { PgBoss } from "pg-boss";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { webhookDeliveries } from "@/lib/db/schema";
import type { Store } from "@/lib/db/store";
import { openBoss } from "@/lib/jobs/boss";
import { ledgerEvents } from "@/lib/ledger/table";
import { storeCases } from "@/lib/testing/stores";
import { pruneWebhookHistory, RETENTION_QUEUE, startWebhookRetentionOn } from "./retention";

const DAY = 86_400_000;
const now = new Date();
const daysAgo = (days: number) => new Date(now.getTime() - days * DAY);

describe.each(await storeCases("inviter_unit_webhook_retention"))("webhook retention on the $name store", ({ open, databaseUrl }) => {
  let store: Store;

  beforeAll(async () => {
    store = await open();
  });
  afterAll(async () => {
    await store.close();
  });
  beforeEach(async () => {
    await store.db.execute(sql`TRUNCATE ledger_events, webhook_deliveries`);
    const delivery = (name: string, status: string, createdDaysAgo: number, settledDaysAgo: number | null) => ({
      eventId: `evt_${name}`,
      eventSequence: createdDaysAgo,
      eventType: "invitation.created",
      organizationId: "org_acme",
      subjectId: "uinv_1",
      endpointUrl: "https://hooks.example.com/a",
      body: "{}",
      status,
      createdAt: daysAgo(createdDaysAgo),
      settledAt: settledDaysAgo === null ? null : daysAgo(settledDaysAgo),
    });
    await store.db.insert(webhookDeliveries).values([
      delivery("old_delivered", "delivered", 120, 119),
      delivery("old_given_up", "given_up", 100, 99),
      delivery("old_pending", "pending", 200, null),
      delivery("recent_delivered", "delivered", 95, 89),
      delivery("recent_given_up", "given_up", 10, 9),
    ]);
    const event = (name: string, fannedOutDaysAgo: number | null) => ({
      id: `evt_${name}`,
      type: "invitation.created",
      organizationId: "org_acme",
      subjectId: "uinv_1",
      occurredAt: daysAgo(fannedOutDaysAgo ?? 150),
      data: {},
      fannedOutAt: fannedOutDaysAgo === null ? null : daysAgo(fannedOutDaysAgo),
    });
    await store.db.insert(ledgerEvents).values([event("old_handed_over", 120), event("old_not_handed_over", null), event("recent_handed_over", 30)]);
  });

  const left = async () => ({
    deliveries: (await store.db.select().from(webhookDeliveries).orderBy(asc(webhookDeliveries.eventId))).map((row) => row.eventId),
    events: (await store.db.select().from(ledgerEvents).orderBy(asc(ledgerEvents.id))).map((row) => row.id),
  });
  const KEPT = {
    deliveries: ["evt_old_pending", "evt_recent_delivered", "evt_recent_given_up"],
    events: ["evt_old_not_handed_over", "evt_recent_handed_over"],
  };

  it("deletes only settled rows older than the retention, never pending ones", async () => {
    expect(await pruneWebhookHistory(store.db, 90, now)).toEqual({ deliveries: 2, events: 1 });
    expect(await left()).toEqual(KEPT);
    // A second run finds nothing more.
    expect(await pruneWebhookHistory(store.db, 90, now)).toEqual({ deliveries: 0, events: 0 });
  });

  it("follows the configured age", async () => {
    await pruneWebhookHistory(store.db, 5, now);
    expect(await left()).toEqual({ deliveries: ["evt_old_pending"], events: ["evt_old_not_handed_over"] });
  });

  it("runs as a pg-boss job on a singleton queue with an hourly schedule", { timeout: 60_000 }, async () => {
    const boss: PgBoss = await openBoss(store, databaseUrl);
    try {
      await startWebhookRetentionOn(boss, store.db, { days: 90, pollSeconds: 0.5 });
      expect(await boss.getQueue(RETENTION_QUEUE)).toMatchObject({ policy: "singleton" });
      expect((await boss.getSchedules()).map((schedule) => [schedule.name, schedule.cron])).toContainEqual([RETENTION_QUEUE, "23 * * * *"]);
      await boss.send(RETENTION_QUEUE, {});
      await vi.waitFor(async () => expect(await left()).toEqual(KEPT), { timeout: 30_000, interval: 200 });
    } finally {
      await boss.stop({ graceful: false });
    }
  });
});
