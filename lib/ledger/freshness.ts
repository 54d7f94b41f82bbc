import "server-only";
import { count, eq, sql } from "drizzle-orm";
import type { OrgAccess } from "@/lib/authz/access";
import { auth0ErrorParts, mapAuth0Error } from "@/lib/auth0/errors";
import type { Database } from "@/lib/db/store";
import { env } from "@/lib/env";
import { reconcileOrganization, type Reconciled } from "./reconcile";
import { invitations, ledgerRefreshes } from "./table";

// How current an organization's ledger is. A page never asks Auth0 for the organization's invitations: it
// shows the ledger "as of" its last refresh, asks the background for a new one when that is older than
// LEDGER_REFRESH_AFTER_SECONDS, and polls a small route (this module's `ledgerFreshness`) to update itself
// when a refresh lands or the tenant-log reader changes what it shows.

/** An open page looks for news this often while the tenant-log reader runs (with its 30 s: within a minute). */
const POLL_SECONDS = 20;
/** A refresh asked for longer ago than this, and not done, is taken for lost (its job died): no longer "refreshing". */
const REQUEST_LIFETIME_MS = 2 * 60_000;

export type LedgerFreshness = {
  /** When the last complete refresh began reading Auth0's list; null when there has been none. */
  asOf: string | null;
  /** A refresh has been asked for and is not done yet. */
  refreshing: boolean;
  /** Why the last refresh failed, when it did and none has worked since. */
  problem: string | null;
  /** Changes whenever a status does: the page compares it with the one it was rendered with. */
  fingerprint: string;
};

/** How often an open Invitations page polls for news; null while nothing in the background would bring any. */
export function ledgerPollSeconds(): number | null {
  return env().LOG_READ_INTERVAL_SECONDS > 0 ? POLL_SECONDS : null;
}

/** Whether a page should ask for a refresh: the last one is older than the threshold (0: pages never ask). */
export function refreshDue(freshness: LedgerFreshness, now = new Date()): boolean {
  const after = env().LEDGER_REFRESH_AFTER_SECONDS;
  if (after === 0 || freshness.refreshing) return false;
  return freshness.asOf === null || now.getTime() - Date.parse(freshness.asOf) >= after * 1000;
}

export async function ledgerFreshness(db: Database, access: OrgAccess): Promise<LedgerFreshness> {
  const [[state], byStatus] = await Promise.all([
    db
      .select({
        refreshedAt: ledgerRefreshes.refreshedAt,
        problem: ledgerRefreshes.problem,
        // Compared on the store's clock, the one every instance shares.
        refreshing: sql<boolean>`coalesce(${ledgerRefreshes.requestedAt} > coalesce(greatest(${ledgerRefreshes.refreshedAt}, ${ledgerRefreshes.problemAt}), '-infinity')
          and ${ledgerRefreshes.requestedAt} > now() - make_interval(secs => ${REQUEST_LIFETIME_MS / 1000}), false)`,
      })
      .from(ledgerRefreshes)
      .where(eq(ledgerRefreshes.organizationId, access.orgId)),
    db
      .select({ status: invitations.status, inferred: invitations.statusInferred, n: count() })
      .from(invitations)
      .where(eq(invitations.organizationId, access.orgId))
      .groupBy(invitations.status, invitations.statusInferred),
  ]);
  const fingerprint = byStatus
    .map((row) => `${row.status}${row.inferred ? "?" : ""}:${row.n}`)
    .sort()
    .join(",");
  return {
    asOf: state?.refreshedAt?.toISOString() ?? null,
    refreshing: state?.refreshing ?? false,
    problem: state?.problem ?? null,
    fingerprint,
  };
}

/** Notes that a refresh was asked for, so that pages show one under way until it is done. */
export async function noteRefreshRequested(db: Database, access: OrgAccess): Promise<void> {
  await db
    .insert(ledgerRefreshes)
    .values({ organizationId: access.orgId, requestedAt: sql`now()` })
    .onConflictDoUpdate({ target: ledgerRefreshes.organizationId, set: { requestedAt: sql`now()` } });
}

/**
 * One refresh of the organization's ledger (the background job's work): reconciles it with Auth0 and
 * records when that began, or why it failed (a missing scope, Auth0 not answering) for the page to say.
 */
export async function refreshLedger(db: Database, access: OrgAccess): Promise<Reconciled | { problem: string }> {
  const [{ startedAt }] = (await db
    .insert(ledgerRefreshes)
    .values({ organizationId: access.orgId, startedAt: sql`now()` })
    .onConflictDoUpdate({ target: ledgerRefreshes.organizationId, set: { startedAt: sql`now()` } })
    .returning({ startedAt: ledgerRefreshes.startedAt })) as [{ startedAt: Date }];
  try {
    const result = await reconcileOrganization(db, access, startedAt);
    await db
      .update(ledgerRefreshes)
      .set({ refreshedAt: sql`greatest(${ledgerRefreshes.refreshedAt}, ${startedAt})`, problem: null, problemAt: null })
      .where(eq(ledgerRefreshes.organizationId, access.orgId));
    return result;
  } catch (error) {
    if (!auth0ErrorParts(error)) throw error;
    const problem = mapAuth0Error(error).message;
    await db.update(ledgerRefreshes).set({ problem, problemAt: sql`now()` }).where(eq(ledgerRefreshes.organizationId, access.orgId));
    return { problem };
  }
}
