import "server-only";
import type { PgBoss } from "pg-boss";
import { store, type Database } from "@/lib/db/store";
import { ownEmail, sendEmail } from "@/lib/email/transport";
import { env } from "@/lib/env";
import { jobBoss } from "@/lib/jobs/boss";
import { inLogScope, logger } from "@/lib/log/logger";
import { emailQueuedNotices, makeNotices, type EmailSender, type NoticeSettings } from "./notices";

// Telling inviters on pg-boss, as webhooks are delivered (lib/webhooks/queue.ts): one round at a time across
// instances (a "stately" queue), each round making the new events' notices and emailing the queued ones, then
// sending the next round after POLL_SECONDS; a cron schedule starts the chain again should it break.

const QUEUE = "inviter-notices";

export type NoticeWorkerOptions = { settings: NoticeSettings; send: EmailSender; appUrl: string; pollSeconds: number };

/** One round: notices for every new event, then every queued email. */
export async function noticeRound(db: Database, { settings, send, appUrl }: Omit<NoticeWorkerOptions, "pollSeconds">): Promise<void> {
  while ((await makeNotices(db, settings)) > 0);
  if (settings.ownEmail) await emailQueuedNotices(db, send, appUrl);
}

/** Starts this instance's notice worker on a started PgBoss; returns how to stop it. */
export async function startNoticeWorkerOn(boss: PgBoss, db: Database, options: NoticeWorkerOptions): Promise<() => Promise<void>> {
  await boss.createQueue(QUEUE, { policy: "stately", retryLimit: 0, expireInSeconds: 15 * 60 });
  await boss.schedule(QUEUE, "* * * * *");
  await boss.work(QUEUE, { localConcurrency: 1, pollingIntervalSeconds: Math.max(0.5, Math.min(options.pollSeconds, 2)) }, async ([job]) => {
    if (!job) return;
    try {
      await inLogScope({ requestId: job.id, task: "notices" }, () => noticeRound(db, options));
    } catch (error) {
      // The round's work is in the store; the next round takes up where it stopped.
      logger().error({ err: error, task: "notices" }, "notice round failed");
    }
    await boss.send(QUEUE, {}, { startAfter: options.pollSeconds });
  });
  await boss.send(QUEUE, {});
  return () => boss.offWork(QUEUE, { wait: true });
}

/** Started from instrumentation.ts: this instance takes part in telling inviters. */
export async function startNoticeWorkers(): Promise<void> {
  const [boss, opened] = await Promise.all([jobBoss(), store()]);
  const config = env();
  await startNoticeWorkerOn(boss, opened.db, {
    settings: { notifySupportAgent: config.NOTIFY_SUPPORT_AGENT, ownEmail: ownEmail() },
    send: sendEmail,
    appUrl: config.NEXTAUTH_URL,
    pollSeconds: 2,
  });
}
