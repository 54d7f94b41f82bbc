import "server-only";
import { and, eq, lt, sql } from "drizzle-orm";
import { auth0ErrorParts, mapAuth0Error } from "@/lib/auth0/errors";
import { membersPage, type OrgAccess } from "@/lib/auth0/organization-data";
import { checkpointUsable, leaseEnd, leaseFree, THIS_INSTANCE } from "@/lib/db/lease";
import { memberRefreshes, organizationMembers } from "@/lib/db/schema";
import { store, type Database } from "@/lib/db/store";
import { env } from "@/lib/env";
import { organizationQueue } from "@/lib/jobs/organization-queue";
import { logger } from "@/lib/log/logger";
import { copiedMemberCount, rememberMembers } from "./copy";

// Refreshes the store's copy of an organization's members by checkpoint paging, as the organization directory
// is refreshed (lib/directory/refresh.ts): one call per 100 members, with their roles
// (https://auth0.com/docs/api/management/v2/organizations/get-members). After each page, Auth0's `next` is
// saved with the page's rows, so a refresh cut short (a crash, a deploy) goes on from there in whichever
// instance gets to it first; a lease per organization, renewed with every page, lets one instance page an
// organization at a time. When the last page is in, members the refresh did not see are dropped. Between
// refreshes the tenant-log reader keeps the copy current (lib/ledger/log-reader.ts, ./copy.ts).

/** Covers one page (a call, with the SDK's retries of a 429) and its write. */
const LEASE_SECONDS = 60;
/** How often a first use waiting for another instance's fill looks whether it is done. */
const FILL_POLL_MS = 200;
/** A refresh asked for longer ago than this, and not done, is taken for lost (its job died): no longer "refreshing". */
const REQUEST_LIFETIME_MS = 2 * 60_000;
/** An open Members page looks for news this often while the tenant-log reader runs. */
const POLL_SECONDS = 20;

type RefreshState = typeof memberRefreshes.$inferSelect;

export type MembersRefreshResult =
  | { kind: "completed"; members: number; calls: number }
  /** Another instance is paging this organization (or took over after this one's lease ran out). */
  | { kind: "busy"; calls: number }
  /** Auth0 refused or did not answer; the checkpoint is kept, so the next refresh goes on from it. */
  | { kind: "failed"; problem: string; calls: number };

const stateOf = (access: OrgAccess) => eq(memberRefreshes.organizationId, access.orgId);
const heldBy = (access: OrgAccess, holder: string) => and(stateOf(access), eq(memberRefreshes.leaseHolder, holder));

export async function membersRefreshState(db: Database, access: OrgAccess): Promise<RefreshState | undefined> {
  const [row] = await db.select().from(memberRefreshes).where(stateOf(access));
  return row;
}

const underWay = (state: RefreshState) => state.startedAt !== null && (state.completedAt === null || state.completedAt < state.startedAt);

async function takeLease(db: Database, access: OrgAccess, holder: string): Promise<RefreshState | undefined> {
  await db.insert(memberRefreshes).values({ organizationId: access.orgId }).onConflictDoNothing();
  const [row] = await db
    .update(memberRefreshes)
    .set({ leaseHolder: holder, leaseUntil: leaseEnd(LEASE_SECONDS) })
    .where(and(stateOf(access), leaseFree(memberRefreshes.leaseUntil)))
    .returning();
  return row;
}

async function releaseLease(db: Database, access: OrgAccess, holder: string) {
  await db.update(memberRefreshes).set({ leaseHolder: null, leaseUntil: null }).where(heldBy(access, holder));
}

/** Renews the lease if this holder still has it (compare-and-set), with the row locked until the transaction ends. */
async function renewLease(tx: Database, access: OrgAccess, holder: string, changes: Partial<RefreshState>): Promise<boolean> {
  const renewed = await tx
    .update(memberRefreshes)
    .set({ ...changes, leaseUntil: leaseEnd(LEASE_SECONDS) })
    .where(heldBy(access, holder))
    .returning({ organizationId: memberRefreshes.organizationId });
  return renewed.length > 0;
}

async function begin(db: Database, access: OrgAccess, holder: string): Promise<{ startedAt: Date; from?: string }> {
  const [row] = await db
    .update(memberRefreshes)
    .set({ startedAt: sql`now()`, checkpoint: null })
    .where(heldBy(access, holder))
    .returning({ startedAt: memberRefreshes.startedAt });
  return { startedAt: row!.startedAt! };
}

function problemOf(error: unknown): string | undefined {
  const parts = auth0ErrorParts(error);
  if (!parts) return undefined;
  if (parts.status === 401 || parts.status === 403) return mapAuth0Error(error).message;
  return `Auth0 did not answer the members' refresh (${parts.status ?? "unreachable"}${parts.body.message ? `: ${parts.body.message}` : ""}); the next refresh goes on from where this one stopped.`;
}

/**
 * Pages through the organization's members into the store: one Management API call per 100 members (and
 * one for Auth0's empty last page). Returns at once with `busy` when another instance is paging it.
 */
