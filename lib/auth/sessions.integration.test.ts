import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { sessions } from "@/lib/db/schema";
import type { Store } from "@/lib/db/store";
import { storeCases } from "@/lib/testing/stores";
import { checkSession, endSession, startSession } from "./sessions";

const cases = await storeCases("inviter_unit_sessions");
const MINUTE = 60_000;
const limits = { idleMs: 30 * MINUTE, maxMs: 8 * 60 * MINUTE };

describe.each(cases)("sessions on the $name store", ({ open }) => {
  let store: Store;
  beforeAll(async () => {
    store = await open();
  });
  afterAll(async () => {
    await store.close();
  });

  const start = new Date("2026-11-27T08:00:00Z");
  const at = (minutes: number) => new Date(start.getTime() + minutes * MINUTE);
  const row = async (id: string) => (await store.db.select().from(sessions).where(eq(sessions.id, id)))[0]!;

  it("holds from sign-in until sign-out, and never again after", async () => {
    await startSession(store.db, { id: "s-out", userId: "auth0|a" }, start);
    expect(await checkSession(store.db, "s-out", "auth0|a", limits, at(5))).toMatchObject({ ok: true });
    await endSession(store.db, "s-out", at(6));
    expect(await checkSession(store.db, "s-out", "auth0|a", limits, at(6.5))).toEqual({ ok: false, why: "ended" });
  });

  it("writes last_seen at most once a minute", async () => {
    await startSession(store.db, { id: "s-touch", userId: "auth0|a" }, start);
    await checkSession(store.db, "s-touch", "auth0|a", limits, at(0.5));
    expect((await row("s-touch")).lastSeenAt).toEqual(start);
    await checkSession(store.db, "s-touch", "auth0|a", limits, at(2));
    expect((await row("s-touch")).lastSeenAt).toEqual(at(2));
    // Kept alive by use, it outlives the idle timeout counted from sign-in.
    await checkSession(store.db, "s-touch", "auth0|a", limits, at(31));
    expect(await checkSession(store.db, "s-touch", "auth0|a", limits, at(45))).toMatchObject({ ok: true });
  });

  it("ends an idle session for good", async () => {
    await startSession(store.db, { id: "s-idle", userId: "auth0|a" }, start);
    expect(await checkSession(store.db, "s-idle", "auth0|a", limits, at(30))).toEqual({ ok: false, why: "idle" });
    expect((await row("s-idle")).endedAt).toEqual(at(30));
    expect(await checkSession(store.db, "s-idle", "auth0|a", limits, at(30.5))).toEqual({ ok: false, why: "ended" });
  });

  it("refuses an unknown session id", async () => {
    expect(await checkSession(store.db, "s-never", "auth0|a", limits, at(1))).toEqual({ ok: false, why: "unknown" });
  });
});
