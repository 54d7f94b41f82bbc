import "server-only";
import { and, count, eq, lt, sql } from "drizzle-orm";
import { organizationsPage } from "@/lib/auth0/directory";
import { auth0ErrorParts, mapAuth0Error } from "@/lib/auth0/errors";
import { checkpointUsable, leaseEnd, leaseFree } from "@/lib/db/lease";
import { directoryRefresh, organizationDirectory } from "@/lib/db/schema";
import type { Database } from "@/lib/db/store";
import { rememberOrganizations } from "./rows";

// Refreshes the store's copy of the tenant's organizations by checkpoint paging, the only way past 1000
// organizations (https://auth0.com/docs/api/management/v2/organizations/get-organizations). After each
// page, Auth0's `next` is saved with the page's rows, so a refresh cut short (a crash, a deploy) goes on
// from there, in whichever instance gets to it first; a lease, renewed with every page, lets one instance
// page at a time. When the last page is in, organizations the refresh did not see are dropped.

const REFRESH_ROW = 1;
/** Covers one page (a call, with the SDK's retries of a 429) and its write. */
const LEASE_SECONDS = 60;

export type RefreshState = typeof directoryRefresh.$inferSelect;

export type RefreshResult =
  | { kind: "completed"; organizations: number; calls: number }
  /** Another instance is paging (or took over after this one's lease ran out). */
  | { kind: "busy"; calls: number }
  /** Auth0 refused or did not answer; the checkpoint is kept, so the next refresh goes on from it. */
  | { kind: "failed"; problem: string; calls: number };

export async function refreshState(db: Database): Promise<RefreshState | undefined> {
  const [row] = await db.select().from(directoryRefresh).where(eq(directoryRefresh.id, REFRESH_ROW));
  return row;
}

const underWay = (state: RefreshState) => state.startedAt !== null && (state.completedAt === null || state.completedAt < state.startedAt);

/** Whether a refresh should run now: none ever completed, one was cut short, or the last is older than the interval. */
export function refreshDue(state: RefreshState | undefined, intervalSeconds: number, now = new Date()): boolean {
  if (!state?.completedAt || underWay(state)) return true;
  return now.getTime() - state.completedAt.getTime() >= intervalSeconds * 1000;
}

async function takeLease(db: Database, holder: string): Promise<RefreshState | undefined> {
  await db.insert(directoryRefresh).values({ id: REFRESH_ROW }).onConflictDoNothing();
  const [row] = await db
    .update(directoryRefresh)
    .set({ leaseHolder: holder, leaseUntil: leaseEnd(LEASE_SECONDS) })
    .where(and(eq(directoryRefresh.id, REFRESH_ROW), leaseFree(directoryRefresh.leaseUntil)))
    .returning();
  return row;
}

async function releaseLease(db: Database, holder: string) {
  await db
    .update(directoryRefresh)
    .set({ leaseHolder: null, leaseUntil: null })
    .where(and(eq(directoryRefresh.id, REFRESH_ROW), eq(directoryRefresh.leaseHolder, holder)));
}

/** Renews the lease if this holder still has it (compare-and-set), with the row locked until the transaction ends. */
async function renewLease(tx: Database, holder: string, changes: Partial<RefreshState>): Promise<boolean> {
  const renewed = await tx
    .update(directoryRefresh)
    .set({ ...changes, leaseUntil: leaseEnd(LEASE_SECONDS) })
    .where(and(eq(directoryRefresh.id, REFRESH_ROW), eq(directoryRefresh.leaseHolder, holder)))
    .returning({ id: directoryRefresh.id });
  return renewed.length > 0;
}

/** Where to go on from: the saved checkpoint of a refresh cut short less than a day ago, else a new start. */
async function startingPoint(db: Database, holder: string, state: RefreshState, now: Date): Promise<{ startedAt: Date; from?: string }> {
  if (underWay(state) && state.checkpoint && checkpointUsable(state.startedAt!, now)) {
    return { startedAt: state.startedAt!, from: state.checkpoint };
  }
  return begin(db, holder);
}