export async function refreshMembers(db: Database, access: OrgAccess, { holder }: { holder: string }): Promise<MembersRefreshResult> {
  const state = await takeLease(db, access, holder);
  if (!state) return { kind: "busy", calls: 0 };
  let calls = 0;
  try {
    let { startedAt, from } =
      underWay(state) && state.checkpoint && checkpointUsable(state.startedAt!, new Date())
        ? { startedAt: state.startedAt!, from: state.checkpoint }
        : await begin(db, access, holder);
    for (;;) {
      calls++;
      let page;
      try {
        page = await membersPage(access, from);
      } catch (error) {
        // A checkpoint Auth0 no longer accepts: start over rather than stop for good.
        if (from === undefined || auth0ErrorParts(error)?.status !== 400) throw error;
        ({ startedAt, from } = await begin(db, access, holder));
        continue;
      }
      const last = !page.next || page.members.length === 0;
      const kept = await db.transaction(async (tx) => {
        if (!(await renewLease(tx, access, holder, last ? {} : { checkpoint: page.next }))) return undefined;
        await rememberMembers(tx, access, page.members, startedAt);
        if (!last) return 0;
        await tx.delete(organizationMembers).where(and(eq(organizationMembers.organizationId, access.orgId), lt(organizationMembers.seenAt, startedAt)));
        await tx
          .update(memberRefreshes)
          .set({ checkpoint: null, completedAt: sql`now()`, changedAt: sql`now()`, problem: null, problemAt: null })
          .where(stateOf(access));
        return copiedMemberCount(tx, access);
      });
      if (kept === undefined) return { kind: "busy", calls };
      if (last) {
        // Fresh statistics, so the planner pages and counts by the indexes: the embedded store runs no
        // autovacuum, and a first fill can grow the table by thousands of rows at once.
        await db.execute(sql`analyze ${organizationMembers}`);
        return { kind: "completed", members: kept, calls };
      }
      from = page.next;
    }
  } catch (error) {
    const problem = problemOf(error);
    if (!problem) throw error;
    await db.update(memberRefreshes).set({ problem, problemAt: sql`now()` }).where(stateOf(access));
    return { kind: "failed", problem, calls };
  } finally {
    await releaseLease(db, access, holder);
  }
}

/**
 * Fills the organization's copy when no refresh of it has ever completed, and returns once one has: this
 * instance pages, or waits while another does (taking over from its checkpoint if its lease runs out).
 * Throws what Auth0 answered when the fill fails: without the copy there is nothing to show or count.
 */
export async function ensureMembersCopy(db: Database, access: OrgAccess): Promise<void> {
  for (;;) {
    if ((await membersRefreshState(db, access))?.completedAt) return;
    const result = await refreshMembers(db, access, { holder: THIS_INSTANCE });
    if (result.kind === "completed") return;
    if (result.kind === "failed") throw new Error(result.problem);
    await new Promise((resolve) => setTimeout(resolve, FILL_POLL_MS));
  }
}

export type MembersFreshness = {
  /** When the last complete refresh finished; null when there has been none. */
  asOf: string | null;
  /** A refresh has been asked for (or is paging) and is not done yet. */
  refreshing: boolean;
  /** Why the last refresh failed, when it did and none has worked since. */
  problem: string | null;
  /** Changes whenever the copy does: the page compares it with the one it was rendered with. */
  fingerprint: string;
};

export async function membersFreshness(db: Database, access: OrgAccess): Promise<MembersFreshness> {
  const [row] = await db
    .select({
      completedAt: memberRefreshes.completedAt,
      problem: memberRefreshes.problem,
      changedAt: memberRefreshes.changedAt,
      // Compared on the store's clock, the one every instance shares.
      refreshing: sql<boolean>`coalesce(${memberRefreshes.leaseUntil} > now(), false) or coalesce(${memberRefreshes.requestedAt} > coalesce(greatest(${memberRefreshes.completedAt}, ${memberRefreshes.problemAt}), '-infinity')
        and ${memberRefreshes.requestedAt} > now() - make_interval(secs => ${REQUEST_LIFETIME_MS / 1000}), false)`,
    })
    .from(memberRefreshes)
    .where(stateOf(access));
  return {
    asOf: row?.completedAt?.toISOString() ?? null,
    refreshing: row?.refreshing ?? false,
    problem: row?.problem ?? null,
    fingerprint: row?.changedAt?.toISOString() ?? "",
  };
}

/** How often an open Members page polls for news; null while nothing in the background would bring any. */
export function membersPollSeconds(): number | null {
  return env().LOG_READ_INTERVAL_SECONDS > 0 ? POLL_SECONDS : null;
}

/** Whether a page should ask for a refresh: the last one is older than MEMBERS_REFRESH_AFTER_SECONDS (0: pages never ask). */
export function membersRefreshDue(freshness: MembersFreshness, now = new Date()): boolean {
  const after = env().MEMBERS_REFRESH_AFTER_SECONDS;
  if (after === 0 || freshness.refreshing || freshness.asOf === null) return false;
  return now.getTime() - Date.parse(freshness.asOf) >= after * 1000;
}

// A refresh asked for by a page or by "Refresh from Auth0" runs in the background (lib/jobs/organization-queue.ts).
const membersRefreshes = organizationQueue("members-refresh", "members", async (access) => {
  const { db } = await store();
  const result = await refreshMembers(db, access, { holder: THIS_INSTANCE });
  if (result.kind === "failed") logger().warn({ problem: result.problem }, "refreshing the members from Auth0 failed");
});

/** Asks the background for a refresh of the organization's members and returns at once; open pages see it under way. */
export async function requestMembersRefresh(access: OrgAccess): Promise<void> {
  const { db } = await store();
  await db
    .insert(memberRefreshes)
    .values({ organizationId: access.orgId, requestedAt: sql`now()` })
    .onConflictDoUpdate({ target: memberRefreshes.organizationId, set: { requestedAt: sql`now()` } });
  await membersRefreshes.request(access);
}

/** Started from instrumentation.ts: this instance does organizations' members refreshes, one at a time. */
export const startMembersRefreshWorkers = membersRefreshes.startWorkers;
