// The stores every store-dependent test runs against: embedded PostgreSQL always, and the PostgreSQL
// server when one is reachable (TEST_DATABASE_URL, default the local trust-auth server).
import { openStore, type Store } from "@/lib/db/store";
import { freshServerDatabase } from "./server-database";

/** `databaseUrl` is the server's, for what connects on its own (pg-boss); the embedded store has none. */
export type StoreCase = { name: string; open: () => Promise<Store>; databaseUrl?: string };

export async function storeCases(databaseName: string): Promise<StoreCase[]> {
  const cases: StoreCase[] = [{ name: "embedded", open: () => openStore({}) }];
  const serverUrl = await freshServerDatabase(databaseName);
  if (serverUrl) cases.push({ name: "postgres", open: () => openStore({ databaseUrl: serverUrl }), databaseUrl: serverUrl });
  return cases;
}
