import "server-only";
import { env } from "@/lib/env";
import { store } from "@/lib/db/store";
import { jobBoss } from "@/lib/jobs/boss";
import { inLogScope, logger } from "@/lib/log/logger";
import { THIS_INSTANCE } from "@/lib/db/lease";
import { refreshDirectory, refreshDue, refreshState, type RefreshResult } from "./refresh";

// Every instance checks now and then whether the directory is due (never refreshed, cut short, or older
// than DIRECTORY_REFRESH_INTERVAL_SECONDS); the lease lets one of them page, and the others see it done,
// so more instances do not mean more Management API calls.
const holder = globalThis as typeof globalThis & { __directoryTimer?: NodeJS.Timeout | null };

/** How often an instance looks whether a refresh is due: a one-row read. */
const CHECK_EVERY_SECONDS = 60;

/** A refresh by this instance, unless another holds the lease; failures are logged (the directory's state keeps its problem). */
function refreshHere(due: (state: Awaited<ReturnType<typeof refreshState>>) => boolean) {
  return inLogScope({ task: "directory" }, async () => {
    try {
      const { db } = await store();
      if (!due(await refreshState(db))) return;
      const result = await refreshDirectory(db, { holder: THIS_INSTANCE });
      if (result.kind === "failed") logger().error({ problem: result.problem }, "refreshing the organization directory failed; will try again");
    } catch (error) {
      logger().error({ err: error }, "refreshing the organization directory failed; will try again");
    }
  });
}

const tick = (intervalSeconds: number) => refreshHere((state) => refreshDue(state, intervalSeconds));

/**
 * Refreshes at start-up when due (the first time, or after an interrupted refresh), then whenever due;
 * with DIRECTORY_REFRESH_INTERVAL_SECONDS=0, never in the background: only on demand.
 */
export function startDirectoryRefresh() {
  if (holder.__directoryTimer !== undefined) return;
  const seconds = env().DIRECTORY_REFRESH_INTERVAL_SECONDS;
  if (seconds === 0) {
    holder.__directoryTimer = null;
    return;
  }
  holder.__directoryTimer = setInterval(() => tick(seconds), Math.min(seconds, CHECK_EVERY_SECONDS) * 1000);
  holder.__directoryTimer.unref();
  return tick(seconds);
}

/** No more refreshes from now on (at shutdown); one under way finishes, or its lease runs out. */
export function stopDirectoryRefresh() {
  if (holder.__directoryTimer) clearInterval(holder.__directoryTimer);
  holder.__directoryTimer = null;
}

// A refresh asked for by the finder runs as a pg-boss job, on whichever instance fetches it; the queue keeps
// one waiting and one running at most ("stately"), so many searches of an empty directory ask Auth0 once.
const QUEUE = "directory-refresh";

async function directoryQueue() {
  const boss = await jobBoss();
  await boss.createQueue(QUEUE, { policy: "stately", retryLimit: 1, retryDelay: 30, expireInSeconds: 15 * 60 });
  return boss;
}

/** Asks the background to fill the directory, and returns at once: a page never pages through Auth0's organizations itself. */
export async function requestDirectoryRefresh(): Promise<void> {
  await (await directoryQueue()).send(QUEUE, {});
}

/** Started from instrumentation.ts: this instance does the refreshes the finder asks for. */
export async function startDirectoryRefreshWorkers(): Promise<void> {
  const boss = await directoryQueue();
  await boss.work(QUEUE, { localConcurrency: 1, pollingIntervalSeconds: 2 }, async () => {
    // Only while never filled, or cut short: one done meanwhile (by the schedule, the button) is left alone.
    await refreshHere((state) => refreshDue(state, Number.MAX_SAFE_INTEGER));
  });
}

/** A refresh now, for support's button; `busy` when one is already under way. */
export async function refreshDirectoryNow(): Promise<RefreshResult> {
  const { db } = await store();
  return refreshDirectory(db, { holder: THIS_INSTANCE });
}
