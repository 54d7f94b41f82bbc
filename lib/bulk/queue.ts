import "server-only";
import type { PgBoss } from "pg-boss";
import { eq } from "drizzle-orm";
import { bulkJobs } from "@/lib/db/schema";
import { store, type Store } from "@/lib/db/store";
import { env } from "@/lib/env";
import { jobBoss, openBoss } from "@/lib/jobs/boss";
import { inLogScope } from "@/lib/log/logger";
import { workJob } from "./worker";

// Bulk jobs run on pg-boss (lib/jobs/boss.ts), so every instance's workers share them. A bulk job is worked
// in slices: each slice is a pg-boss job that, when time is up, sends the next. A few slices per bulk job run at once, on whichever
// instances fetch them; rows are shared out in the store (lib/bulk/worker.ts), so they never collide.
// A slice whose worker died stops sending heartbeats, and pg-boss gives it to another worker.

const QUEUE = "bulk-invite";
/** Slices of one bulk job that may run at once, across instances. */
const SLICES_PER_JOB = 2;
const SLICE_SECONDS = 15;
const HEARTBEAT_SECONDS = 10;

type SliceData = { jobId: string };

export type BulkQueue = {
  /** Queues a started (or resumed) bulk job for the workers. */
  enqueue: (jobId: string) => Promise<void>;
  /** Starts this instance's workers, and queues again every job that was running when instances stopped. */
  startWorkers: () => Promise<void>;
  stop: () => Promise<void>;
};

/** The bulk queue on a started PgBoss; `stop` ends this queue's workers once the slices they hold have ended. */
async function bulkQueueOn(boss: PgBoss, target: Store): Promise<BulkQueue> {
  await boss.createQueue(QUEUE, { heartbeatSeconds: HEARTBEAT_SECONDS, retryLimit: 1000, retryDelay: 1, expireInSeconds: SLICE_SECONDS * 4 });

  const enqueue = async (jobId: string, slices = SLICES_PER_JOB) => {
    for (let slice = 0; slice < slices; slice++) await boss.send(QUEUE, { jobId } satisfies SliceData);
  };

  return {
    enqueue: (jobId) => enqueue(jobId),
    async startWorkers() {
      await boss.work<SliceData>(QUEUE, { localConcurrency: 2, pollingIntervalSeconds: 0.5 }, async ([slice]) => {
        if (!slice) return;
        await inLogScope({ requestId: slice.id, task: "bulk" }, async () => {
          const outcome = await workJob(target.db, slice.data.jobId, {
            until: Date.now() + SLICE_SECONDS * 1000,
            concurrency: env().BULK_CONCURRENCY,
          });
          if (outcome.kind === "more") {
            await boss.send(QUEUE, slice.data, { startAfter: outcome.delaySeconds > 0 ? outcome.delaySeconds : undefined });
          }
        });
      });
      const running = await target.db.select({ id: bulkJobs.id }).from(bulkJobs).where(eq(bulkJobs.status, "running"));
      for (const { id } of running) await enqueue(id, 1);
    },
    stop: () => boss.offWork(QUEUE, { wait: true }),
  };
}

/** A bulk queue on a PgBoss of its own, for tests and tools that open a store of their own; `stop` stops that PgBoss. */
export async function openBulkQueue(target: Store, databaseUrl?: string): Promise<BulkQueue> {
  const boss = await openBoss(target, databaseUrl);
  return { ...(await bulkQueueOn(boss, target)), stop: () => boss.stop({ graceful: true, timeout: 20_000 }) };
}

// One queue per process, kept across dev-mode module reloads.
const holder = globalThis as typeof globalThis & { __bulkQueue?: Promise<BulkQueue> };

export function bulkQueue(): Promise<BulkQueue> {
  if (!holder.__bulkQueue) {
    holder.__bulkQueue = Promise.all([jobBoss(), store()]).then(([boss, opened]) => bulkQueueOn(boss, opened));
    holder.__bulkQueue.catch(() => (holder.__bulkQueue = undefined));
  }
  return holder.__bulkQueue;
}

/**
 * At shutdown: this instance's workers fetch no more slices, and wait for the slices they hold to end (a
 * slice stops by itself within SLICE_SECONDS, its rows settled in the store); a queue never opened has
 * nothing to stop. The shared PgBoss is stopped after (lib/jobs/boss.ts).
 */
export async function stopBulkQueue(): Promise<void> {
  const queue = holder.__bulkQueue;
  holder.__bulkQueue = undefined;
  if (queue) await (await queue).stop();
}

/** Started from instrumentation.ts: this instance works on bulk jobs, and resumes those left running. */
export async function startBulkWorkers(): Promise<void> {
  await (await bulkQueue()).startWorkers();
}
