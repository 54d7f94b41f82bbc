import "server-only";
import type { PgBoss } from "pg-boss";
import { store, type Database } from "@/lib/db/store";
import { jobBoss } from "@/lib/jobs/boss";
import { inLogScope, logger } from "@/lib/log/logger";
import { sweepReminders } from "./sweep";

// The reminder sweep on pg-boss's scheduler: a cron schedule (one per queue, kept in the store, so every
// instance shares it) sends a job every ten minutes, and a "stately" queue runs at most one sweep at a time
// across instances. The steps' own unique keys (lib/ledger/steps.ts) keep each step to once even so.
// https://github.com/timgit/pg-boss/blob/master/docs/api/scheduling.md

const QUEUE = "invitation-reminders";
const EVERY_TEN_MINUTES = "*/10 * * * *";

/** The scheduler's time: the real clock, or a test's. */
export type ReminderWorkerOptions = { clock?: () => Date };

/** Starts this instance's sweep worker on a started PgBoss; returns how to stop it. */
export async function startReminderWorkerOn(boss: PgBoss, db: Database, { clock = () => new Date() }: ReminderWorkerOptions = {}): Promise<() => Promise<void>> {
  await boss.createQueue(QUEUE, { policy: "stately", retryLimit: 0, expireInSeconds: 30 * 60 });
  await boss.schedule(QUEUE, EVERY_TEN_MINUTES);
  await boss.work(QUEUE, { localConcurrency: 1, pollingIntervalSeconds: 2 }, async ([job]) => {
    if (!job) return;
    await inLogScope({ requestId: job.id, task: "reminders" }, async () => {
      const summary = await sweepReminders(db, clock());
      if (Object.values(summary).some((count) => count > 0)) logger().info(summary, "reminder sweep");
    });
  });
  return () => boss.offWork(QUEUE, { wait: true });
}

/** Asks for a sweep now (the schedule asks every ten minutes anyway); the job's id. */
export function requestSweep(boss: PgBoss): Promise<string | null> {
  return boss.send(QUEUE, {});
}

/** Started from instrumentation.ts: this instance takes part in the reminder sweeps. */
export async function startReminderWorkers(): Promise<void> {
  const [boss, opened] = await Promise.all([jobBoss(), store()]);
  await startReminderWorkerOn(boss, opened.db);
}
