import "server-only";
import type { SQL } from "drizzle-orm";
import type { Database } from "./store";

/** Rows of a raw SQL statement: both drivers (node-postgres, PGlite) answer `{ rows }`. */
export async function rawRows<T>(db: Database, query: SQL): Promise<T[]> {
  return ((await db.execute(query)) as unknown as { rows: T[] }).rows;
}
