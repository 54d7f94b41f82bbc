// The stores every store-dependent test runs against: embedded PostgreSQL always, and the PostgreSQL
// server when one is reachable (TEST_DATABASE_URL, default the local trust-auth server).
import { Client } from "pg";
import { openStore, type Store } from "@/lib/db/store";

const adminUrl = process.env.TEST_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";

/** Recreates `name` on the server and returns its URL, or undefined when no server answers. */
export async function freshServerDatabase(name: string): Promise<string | undefined> {
  const admin = new Client({ connectionString: adminUrl, connectionTimeoutMillis: 2_000 });
  try {
    await admin.connect();
  } catch {
    return undefined;
  }
  try {
    await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await admin.query(`CREATE DATABASE "${name}"`);
  } finally {
    await admin.end();
  }
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

export type StoreCase = { name: string; open: () => Promise<Store> };

export async function storeCases(databaseName: string): Promise<StoreCase[]> {
  const cases: StoreCase[] = [{ name: "embedded", open: () => openStore({}) }];
  const serverUrl = await freshServerDatabase(databaseName);
  if (serverUrl) cases.push({ name: "postgres", open: () => openStore({ databaseUrl: serverUrl }) });
  return cases;
}
