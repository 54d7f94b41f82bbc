import "server-only";
import { env } from "@/lib/env";
import { store } from "@/lib/db/store";
import { inLogScope, logger } from "@/lib/log/logger";
import { expireOverdue } from "./ledger";
import { readerState, readTenantLogs } from "./log-reader";

// Every instance ticks; the lease in the store lets one of them read Auth0's logs at a time, and an instance
// that finds them read less than half an interval ago leaves them, so more instances do not mean more
// Management API calls (at most two reads an interval, however many instances).
const holder = globalThis as typeof globalThis & { __ledgerTimer?: NodeJS.Timeout | null };

function tick(intervalSeconds: number) {
  return inLogScope({ task: "ledger" }, async () => {
    try {
      const { db } = await store();
      const readAt = (await readerState(db))?.readAt;
      if (!readAt || Date.now() - readAt.getTime() >= (intervalSeconds * 1000) / 2) await readTenantLogs(db);
      await expireOverdue(db);
    } catch (error) {
      logger().error({ err: error }, "reading Auth0's tenant logs failed; will try again");
    }
  });
}

/**
 * Reads once at start-up, so the checkpoint is set before anyone invites (events from before the first
 * read would otherwise only be inferred), then every LOG_READ_INTERVAL_SECONDS (0: never again).
 */
export function startLedgerReader() {
  if (holder.__ledgerTimer !== undefined) return;
  const seconds = env().LOG_READ_INTERVAL_SECONDS;
  holder.__ledgerTimer = seconds === 0 ? null : setInterval(() => tick(seconds), seconds * 1000);
  holder.__ledgerTimer?.unref();
  return tick(seconds);
}

/** No more reads from now on (at shutdown); a read under way finishes, or its lease runs out. */
export function stopLedgerReader() {
  if (holder.__ledgerTimer) clearInterval(holder.__ledgerTimer);
  holder.__ledgerTimer = null;
}
