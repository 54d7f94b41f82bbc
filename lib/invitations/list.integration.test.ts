// The Invitations page's data, against the emulator, on both stores: a view reads the store and never
// waits on Auth0's lists or logs; a ledger older than the threshold asks the background for a refresh
// without waiting, once; what the refresh and the tenant-log reader change shows in what the page polls.
import { sql } from "drizzle-orm";
import { afterAll, beforeEach, describe, expect, it, vi } from "vitest";
import { ACME, control, createInvitation, useEmulator } from "@/e2e/auth0-emulator/management/testing";
import type { Store } from "@/lib/db/store";

const current = vi.hoisted(() => ({ store: undefined as Store | undefined, asked: 0, settings: {} as Record<string, number> }));
vi.mock("@/lib/db/store", async (importOriginal) => ({ ...(await importOriginal<object>()), store: async () => current.store! }));
vi.mock("@/lib/env", async (importOriginal) => {
  const mocked = await (await import("@/lib/testing/emulator-env")).emulatorEnv(await importOriginal());
  return { ...mocked, env: () => ({ ...mocked.env(), ...current.settings }) };
});
// The queue (pg-boss) is not under test: a request is noted as the real one notes it, and counted.
vi.mock("@/lib/ledger/refresh-queue", async () => {
  const { noteRefreshRequested } = await import("@/lib/ledger/freshness");
  return {
    requestLedgerRefresh: async (access: { orgId: string }) => {
      current.asked++;
      await noteRefreshRequested(current.store!.db, access as never);
    },
  };
});

useEmulator();
const { storeCases } = await import("@/lib/testing/stores");
const { testContext } = await import("@/lib/testing/action-context");
const { reconcilerAccess } = await import("@/lib/authz/background");
const { invitationsView, invitationsFreshness } = await import("./list");
const { refreshLedger } = await import("@/lib/ledger/freshness");
const { readTenantLogs } = await import("@/lib/ledger/log-reader");
const { ledgerRefreshes } = await import("@/lib/ledger/table");

const { ctx } = testContext(ACME, { kind: "member", roleNames: ["Org Admin"] });
const background = reconcilerAccess(ACME);
const pendingFirst = { filter: "pending", sort: "created", page: 0, perPage: 25 } as const;

type Logged = { method: string; path: string };
/** The Management API calls since the log was cleared, but the short-lived catalog caches' (roles, applications, connections). */
async function callsBeyondTheCatalog(): Promise<string[]> {
  const catalog = new Set(["/api/v2/roles", "/api/v2/clients", `/api/v2/organizations/${ACME}/enabled_connections`, "/oauth/token"]);
  return ((await control("GET", "requests")).body as Logged[]).filter((call) => !catalog.has(call.path)).map((call) => `${call.method} ${call.path}`);
}

const cases = await storeCases("inviter_unit_list");

afterAll(async () => {
  await current.store?.close();
  delete (globalThis as { __managementClient?: unknown }).__managementClient;
});

describe.each(cases)("the Invitations page's data on the $name store", ({ open }) => {
  beforeEach(async () => {
    await current.store?.close();
    current.store = await open();
    await current.store.db.execute(sql`TRUNCATE invitations, ledger_refreshes, log_reader, applied_log_events, rate_budgets`);
    current.asked = 0;
    current.settings = {};
  }, 60_000);

  it("a view reads the store only; a ledger never refreshed asks the background once, and shows what the refresh found once it lands", async () => {
    const { body: made } = await createInvitation({ invitee: { email: "made.elsewhere@example.test" } });
    await control("DELETE", "requests");

    const first = await invitationsView(ctx, pendingFirst);
    expect(first.rows).toEqual([]);
    expect(first.freshness).toMatchObject({ asOf: null, refreshing: true });
    expect(current.asked).toBe(1);
    // Opened again while the refresh is under way: nothing more is asked.
    expect((await invitationsView(ctx, pendingFirst)).freshness.refreshing).toBe(true);
    expect(current.asked).toBe(1);
    expect(await callsBeyondTheCatalog()).toEqual([]);

    const before = await invitationsFreshness(ctx);
    await refreshLedger(current.store!.db, background);
    const after = await invitationsFreshness(ctx);
    expect(after).toMatchObject({ refreshing: false, problem: null, asOf: expect.any(String) });
    expect(after.fingerprint).not.toBe(before.fingerprint);

    await control("DELETE", "requests");
    const warm = await invitationsView(ctx, pendingFirst);
    expect(warm.rows.map((row) => row.id)).toEqual([made.id]);
    expect(warm.freshness).toEqual(after);
    expect(current.asked).toBe(1);
    expect(await callsBeyondTheCatalog()).toEqual([]);
  });

  it("asks again once the ledger is older than LEDGER_REFRESH_AFTER_SECONDS; at 0, a view never asks", async () => {
    const db = current.store!.db;
    await refreshLedger(db, background);
    await invitationsView(ctx, pendingFirst);
    expect(current.asked).toBe(0);

    await db.update(ledgerRefreshes).set({ refreshedAt: sql`now() - interval '301 seconds'` });
    current.settings = { LEDGER_REFRESH_AFTER_SECONDS: 0 };
    expect((await invitationsView(ctx, pendingFirst)).freshness.refreshing).toBe(false);
    expect(current.asked).toBe(0);
    current.settings = {};
    expect((await invitationsView(ctx, pendingFirst)).freshness.refreshing).toBe(true);
    expect(current.asked).toBe(1);
  });

  it("the poll sees an acceptance as soon as the tenant-log reader applies it, with no refresh", async () => {
    const db = current.store!.db;
    await readTenantLogs(db);
    const { body: made } = await createInvitation({ invitee: { email: "joins.soon@example.test" } });
    await refreshLedger(db, background);
    const before = await invitationsFreshness(ctx);

    await control("POST", "invitations/accept", { ticket: made.ticket_id, email: "joins.soon@example.test", password: "a-long-password" });
    expect(await invitationsFreshness(ctx)).toEqual(before);
    await readTenantLogs(db);
    const after = await invitationsFreshness(ctx);
    expect(after.asOf).toBe(before.asOf);
    expect(after.fingerprint).not.toBe(before.fingerprint);
    expect((await invitationsView(ctx, { ...pendingFirst, filter: "accepted" })).rows.map((row) => row.email)).toEqual(["joins.soon@example.test"]);
  });

  it("a refresh Auth0 refuses is said on the page and ends 'refreshing'; the next that works clears it", async () => {
    const db = current.store!.db;
    await invitationsView(ctx, pendingFirst);
    await control("POST", "faults", {
      path: `^/api/v2/organizations/${ACME}/invitations$`, status: 403, count: 1,
      body: { statusCode: 403, error: "Forbidden", message: "Insufficient scope; expected any of: read:organization_invitations.", errorCode: "insufficient_scope" },
    });
    expect(await refreshLedger(db, background)).toMatchObject({ problem: expect.stringContaining("read:organization_invitations") });
    expect(await invitationsFreshness(ctx)).toMatchObject({ asOf: null, refreshing: false, problem: expect.stringContaining("read:organization_invitations") });
    await refreshLedger(db, background);
    expect(await invitationsFreshness(ctx)).toMatchObject({ asOf: expect.any(String), problem: null });
  });
});
