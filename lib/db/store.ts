import "server-only";
import { mkdirSync } from "node:fs";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import { drizzle as drizzlePostgres } from "drizzle-orm/node-postgres";
import { migrate as migratePostgres } from "drizzle-orm/node-postgres/migrator";
import { Pool } from "pg";
import { env } from "@/lib/env";
import * as schema from "./schema";

export type Database = PgDatabase<PgQueryResultHKT, typeof schema>;
export type Store = {
  db: Database;
  kind: "postgres" | "embedded";
  /** The embedded database itself, for pg-boss's own adapter (lib/bulk/queue.ts). */
  pglite?: PGlite;
  close: () => Promise<void>;
};

export const migrationsFolder = path.join(process.cwd(), "lib/db/migrations");

// Any fixed number, the same in every instance: the session-level advisory lock under which one instance
// at a time applies migrations (https://www.postgresql.org/docs/current/explicit-locking.html#ADVISORY-LOCKS).
// Instances that start together wait for it, then find the migrations applied and have nothing to do.
const MIGRATION_LOCK = 8_120_936_455;

async function migrateUnderLock(pool: Pool): Promise<void> {
  const connection = await pool.connect();
  try {
    await connection.query("SELECT pg_advisory_lock($1)", [MIGRATION_LOCK]);
    try {
      await migratePostgres(drizzlePostgres(connection, { schema }), { migrationsFolder });
    } finally {
      await connection.query("SELECT pg_advisory_unlock($1)", [MIGRATION_LOCK]);
    }
  } finally {
    connection.release();
  }
}

/**
 * PostgreSQL through one query layer: a server when `databaseUrl` is given, else embedded PostgreSQL
 * (PGlite) in `dataDir` (or in memory, for tests). Migrations are applied before the store is returned;
 * on a server, under a lock, so that instances starting together do not race (PGlite is one process's).
 */
export async function openStore(options: { databaseUrl?: string; dataDir?: string }): Promise<Store> {
  if (options.databaseUrl) {
    const pool = new Pool({ connectionString: options.databaseUrl, max: 5 });
    try {
      await migrateUnderLock(pool);
    } catch (error) {
      await pool.end();
      throw error;
    }
    return { db: drizzlePostgres(pool, { schema }), kind: "postgres", close: () => pool.end() };
  }
  if (options.dataDir) mkdirSync(path.dirname(path.resolve(options.dataDir)), { recursive: true });
  const client = options.dataDir ? new PGlite(path.resolve(options.dataDir)) : new PGlite();
  const db = drizzlePglite(client, { schema });
  await migratePglite(db, { migrationsFolder });
  return { db, kind: "embedded", pglite: client, close: () => client.close() };
}

// One store per process, opened (and migrated) once, kept across dev-mode module reloads.
const holder = globalThis as typeof globalThis & { __store?: Promise<Store> };

export function store(): Promise<Store> {
  if (!holder.__store) {
    const { DATABASE_URL, DATA_DIR } = env();
    holder.__store = openStore({ databaseUrl: DATABASE_URL, dataDir: DATA_DIR });
    holder.__store.catch(() => (holder.__store = undefined));
  }
  return holder.__store;
}

/** At shutdown, after everything that writes has stopped; a store never opened has nothing to close. */
export async function closeStore(): Promise<void> {
  const opened = holder.__store;
  holder.__store = undefined;
  if (opened) await (await opened).close();
}
