// Reconciliation with Auth0's capped invitation list, on both stores: Auth0 lists at most 1,000 invitations
// from either end, so an organization with more is read from both ends, and what neither end reaches is
// unknown (read one by one, a bounded number per refresh), never taken for gone.
import { sql } from "drizzle-orm";
import { afterAll, beforeEach, describe, expect, it, vi } from "vitest";
import { ACME, ADMIN_APP_ID, api, control, useEmulator } from "@/e2e/auth0-emulator/management/testing";
import type { Store } from "@/lib/db/store";

vi.mock("@/lib/env", async (importOriginal) => (await import("@/lib/testing/emulator-env")).emulatorEnv(await importOriginal()));

useEmulator();
const { storeCases } = await import("@/lib/testing/stores");
const { reconcilerAccess } = await import("@/lib/authz/background");
const { recordCreated, ledgerEntry } = await import("./ledger");
const { readTenantLogs } = await import("./log-reader");
const { reconcileOrganization, READS_PER_REFRESH } = await import("./reconcile");
const { invitations, logReader } = await import("./table");

const access = reconcilerAccess(ACME);
const SENT_BY_ALICE = { actorId: "auth0|alice0000000000000000001", actorEmail: "alice@acme.test", actorName: "Alice Admin", actorKind: "member" };
const HOUR = 3_600_000;
/** Seeded invitations are created a second apart from two days ago, so their order in Auth0's list is sure. */
const SEEDED_FROM = Date.now() - 48 * HOUR;
const createdAt = (position: number) => new Date(SEEDED_FROM + position * 1000).toISOString();

type Seeded = { id: string; ticket_id: string; invitee: { email: string }; created_at: string; expires_at: string };
type Logged = { method: string; path: string };

/** Invitations made in Auth0 (as the app would have: no email here) and recorded in the ledger as sent by the app. */
async function sentByTheApp(db: Store["db"], emails: string[], options: { createdAt: string; stepMs?: number; ttlSeconds?: number }): Promise<Seeded[]> {
  const { status, body } = await control("POST", "invitations/seed", {
    organization_id: ACME, client_id: ADMIN_APP_ID, emails, roles: ["rol_Member0000000003"],
    created_at: options.createdAt, step_ms: options.stepMs ?? 1000, ttl_sec: options.ttlSeconds,
  });
  expect(status).toBe(200);
  for (const invitation of body as Seeded[]) await recordCreated(db, invitation, SENT_BY_ALICE, { sendEmail: false });
  return body;
}

/** One of them, settled outside the app, placed between two seeded positions (half a second after `position`). */
const oneMore = (db: Store["db"], email: string, position: number, ttlSeconds?: number) =>
  sentByTheApp(db, [email], { createdAt: new Date(Date.parse(createdAt(position)) + 500).toISOString(), ttlSeconds }).then(([one]) => one!);

const accept = (invitation: Seeded, email = invitation.invitee.email) =>
  control("POST", "invitations/accept", { ticket: invitation.ticket_id, email, password: "a-long-password" });
const revokeElsewhere = (invitation: Seeded) => api("DELETE", `/organizations/${ACME}/invitations/${invitation.id}`);

async function invitationReads() {
  const calls = (await control("GET", "requests")).body as Logged[];
  const onInvitations = calls.filter((call) => call.method === "GET" && call.path.startsWith(`/api/v2/organizations/${ACME}/invitations`));
  return {
    lists: onInvitations.filter((call) => call.path === `/api/v2/organizations/${ACME}/invitations`).length,
    singles: onInvitations.filter((call) => call.path !== `/api/v2/organizations/${ACME}/invitations`).length,
  };
}

const pendingCount = async (db: Store["db"]) =>
  Number((await db.select({ n: sql<number>`count(*)` }).from(invitations).where(sql`${invitations.status} = 'pending'`))[0]!.n);

const cases = await storeCases("inviter_unit_reconcile");

afterAll(() => {
  delete (globalThis as { __managementClient?: unknown }).__managementClient;
});

