import "server-only";
import { and, arrayContains, asc, count, eq, inArray, like, sql, type SQL } from "drizzle-orm";
import { memberProfile, type MemberSummary, type OrgAccess } from "@/lib/auth0/organization-data";
import type { MembershipChange, MembershipLogEvent } from "@/lib/auth0/logs";
import { containing } from "@/lib/db/like";
import { memberRefreshes, organizationMembers, type OrganizationMember } from "@/lib/db/schema";
import type { Database } from "@/lib/db/store";
import { pageWindow } from "@/lib/format/paging";

// The store's copy of each organization's members (lib/members/refresh.ts fills it): written by a refresh,
// by the tenant-log reader (each membership event once, in the reader's transaction) and by this app's own
// changes once Auth0 has answered ok; read by the Members page and by seat counts, in SQL.

/** Notes that the organization's copy changed, for open pages to notice (lib/members/refresh.ts `membersFreshness`). */
async function noteCopyChanged(db: Database, access: OrgAccess): Promise<void> {
  await db.update(memberRefreshes).set({ changedAt: sql`now()` }).where(eq(memberRefreshes.organizationId, access.orgId));
}

/** Writes what Auth0 just listed of these members; `seenAt` defaults to now, on the store's clock. */
export async function rememberMembers(db: Database, access: OrgAccess, members: MemberSummary[], seenAt?: Date): Promise<void> {
  // One row per user: a statement may not update a row twice.
  const unique = [...new Map(members.map((member) => [member.userId, member])).values()];
  if (unique.length === 0) return;
  const seen = seenAt ?? sql`now()`;
  await db
    .insert(organizationMembers)
    .values(unique.map((member) => ({ organizationId: access.orgId, ...member, seenAt: seen })))
    .onConflictDoUpdate({
      target: [organizationMembers.organizationId, organizationMembers.userId],
      set: { email: sql`excluded.email`, name: sql`excluded.name`, roleIds: sql`excluded.role_ids`, seenAt: sql`excluded.seen_at` },
    });
}

/** The member's roles are now exactly these (this app changed them, and Auth0 said ok). */
export async function setMemberRoles(db: Database, access: OrgAccess, userId: string, roleIds: string[]): Promise<void> {
  await db
    .update(organizationMembers)
    .set({ roleIds, seenAt: sql`now()` })
    .where(and(eq(organizationMembers.organizationId, access.orgId), eq(organizationMembers.userId, userId)));
  await noteCopyChanged(db, access);
}

/** The users are no longer members (this app removed them, and Auth0 said ok). */
export async function forgetMembers(db: Database, access: OrgAccess, userIds: string[]): Promise<void> {
  if (userIds.length === 0) return;
  await db.delete(organizationMembers).where(and(eq(organizationMembers.organizationId, access.orgId), inArray(organizationMembers.userId, userIds)));
  await noteCopyChanged(db, access);
}

/** A text[] of these values (drizzle would spread a bare array into a list). */
const textArray = (values: string[]) => sql`array[${sql.join(values.map((value) => sql`${value}`), sql`, `)}]::text[]`;

const inOrganization = (organizationId: string, userId: string) =>
  and(eq(organizationMembers.organizationId, organizationId), eq(organizationMembers.userId, userId));

/** Who joined and the address they joined with (`joinersOf`), for `applyMembershipEvent`. */
export type Joiners = Map<string, { email: string; name: string }>;

/** Applies one change to one organization's copy. */
async function applyChange(tx: Database, organizationId: string, change: MembershipChange, joiners: Joiners): Promise<void> {
  switch (change.kind) {
    case "added":
      for (const { userId } of change.members) {
        const profile = joiners.get(userId);
        // Added through the Management API, the address is looked up; one Auth0 no longer has is left to the next refresh.
        if (!profile) continue;
        await tx
          .insert(organizationMembers)
          .values({ organizationId, userId, ...profile, roleIds: change.roleIds, seenAt: sql`now()` })
          .onConflictDoUpdate({
            target: [organizationMembers.organizationId, organizationMembers.userId],
            set: {
              roleIds: sql`array(select distinct unnest(${organizationMembers.roleIds} || excluded.role_ids) order by 1)`,
              seenAt: sql`now()`,
            },
          });
      }
      return;
    case "removed":
      await tx.delete(organizationMembers).where(and(eq(organizationMembers.organizationId, organizationId), inArray(organizationMembers.userId, change.userIds)));
      return;
    case "roles_added":
      await tx
        .update(organizationMembers)
        .set({ roleIds: sql`array(select distinct unnest(${organizationMembers.roleIds} || ${textArray(change.roleIds)}) order by 1)`, seenAt: sql`now()` })
        .where(inOrganization(organizationId, change.userId));
      return;
    case "roles_removed":
      await tx
        .update(organizationMembers)
        .set({ roleIds: sql`array(select r from unnest(${organizationMembers.roleIds}) r where r <> all(${textArray(change.roleIds)}))`, seenAt: sql`now()` })
        .where(inOrganization(organizationId, change.userId));
      return;
  }
}

/**
 * Applies a membership event from the tenant logs to the copies it concerns: an organization's copy once a
 * refresh has begun it (one never filled is filled whole on first use), every organization's for a user
 * deleted. Called by the tenant-log reader inside the transaction that records the event as applied.
 */
