// A fresh database on the local PostgreSQL server, for the tests that run on both stores.
// `tsx lib/testing/server-database.ts NAME` prints its URL, or nothing when no server answers.
import { Client } from "pg";

const adminUrl = process.env.TEST_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";

/**
 * Recreates `name` on the server and returns its URL, or undefined when no server answers. Checkouts that
 * test at the same time set VITEST_EMULATOR_PORT apart; it names their databases apart too.
 */
export async function freshServerDatabase(base: string): Promise<string | undefined> {
  const port = process.env.VITEST_EMULATOR_PORT;
  const name = port ? `${base}_${port}` : base;
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

if (process.argv[1]?.endsWith("server-database.ts") && process.argv[2]) {
  const url = await freshServerDatabase(process.argv[2]);
  if (url) console.log(url);
}
