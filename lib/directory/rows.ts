import "server-only";
import { asc, count, eq, sql, type SQL } from "drizzle-orm";
import type { OrganizationSummary } from "@/lib/auth0/directory";
import { organizationDirectory } from "@/lib/db/schema";
import type { Database } from "@/lib/db/store";
import { pageWindow } from "@/lib/format/paging";

// The store's copy of the tenant's organizations: written by the refresh and by the finder's live
// look-ups, read by the finder.

/** Writes what Auth0 just showed of these organizations; `seenAt` defaults to now, on the store's clock. */
export async function rememberOrganizations(db: Database, organizations: OrganizationSummary[], seenAt?: Date): Promise<void> {
  // One row per id: a statement may not update a row twice (a user's two accounts can share an organization).
  const unique = [...new Map(organizations.map((org) => [org.id, org])).values()];
  if (unique.length === 0) return;
  const seen = seenAt ?? sql`now()`;
  await db
    .insert(organizationDirectory)
    .values(unique.map((org) => ({ id: org.id, name: org.name, displayName: org.displayName, seenAt: seen })))
    .onConflictDoUpdate({
      target: organizationDirectory.id,
      set: { name: sql`excluded.name`, displayName: sql`excluded.display_name`, seenAt: sql`excluded.seen_at` },
    });
}

export type DirectoryPage = { organizations: OrganizationSummary[]; total: number; page: number; pageSize: number };

/** Rows from `offset` on, each with the number of all matching rows: one pass over the table, not two. */
function rowsFrom(db: Database, where: SQL | undefined, pageSize: number, offset: number) {
  return db
    .select({
      id: organizationDirectory.id,
      name: organizationDirectory.name,
      displayName: organizationDirectory.displayName,
      total: sql<number>`count(*) over ()`.mapWith(Number),
    })
    .from(organizationDirectory)
    .where(where)
    .orderBy(asc(organizationDirectory.displayName), asc(organizationDirectory.id))
    .limit(pageSize)
    .offset(offset);
}

/** One page of the organizations `where` selects, by display name then id, with their total. */
export async function directoryPage(db: Database, where: SQL | undefined, page: number, pageSize: number): Promise<DirectoryPage> {
  let window = pageWindow(Number.MAX_SAFE_INTEGER, pageSize, page);
  let rows = await rowsFrom(db, where, pageSize, window.offset);
  if (rows.length === 0 && window.page > 0) {
    // Past the end: the last page is shown instead.
    const [{ total } = { total: 0 }] = await db.select({ total: count() }).from(organizationDirectory).where(where);
    window = pageWindow(total, pageSize, page);
    rows = await rowsFrom(db, where, pageSize, window.offset);
  }
  const total = rows[0]?.total ?? 0;
  return { organizations: rows.map(({ total: _, ...org }) => org), total, page: window.page, pageSize };
}

/** The copy's row for one organization id, or undefined when the copy has none. */
export async function directoryOrganization(db: Database, id: string): Promise<OrganizationSummary | undefined> {
  const [row] = await db
    .select({ id: organizationDirectory.id, name: organizationDirectory.name, displayName: organizationDirectory.displayName })
    .from(organizationDirectory)
    .where(eq(organizationDirectory.id, id))
    .limit(1);
  return row;
}