export async function applyMembershipEvent(tx: Database, event: MembershipLogEvent, joiners: Joiners): Promise<void> {
  const kept = await tx
    .select({ organizationId: memberRefreshes.organizationId })
    .from(memberRefreshes)
    .where(and(sql`${memberRefreshes.startedAt} is not null`, event.organizationId ? eq(memberRefreshes.organizationId, event.organizationId) : undefined));
  for (const { organizationId } of kept) {
    await applyChange(tx, organizationId, event.change, joiners);
    await tx.update(memberRefreshes).set({ changedAt: sql`now()` }).where(eq(memberRefreshes.organizationId, organizationId));
  }
}

/**
 * Who the events add to organizations whose copy is kept, with their address: as the event gives it (an
 * invitation accepted, a sign-in), else read from Auth0 (a Management API add names the user alone: one call
 * each). Read before the reader's transaction, which then applies the events without calling Auth0.
 */
export async function joinersOf(db: Database, events: MembershipLogEvent[]): Promise<Joiners> {
  const joiners: Joiners = new Map();
  const adds = events.flatMap((event) => (event.change.kind === "added" && event.organizationId ? [{ organizationId: event.organizationId, members: event.change.members }] : []));
  if (adds.length === 0) return joiners;
  const kept = new Set(
    (await db.select({ organizationId: memberRefreshes.organizationId }).from(memberRefreshes).where(sql`${memberRefreshes.startedAt} is not null`)).map(
      (row) => row.organizationId,
    ),
  );
  for (const { organizationId, members } of adds) {
    if (!kept.has(organizationId)) continue;
    for (const { userId, email } of members) {
      if (joiners.has(userId)) continue;
      const profile = email?.includes("@") ? { email, name: "" } : await memberProfile(userId);
      if (profile) joiners.set(userId, profile);
    }
  }
  return joiners;
}

const MEMBERS_PER_PAGE = 25;

export type MembersQuery = { search?: string; roleId?: string; page: number };

function membersWhere(access: OrgAccess, query: Omit<MembersQuery, "page">): SQL | undefined {
  const search = query.search?.toLowerCase();
  return and(
    eq(organizationMembers.organizationId, access.orgId),
    query.roleId ? arrayContains(organizationMembers.roleIds, [query.roleId]) : undefined,
    search ? like(organizationMembers.searchText, containing(search)) : undefined,
  );
}

const byAddress = [asc(sql`lower(${organizationMembers.email})`), asc(organizationMembers.userId)];

/** The rows of one page, by address, each with the number of all rows `where` selects. */
function countedRowsFrom(db: Database, where: SQL | undefined, offset: number) {
  return db
    .select({ member: organizationMembers, total: sql<number>`count(*) over ()`.mapWith(Number) })
    .from(organizationMembers)
    .where(where)
    .orderBy(...byAddress)
    .limit(MEMBERS_PER_PAGE)
    .offset(offset);
}

/**
 * One page of the organization's members matching the query, by address, and how many match. A search or
 * a role filter reads the matching rows once, counting them on the way; the whole list is counted by the
 * primary key and paged by the address index.
 */
export async function membersCopyPage(
  db: Database,
  access: OrgAccess,
  query: MembersQuery,
): Promise<{ rows: OrganizationMember[]; total: number; page: number; pages: number }> {
  const where = membersWhere(access, query);
  if (!query.search && !query.roleId) {
    const total = await copiedMemberCount(db, access);
    const { page, pages, offset } = pageWindow(total, MEMBERS_PER_PAGE, query.page);
    const rows = await db.select().from(organizationMembers).where(where).orderBy(...byAddress).limit(MEMBERS_PER_PAGE).offset(offset);
    return { rows, total, page, pages };
  }
  let window = pageWindow(Number.MAX_SAFE_INTEGER, MEMBERS_PER_PAGE, query.page);
  let found = await countedRowsFrom(db, where, window.offset);
  if (found.length === 0 && window.page > 0) {
    // Past the end: the last page is shown instead.
    const [{ total } = { total: 0 }] = await db.select({ total: count() }).from(organizationMembers).where(where);
    found = await countedRowsFrom(db, where, pageWindow(total, MEMBERS_PER_PAGE, query.page).offset);
  }
  const total = found[0]?.total ?? 0;
  window = pageWindow(total, MEMBERS_PER_PAGE, query.page);
  return { rows: found.map((row) => row.member), total, page: window.page, pages: window.pages };
}

/** How many members the organization's copy holds. */
export async function copiedMemberCount(db: Database, access: OrgAccess): Promise<number> {
  const [{ total } = { total: 0 }] = await db.select({ total: count() }).from(organizationMembers).where(eq(organizationMembers.organizationId, access.orgId));
  return total;
}

/** The organization's members holding this role, as the copy has them (the admins told of a support-made invitation). */
export function membersHoldingRole(db: Database, access: OrgAccess, roleId: string): Promise<Pick<OrganizationMember, "userId" | "email" | "name">[]> {
  return db
    .select({ userId: organizationMembers.userId, email: organizationMembers.email, name: organizationMembers.name })
    .from(organizationMembers)
    .where(and(eq(organizationMembers.organizationId, access.orgId), arrayContains(organizationMembers.roleIds, [roleId])))
    .orderBy(asc(organizationMembers.userId));
}
