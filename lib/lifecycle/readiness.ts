import "server-only";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { sql } from "drizzle-orm";
import { managementToken } from "@/lib/auth0/management";
import { rawRows } from "@/lib/db/raw";
import { migrationsFolder, store, type Database } from "@/lib/db/store";
import { logger } from "@/lib/log/logger";
import { isStopping } from "./shutdown";

// Readiness for a load balancer or an orchestrator: may this instance be sent traffic? Each check says
// only ok / pending / failed: no host, no error text, nothing of the configuration (the reasons are logged).

export type CheckState = "ok" | "pending" | "failed";
export type Readiness = {
  status: "ready" | "not ready" | "stopping";
  checks: { store: CheckState; migrations: CheckState; auth0: CheckState };
};

/** A check that has not answered by then counts as failed: a hung dependency must not hang the probe. */
const CHECK_TIMEOUT_MS = 5_000;

async function timed(name: string, check: () => Promise<CheckState>): Promise<CheckState> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<CheckState>((resolve) => {
    timer = setTimeout(() => resolve("failed"), CHECK_TIMEOUT_MS);
  });
  try {
    const state = await Promise.race([check(), timeout]);
    if (state !== "ok") logger().warn({ check: name, state }, "readiness check not ok");
    return state;
  } catch (error) {
    logger().warn({ check: name, err: error }, "readiness check failed");
    return "failed";
  } finally {
    clearTimeout(timer);
  }
}

type Journal = { entries: { when: number }[] };

/**
 * Migrations in lib/db/migrations that the store has not recorded as applied. drizzle's migrator records
 * each one's journal time in `drizzle.__drizzle_migrations.created_at` and applies those newer than the
 * latest recorded (drizzle-orm pg-core dialect `migrate`); this counts the same way.
 */
export async function pendingMigrations(db: Database): Promise<number> {
  const journal: Journal = JSON.parse(await readFile(path.join(migrationsFolder, "meta/_journal.json"), "utf8"));
  const [table] = await rawRows<{ present: boolean }>(db, sql`SELECT to_regclass('drizzle.__drizzle_migrations') IS NOT NULL AS present`);
  if (!table?.present) return journal.entries.length;
  const [latest] = await rawRows<{ created_at: string | null }>(db, sql`SELECT max(created_at)::text AS created_at FROM drizzle.__drizzle_migrations`);
  const applied = Number(latest?.created_at ?? 0);
  return journal.entries.filter((entry) => entry.when > applied).length;
}

export async function readiness(): Promise<Readiness> {
  let db: Database | undefined;
  const storeState = await timed("store", async () => {
    db = (await store()).db;
    await rawRows(db, sql`SELECT 1`);
    return "ok";
  });
  const [migrations, auth0] = await Promise.all([
    db ? timed("migrations", async () => ((await pendingMigrations(db!)) === 0 ? "ok" : "pending")) : Promise.resolve<CheckState>("failed"),
    // The SDK's token provider keeps its token until shortly before expiry: this costs an Auth0 call only
    // when the token the app would use anyway has to be fetched, and never a Management API call.
    timed("auth0", async () => ((await managementToken()) ? "ok" : "failed")),
  ]);
  const checks = { store: storeState, migrations, auth0 };
  if (isStopping()) return { status: "stopping", checks };
  return { status: Object.values(checks).every((state) => state === "ok") ? "ready" : "not ready", checks };
}
