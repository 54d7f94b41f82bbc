import "server-only";
import { env } from "@/lib/env";
import { store } from "@/lib/db/store";
import { inLogScope, logger } from "@/lib/log/logger";
import { refreshDirectory, refreshDue, refreshState, THIS_INSTANCE, type RefreshResult } from "./refresh";

// Every instance checks now and then whether the directory is due (never refreshed, cut short, or older
// than DIRECTORY_REFRESH_INTERVAL_SECONDS); the lease lets one of them page, and the others see it done,
// so more instances do not mean more Management API calls.
const holder = globalThis as typeof globalThis & { __directoryTimer?: NodeJS.Timeout | null };

/** How often an instance looks whether a refresh is due: a one-row read. */
const CHECK_EVERY_SECONDS = 60;

function tick(intervalSeconds: number) {
  return inLogScope({ task: "directory" }, async () => {
    try {
      const { db } = await store();
      if (!refreshDue(await refreshState(db), intervalSeconds)) return;
      const result = await refreshDirectory(db, { holder: THIS_INSTANCE });
      if (result.kind === "failed") logger().error({ problem: result.problem }, "refreshing the organization directory failed; will try again");
    } catch (error) {
      logger().error({ err: error }, "refreshing the organization directory failed; will try again");
    }
  });
}

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

/** A refresh now, for support's button; `busy` when one is already under way. */
export async function refreshDirectoryNow(): Promise<RefreshResult> {
  const { db } = await store();
  return refreshDirectory(db, { holder: THIS_INSTANCE });
}
