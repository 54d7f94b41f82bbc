import "server-only";
import { PgBoss, fromPglite } from "pg-boss";
import { store, type Store } from "@/lib/db/store";
import { env } from "@/lib/env";
import { logger } from "@/lib/log/logger";

// Background work runs on pg-boss, a job queue in the same PostgreSQL (embedded or server), so whichever
// instance fetches a job does it, once: https://github.com/timgit/pg-boss. One PgBoss per process serves
// every queue (bulk sending, the ledger's refreshes, the organization directory's refresh).

/** pg-boss over this store: the embedded database through pg-boss's own adapter, a server by its URL. */
export async function openBoss(target: Store, databaseUrl?: string): Promise<PgBoss> {
  const boss = target.pglite ? new PgBoss({ db: fromPglite(target.pglite) }) : new PgBoss({ connectionString: databaseUrl!, max: 4 });
  boss.on("error", (error) => logger().error({ err: error, task: "jobs" }, "job queue error"));
  await boss.start();
  return boss;
}

// One per process, kept across dev-mode module reloads.
const holder = globalThis as typeof globalThis & { __jobBoss?: Promise<PgBoss> };

export function jobBoss(): Promise<PgBoss> {
  if (!holder.__jobBoss) {
    holder.__jobBoss = store().then((opened) => openBoss(opened, env().DATABASE_URL));
    holder.__jobBoss.catch(() => (holder.__jobBoss = undefined));
  }
  return holder.__jobBoss;
}

/**
 * At shutdown, after the bulk workers have stopped (lib/bulk/queue.ts): other jobs still held (a ledger
 * refresh, a directory fill) get up to 10 s to end, else pg-boss gives them to another worker later; then it
 * lets go of the store. One never opened has nothing to stop.
 */
export async function stopJobBoss(): Promise<void> {
  const boss = holder.__jobBoss;
  holder.__jobBoss = undefined;
  if (boss) await (await boss).stop({ graceful: true, timeout: 10_000 });
}