describe.each(cases)("reconciling past Auth0's list cap on the $name store", ({ open }) => {
  let store: Store;
  beforeEach(async () => {
    await store?.close();
    store = await open();
    await store.db.execute(sql`TRUNCATE invitations, log_reader, applied_log_events, rate_budgets, audit_events`);
    // The tenant-log reader has been running since before any of these invitations was made (as in a
    // running app): what the logs do not say did not happen.
    await readTenantLogs(store.db);
    await store.db.update(logReader).set({ coveredSince: new Date(SEEDED_FROM - HOUR) });
  }, 60_000);
  afterAll(async () => {
    await store?.close();
  });

  it("1,100 pending invitations sent by the app stay pending; 5 settled outside it are settled right, with no read one by one", async () => {
    const db = store.db;
    await sentByTheApp(db, Array.from({ length: 1_100 }, (_, i) => `pending.${i}@example.test`), { createdAt: createdAt(0) });
    const accepted = await oneMore(db, "accepted@example.test", 10);
    const usedUp = await oneMore(db, "used.up@example.test", 300);
    const revoked = await oneMore(db, "revoked@example.test", 550);
    const expiredListed = await oneMore(db, "expired.listed@example.test", 800, 3_600);
    const expiredGone = await oneMore(db, "expired.gone@example.test", 1_050, 3_600);
    expect((await accept(accepted)).body).toMatchObject({ kind: "signed-in" });
    expect((await accept(usedUp, "someone.else@example.test")).body).toMatchObject({ kind: "dead-end" });
    expect((await revokeElsewhere(revoked)).status).toBe(204);
    // Auth0 lists an expired invitation for a while, then deletes it.
    expect((await revokeElsewhere(expiredGone)).status).toBe(204);

    await control("DELETE", "requests");
    const result = await reconcileOrganization(db, access);
    expect(result).toMatchObject({ listed: 1_101, beyondList: 0, read: 0 });

    expect(await pendingCount(db)).toBe(1_100);
    expect(await ledgerEntry(db, access, accepted.id)).toMatchObject({ status: "accepted", statusInferred: false, statusByName: "accepted@example.test" });
    expect(await ledgerEntry(db, access, usedUp.id)).toMatchObject({ status: "consumed", statusInferred: false });
    expect(await ledgerEntry(db, access, revoked.id)).toMatchObject({ status: "removed", statusInferred: false });
    expect(await ledgerEntry(db, access, expiredListed.id)).toMatchObject({ status: "expired" });
    expect(await ledgerEntry(db, access, expiredGone.id)).toMatchObject({ status: "expired" });
    // Newest 1,000 (10 pages), then oldest first until the two ends met (2 pages); no invitation read by id.
    expect(await invitationReads()).toEqual({ lists: 12, singles: 0 });
  });

  // 2,200 invitations seeded and recorded one by one, then two refreshes: about 10 s on a quiet machine, and past
  // the suite's minute when other suites share its two cores. Time for the work, not a measure of it.
  it("past 2,000, what neither end of the list reaches is unknown: read by id, a bounded number per refresh, never guessed", { timeout: 240_000 }, async () => {
    const db = store.db;
    // 2,200 pending: the newest 1,000 and the oldest 1,000 are listed; about 200 in the middle are not.
    const pending = await sentByTheApp(db, Array.from({ length: 2_200 }, (_, i) => `crowd.${i}@example.test`), { createdAt: createdAt(0) });
    const acceptedInTheMiddle = await oneMore(db, "accepted.middle@example.test", 1_090);
    const expiredInTheMiddle = await oneMore(db, "expired.middle@example.test", 1_095, 3_600);
    const revokedEarlyInTheMiddle = pending[1_010]!;
    const revokedLateInTheMiddle = pending[1_190]!;
    expect((await accept(acceptedInTheMiddle)).body).toMatchObject({ kind: "signed-in" });
    await revokeElsewhere(revokedEarlyInTheMiddle);
    await revokeElsewhere(revokedLateInTheMiddle);

    await control("DELETE", "requests");
    const first = await reconcileOrganization(db, access);
    // The logs settle the acceptance and time the expiry, with no read; the oldest unknown ones are read.
    expect(first.read).toBe(READS_PER_REFRESH);
    expect(first.beyondList).toBeGreaterThan(READS_PER_REFRESH);
    expect(await invitationReads()).toEqual({ lists: 20, singles: READS_PER_REFRESH });
    expect(await ledgerEntry(db, access, acceptedInTheMiddle.id)).toMatchObject({ status: "accepted", statusInferred: false });
    expect(await ledgerEntry(db, access, expiredInTheMiddle.id)).toMatchObject({ status: "expired" });
    expect(await ledgerEntry(db, access, revokedEarlyInTheMiddle.id)).toMatchObject({ status: "removed", statusInferred: false });
    // Gone from Auth0 too, but not read yet: unknown, so still pending rather than guessed.
    expect(await ledgerEntry(db, access, revokedLateInTheMiddle.id)).toMatchObject({ status: "pending", verifiedAt: null });
    expect(await pendingCount(db)).toBe(2_199);

    // The next refresh reads those never read first.
    await control("DELETE", "requests");
    const second = await reconcileOrganization(db, access);
    expect(second.read).toBe(READS_PER_REFRESH);
    expect((await invitationReads()).singles).toBe(READS_PER_REFRESH);
    expect(await ledgerEntry(db, access, revokedLateInTheMiddle.id)).toMatchObject({ status: "removed", statusInferred: false });
    expect(await pendingCount(db)).toBe(2_198);
    const middle = pending.slice(1_000, 1_200).filter((invitation) => invitation !== revokedEarlyInTheMiddle && invitation !== revokedLateInTheMiddle);
    for (const invitation of middle.slice(0, 20)) {
      expect(await ledgerEntry(db, access, invitation.id)).toMatchObject({ status: "pending", verifiedAt: expect.any(Date) });
    }
  });
});
