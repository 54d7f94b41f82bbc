import "server-only";
import { stopBulkQueue } from "@/lib/bulk/queue";
import { closeStore } from "@/lib/db/store";
import { stopDirectoryRefresh } from "@/lib/directory/background";
import { stopJobBoss } from "@/lib/jobs/boss";
import { stopLedgerReader } from "@/lib/ledger/background";
import { logger } from "@/lib/log/logger";

// What SIGTERM does (instrumentation.ts). Kept on globalThis: the instrumentation hook and the route
// handlers are bundled apart, and /api/ready must see the flag this sets.
const holder = globalThis as typeof globalThis & { __stopping?: boolean };

/** Bulk slices end within 15 s (lib/bulk/queue.ts), other jobs get 10 s more (lib/jobs/boss.ts); past this the process gives up. */
const SHUTDOWN_LIMIT_MS = 30_000;

export function isStopping(): boolean {
  return holder.__stopping === true;
}

/**
 * Stops taking new work (readiness answers 503 "stopping", so a load balancer sends no more; the
 * background timers and this instance's bulk workers stop), lets the bulk slices under way end, closes
 * the store, and ends the process: 0 when all of that finished, 1 when it failed or took too long.
 */
export async function shutdown(signal: string): Promise<never> {
  holder.__stopping = true;
  const started = performance.now();
  logger().info({ signal }, "stopping");
  const limit = setTimeout(() => {
    logger().error({ signal }, "shutdown took too long; exiting");
    process.exit(1);
  }, SHUTDOWN_LIMIT_MS);
  limit.unref();
  let code = 0;
  try {
    stopLedgerReader();
    stopDirectoryRefresh();
    await stopBulkQueue();
    await stopJobBoss();
    await closeStore();
    logger().info({ signal, durationMs: Math.round(performance.now() - started) }, "stopped");
  } catch (error) {
    logger().error({ signal, err: error }, "shutdown failed");
    code = 1;
  }
  logger().flush();
  process.exit(code);
}
