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

const migrationsFolder = path.join(process.cwd(), "lib/db/migrations");

/**
 * PostgreSQL through one query layer: a server when `databaseUrl` is given, else embedded PostgreSQL
 * (PGlite) in `dataDir` (or in memory, for tests). Migrations are applied before the store is returned.
 */
export async function openStore(options: { databaseUrl?: string; dataDir?: string }): Promise<Store> {
  if (options.databaseUrl) {
    const pool = new Pool({ connectionString: options.databaseUrl, max: 5 });
    const db = drizzlePostgres(pool, { schema });
    await migratePostgres(db, { migrationsFolder });
    return { db, kind: "postgres", close: () => pool.end() };
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
