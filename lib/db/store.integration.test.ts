import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { pendingMigrations } from "@/lib/lifecycle/readiness";
import { freshServerDatabase } from "@/lib/testing/server-database";
import { storeCases } from "@/lib/testing/stores";
import { openStore } from "./store";

const serverUrl = await freshServerDatabase("inviter_unit_store_race");

describe("start-up migrations", () => {
  it.skipIf(!serverUrl)("let two instances opening one fresh server database at once both succeed (the lock)", async () => {
    const opened = await Promise.allSettled([openStore({ databaseUrl: serverUrl }), openStore({ databaseUrl: serverUrl })]);
    expect(opened.map((result) => result.status)).toEqual(["fulfilled", "fulfilled"]);
    const [first, second] = opened.map((result) => (result as PromiseFulfilledResult<Awaited<ReturnType<typeof openStore>>>).value);
    try {
      const { rows } = (await first!.db.execute(sql`SELECT count(*)::int AS applied FROM drizzle.__drizzle_migrations`)) as unknown as { rows: { applied: number }[] };
      const journal = await import("./migrations/meta/_journal.json", { with: { type: "json" } });
      expect(rows[0]!.applied).toBe(journal.default.entries.length);
      expect(await pendingMigrations(second!.db)).toBe(0);
    } finally {
      await Promise.all([first!.close(), second!.close()]);
    }
  });
});

describe.each(await storeCases("inviter_unit_store_pending"))("pending migrations on the $name store", ({ open }) => {
  it("counts none once open, and the ones the store has not recorded", async () => {
    const store = await open();
    try {
      expect(await pendingMigrations(store.db)).toBe(0);
      await store.db.execute(sql`DELETE FROM drizzle.__drizzle_migrations WHERE created_at = (SELECT max(created_at) FROM drizzle.__drizzle_migrations)`);
      expect(await pendingMigrations(store.db)).toBe(1);
      await store.db.execute(sql`DROP TABLE drizzle.__drizzle_migrations`);
      expect(await pendingMigrations(store.db)).toBeGreaterThan(1);
    } finally {
      await store.close();
    }
  });
});
