import "server-only";
import type { PgBoss } from "pg-boss";
import type { Database } from "@/lib/db/store";
import { store } from "@/lib/db/store";
import { env } from "@/lib/env";
import { jobBoss } from "@/lib/jobs/boss";
import { inLogScope, logger } from "@/lib/log/logger";
import { deliverDue, type DeliverySettings } from "./deliver";
import { startWebhookRetentionOn } from "./retention";

// Webhook delivery on pg-boss: one round at a time across instances (a "stately" queue holds at most one
// round waiting and one running), each round sending the next, due when the earliest retry is or after
// POLL_SECONDS for new events, whichever is sooner. A cron schedule starts the chain again should it break
// (an instance stopped mid-round).

const QUEUE = "webhook-delivery";

export type WebhookWorkerOptions = { settings: DeliverySettings; pollSeconds: number };

/** Starts this instance's delivery worker on a started PgBoss; returns how to stop it. */
export async function startWebhookWorkerOn(boss: PgBoss, db: Database, { settings, pollSeconds }: WebhookWorkerOptions): Promise<() => Promise<void>> {
  await boss.createQueue(QUEUE, { policy: "stately", retryLimit: 0, expireInSeconds: 15 * 60 });
  await boss.schedule(QUEUE, "* * * * *");
  await boss.work(QUEUE, { localConcurrency: 1, pollingIntervalSeconds: Math.max(0.5, Math.min(pollSeconds, 2)) }, async ([job]) => {
    if (!job) return;
    try {
      await inLogScope({ requestId: job.id, task: "webhooks" }, async () => {
        const nextDue = await deliverDue(db, settings);
        const untilDue = nextDue ? Math.max(0, (nextDue.getTime() - Date.now()) / 1000) : pollSeconds;
        await boss.send(QUEUE, {}, { startAfter: Math.max(1, Math.ceil(Math.min(untilDue, pollSeconds))) });
      });
    } catch (error) {
      // The round's work is in the store; the next round (or the cron schedule) takes up where it stopped.
      logger().error({ err: error, task: "webhooks" }, "webhook round failed");
      await boss.send(QUEUE, {}, { startAfter: pollSeconds });
    }
  });
  await boss.send(QUEUE, {});
  return () => boss.offWork(QUEUE, { wait: true });
}

/** The operator's settings (WEBHOOK_*), as the worker uses them. */
export function webhookSettings(): DeliverySettings {
  const config = env();
  return {
    endpoints: config.WEBHOOK_ENDPOINTS,
    allowPrivate: config.WEBHOOK_ALLOW_PRIVATE,
    retryBaseSeconds: config.WEBHOOK_RETRY_BASE_SECONDS,
    giveUpAfterSeconds: config.WEBHOOK_GIVE_UP_HOURS * 3600,
    timeoutSeconds: config.WEBHOOK_TIMEOUT_SECONDS,
  };
}

/** Started from instrumentation.ts: this instance takes part in delivering webhooks, and in forgetting old ones. */
export async function startWebhookWorkers(): Promise<void> {
  const [boss, opened] = await Promise.all([jobBoss(), store()]);
  await startWebhookWorkerOn(boss, opened.db, { settings: webhookSettings(), pollSeconds: 5 });
  await startWebhookRetentionOn(boss, opened.db, { days: env().WEBHOOK_RETENTION_DAYS });
}