async function begin(db: Database, holder: string): Promise<{ startedAt: Date }> {
  const [row] = await db
    .update(directoryRefresh)
    .set({ startedAt: sql`now()`, checkpoint: null })
    .where(and(eq(directoryRefresh.id, REFRESH_ROW), eq(directoryRefresh.leaseHolder, holder)))
    .returning({ startedAt: directoryRefresh.startedAt });
  return { startedAt: row!.startedAt! };
}

function problemOf(error: unknown): string | undefined {
  const parts = auth0ErrorParts(error);
  if (!parts) return undefined;
  if (parts.status === 401 || parts.status === 403) return mapAuth0Error(error).message;
  return `Auth0 did not answer the organization directory's refresh (${parts.status ?? "unreachable"}${parts.body.message ? `: ${parts.body.message}` : ""}); the next refresh goes on from where this one stopped.`;
}

/**
 * Pages through the tenant's organizations into the store: one Management API call per 100 organizations
 * (and perhaps one for an empty last page). Returns at once with `busy` when another instance is paging.
 */
export async function refreshDirectory(db: Database, { holder }: { holder: string }): Promise<RefreshResult> {
  const state = await takeLease(db, holder);
  if (!state) return { kind: "busy", calls: 0 };
  let calls = 0;
  try {
    let { startedAt, from } = await startingPoint(db, holder, state, new Date());
    for (;;) {
      calls++;
      let page;
      try {
        page = await organizationsPage(from);
      } catch (error) {
        // A checkpoint Auth0 no longer accepts: start over rather than stop for good.
        if (from === undefined || auth0ErrorParts(error)?.status !== 400) throw error;
        ({ startedAt } = await begin(db, holder));
        from = undefined;
        continue;
      }
      const last = !page.next || page.organizations.length === 0;
      const kept = await db.transaction(async (tx) => {
        if (!(await renewLease(tx, holder, last ? {} : { checkpoint: page.next, problem: null }))) return undefined;
        await rememberOrganizations(tx, page.organizations, startedAt);
        if (!last) return 0;
        await tx.delete(organizationDirectory).where(lt(organizationDirectory.seenAt, startedAt));
        const [{ total } = { total: 0 }] = await tx.select({ total: count() }).from(organizationDirectory);
        await tx
          .update(directoryRefresh)
          .set({ checkpoint: null, completedAt: sql`now()`, organizationCount: total, problem: null })
          .where(eq(directoryRefresh.id, REFRESH_ROW));
        return total;
      });
      if (kept === undefined) return { kind: "busy", calls };
      if (last) return { kind: "completed", organizations: kept, calls };
      from = page.next;
    }
  } catch (error) {
    const problem = problemOf(error);
    if (!problem) throw error;
    await db.update(directoryRefresh).set({ problem }).where(eq(directoryRefresh.id, REFRESH_ROW));
    return { kind: "failed", problem, calls };
  } finally {
    await releaseLease(db, holder);
  }
}

export type DirectoryStatus = {
  /** When the last complete refresh finished; null when none has. */
  completedAt: Date | null;
  organizationCount: number | null;
  refreshing: boolean;
  /** Why the last refresh failed (e.g. a missing scope), until one succeeds. */
  problem: string | null;
};

export async function directoryStatus(db: Database): Promise<DirectoryStatus> {
  const [row] = await db
    .select({
      completedAt: directoryRefresh.completedAt,
      organizationCount: directoryRefresh.organizationCount,
      refreshing: sql<boolean>`coalesce(${directoryRefresh.leaseUntil} > now(), false)`,
      problem: directoryRefresh.problem,
    })
    .from(directoryRefresh)
    .where(eq(directoryRefresh.id, REFRESH_ROW));
  return row ?? { completedAt: null, organizationCount: null, refreshing: false, problem: null };
}
