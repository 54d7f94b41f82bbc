import "server-only";
import { and, count, eq, gt, lt, ne, sql } from "drizzle-orm";
import type { OrgAccess } from "@/lib/authz/access";
import { leaseEnd } from "@/lib/db/lease";
import { seatReservations } from "@/lib/db/schema";
import { store, type Database } from "@/lib/db/store";
import { pendingCount } from "@/lib/ledger/ledger";
import { memberCount } from "@/lib/members/count";
import type { PolicyProblem } from "@/lib/policy/check";
import type { PolicySource } from "@/lib/policy/format";
import { delegationPolicy } from "@/lib/policy/policy";
import { seatsFull, seatsUsed, type SeatCount } from "@/lib/policy/seats";

// Step 5b of the send pipeline (./send.ts): under a seat limit, a new invitation holds a seat from just after
// its write-ahead until it is settled, so that instances sending at once can never together exceed the limit.
// The seats in use are counted and the seat taken under a per-organization lock in the store, which every
// instance shares; the settle transaction ends the reservation (a created invitation then counts as pending
// in the ledger). A replacement takes no seat: the invitation it replaces held one. Only this file touches
// `seat_reservations`.

/** The advisory lock's first key (the second is the organization's): one organization's seats are taken one at a time. */
const SEAT_LOCK = 5_173_028;
/**
 * Longer than any send takes (the pacer's waits, Auth0's timeouts and a person's retries), so a reservation
 * outlives its send; one whose instance died frees its seat after this.
 */
const RESERVATION_SECONDS = 600;

/** What a new invitation's seat is checked against: the limit in effect and the members counted before the lock. */
export type SeatRule = { limit: number; source: PolicySource; members: number };

/**
 * The seat limit a new invitation is held to, with the organization's member count; undefined when it has no
 * limit. Read before the write-ahead and outside the lock: the first count of an organization fills its
 * members copy from Auth0, which the lock must not wait for. (A member who joins between this count and the
 * lock moves from pending to member there, so the sum errs by at most the joins of that moment.)
 */
export async function seatRule(access: OrgAccess): Promise<SeatRule | undefined> {
  const { seats } = await delegationPolicy(access);
  // A malformed limit refused the invitation at step 4 already.
  if (!seats.ok || seats.value === undefined) return undefined;
  return { limit: seats.value, source: seats.source, members: await memberCount(access) };
}

/** Seats held by invitations being sent now, other than `auditId`'s own. */
async function sendingCount(db: Database, access: OrgAccess, exceptAuditId = -1): Promise<number> {
  const [{ sending }] = (await db
    .select({ sending: count() })
    .from(seatReservations)
    .where(and(eq(seatReservations.organizationId, access.orgId), gt(seatReservations.until, sql`now()`), ne(seatReservations.auditId, exceptAuditId)))) as [
    { sending: number },
  ];
  return Number(sending);
}

/**
 * Takes a seat for the attempt written ahead as `auditId` (or renews its own, on a bulk row's retry), or says
 * why there is none. One transaction under the organization's lock: a second instance counts this seat.
 */
export async function reserveSeat(db: Database, access: OrgAccess, rule: SeatRule, auditId: number): Promise<PolicyProblem | undefined> {
  return db.transaction(async (transaction) => {
    const tx = transaction as unknown as Database;
    // Held until the transaction ends (https://www.postgresql.org/docs/current/explicit-locking.html#ADVISORY-LOCKS).
    await tx.execute(sql`select pg_advisory_xact_lock(${SEAT_LOCK}, hashtext(${access.orgId}))`);
    await tx.delete(seatReservations).where(and(eq(seatReservations.organizationId, access.orgId), lt(seatReservations.until, sql`now()`)));
    const use = { members: rule.members, pending: await pendingCount(tx, access), sending: await sendingCount(tx, access, auditId) };
    if (seatsUsed(use) >= rule.limit) return seatsFull(rule.limit, rule.source, use);
    await tx
      .insert(seatReservations)
      .values({ auditId, organizationId: access.orgId, until: leaseEnd(RESERVATION_SECONDS) })
      .onConflictDoUpdate({ target: seatReservations.auditId, set: { until: leaseEnd(RESERVATION_SECONDS) } });
    return undefined;
  });
}

/** Ends the attempt's reservation, in the transaction that settles it; nothing when it held none. */
export async function releaseSeat(db: Database, auditId: number): Promise<void> {
  await db.delete(seatReservations).where(eq(seatReservations.auditId, auditId));
}

/** The organization's seats as its pages show them: the limit in effect, members, pending and being sent. */
export async function seatCount(access: OrgAccess): Promise<SeatCount> {
  const [{ seats }, members, { db }] = await Promise.all([delegationPolicy(access), memberCount(access), store()]);
  const [pending, sending] = await Promise.all([pendingCount(db, access), sendingCount(db, access)]);
  return { limit: seats.ok ? seats.value : undefined, limitValid: seats.ok, source: seats.source, members, pending, sending };
}
