import "server-only";
import { and, inArray, lt } from "drizzle-orm";
import type { PgBoss } from "pg-boss";
import { webhookDeliveries } from "@/lib/db/schema";
import type { Database } from "@/lib/db/store";
import { forgetFannedOutEvents } from "@/lib/ledger/events";
import { inLogScope, logger } from "@/lib/log/logger";

// Retention: the delivery log and the outbox keep what was settled for WEBHOOK_RETENTION_DAYS, then forget it.
// A delivery still pending, and an event not yet handed to the deliveries, are never deleted, however old.

export const RETENTION_QUEUE = "webhook-retention";
const DAY_MS = 86_400_000;

/** Deletes deliveries delivered or given up, and outbox events handed over, more than `days` days before `now`. */
export async function pruneWebhookHistory(db: Database, days: number, now = new Date()): Promise<{ deliveries: number; events: number }> {
  const before = new Date(now.getTime() - days * DAY_MS);
  return db.transaction(async (transaction) => {
    const tx = transaction as unknown as Database;
    const deliveries = await tx
      .delete(webhookDeliveries)
      .where(and(inArray(webhookDeliveries.status, ["delivered", "given_up"]), lt(webhookDeliveries.settledAt, before)))
      .returning({ id: webhookDeliveries.id });
    return { deliveries: deliveries.length, events: await forgetFannedOutEvents(tx, before) };
  });
}

/**
 * Runs the pruning every hour on pg-boss: a "singleton" queue runs one job at a time across instances, and
 * the schedule lives in the store, so every instance may start this and it still runs once an hour.
 */
export async function startWebhookRetentionOn(boss: PgBoss, db: Database, { days, pollSeconds = 30 }: { days: number; pollSeconds?: number }): Promise<void> {
  await boss.createQueue(RETENTION_QUEUE, { policy: "singleton", retryLimit: 0, expireInSeconds: 15 * 60 });
  await boss.schedule(RETENTION_QUEUE, "23 * * * *");
  await boss.work(RETENTION_QUEUE, { localConcurrency: 1, pollingIntervalSeconds: pollSeconds }, async ([job]) => {
    if (!job) return;
    await inLogScope({ requestId: job.id, task: "webhook-retention" }, async () => {
      const pruned = await pruneWebhookHistory(db, days);
      if (pruned.deliveries + pruned.events > 0) logger().info({ task: "webhook-retention", ...pruned, days }, "old webhook deliveries and events deleted");
    });
  });
}
