import "server-only";
import { eq, inArray, or, sql, type SQL } from "drizzle-orm";
import { organizationsOfUser, supportDeskOrganizationById, supportDeskOrganizationByName, userIdsByEmail, type OrganizationSummary } from "@/lib/auth0/directory";
import { containing, startingWith } from "@/lib/db/like";
import { organizationDirectory } from "@/lib/db/schema";
import type { Database } from "@/lib/db/store";
import { organizationsInvitedAt } from "@/lib/ledger/ledger";
import { logger } from "@/lib/log/logger";
import { requestDirectoryRefresh } from "./background";
import { classifyQuery, type FinderQuery } from "./query";
import { refreshState } from "./refresh";
import { directoryPage, rememberOrganizations, type DirectoryPage } from "./rows";

// Support's organization finder. Auth0 cannot search organizations by substring, so names, display names
// and email domains are searched in the store's directory; what Auth0 can answer exactly (an id, a name, a
// user's email) is asked live, so an organization created since the last refresh is still found. A query
// costs at most one Management API call, except an email address (one, then one per account with it). It
// never fills the directory itself: a search of one never filled asks the background to (see askToFill).

export type FinderResult = DirectoryPage & {
  kind: FinderQuery["kind"];
  /** The directory was never filled: the search saw only what exact look-ups put in it (a fill is asked for, unless the last failed). */
  filling?: boolean;
  /** Ids starting with this (any case) were looked for too. */
  idPrefix?: string;
};

/** Case-insensitive: both sides lowered by the store (LIKE on lower() measured twice as fast as ILIKE on the embedded store). */
function nameOrDisplayNameContains(text: string): SQL {
  const pattern = sql`lower(${containing(text)})`;
  return or(sql`lower(${organizationDirectory.name}) like ${pattern}`, sql`lower(${organizationDirectory.displayName}) like ${pattern}`)!;
}

/**
 * A directory never filled (the background schedule is off, or has not run yet) is filled in the
 * background, asked for here without waiting: a search must not page through the tenant's organizations
 * (101 calls for 10,000). Not asked again after a failure: its problem is shown instead. True while filling.
 */
async function askToFill(db: Database): Promise<boolean> {
  const state = await refreshState(db);
  if (state?.completedAt) return false;
  // A queue that cannot take the request leaves the search as it is: the next one asks again.
  if (!state?.problem) await requestDirectoryRefresh().catch((error) => logger().error({ err: error }, "asking for the directory's fill failed"));
  return true;
}

/** Organizations whose id starts with `prefix`, any case, its own %, _ and \ taken literally. */
function idStartsWith(prefix: string): SQL {
  return sql`lower(${organizationDirectory.id}) like lower(${startingWith(prefix)})`;
}

/** Which directory rows answer a query, and whether the directory alone answered it (so may lack what it does not hold yet). */
type Lookup = { where: SQL | undefined; fromDirectory: boolean; idPrefix?: string } | "nothing";

/** Asks Auth0 what it can answer exactly, keeps what it found, and says which directory rows answer the query. */
async function lookUp(db: Database, query: FinderQuery): Promise<Lookup> {
  const keep = async (found: OrganizationSummary[]): Promise<Lookup> => {
    await rememberOrganizations(db, found);
    return found.length > 0 ? { where: inArray(organizationDirectory.id, found.map((org) => org.id)), fromDirectory: false } : "nothing";
  };
  switch (query.kind) {
    case "id": {
      const found = await supportDeskOrganizationById(query.id);
      if (found) return keep([found]);
      // Gone from Auth0: the directory forgets it now rather than at the next refresh.
      await db.delete(organizationDirectory).where(eq(organizationDirectory.id, query.id));
      // Not an id Auth0 has, but maybe the start of some ("org_Globex0000"): only the directory can say.
      return query.idPrefix ? { where: idStartsWith(query.idPrefix), fromDirectory: true, idPrefix: query.idPrefix } : "nothing";
    }
    case "email": {
      const orgs: OrganizationSummary[] = [];
      for (const userId of await userIdsByEmail(query.email)) orgs.push(...(await organizationsOfUser(userId)));
      return keep(orgs);
    }
    case "domain":
      return { where: or(inArray(organizationDirectory.id, organizationsInvitedAt(db, query.domain)), nameOrDisplayNameContains(query.label)), fromDirectory: true };
    case "text": {
      if (query.exactName && !(await hasName(db, query.exactName))) {
        const found = await supportDeskOrganizationByName(query.exactName);
        if (found) await rememberOrganizations(db, [found]);
      }
      if (!query.text) return { where: undefined, fromDirectory: true };
      const named = nameOrDisplayNameContains(query.text);
      if (!query.idPrefix) return { where: named, fromDirectory: true };
      return { where: or(named, idStartsWith(query.idPrefix)), fromDirectory: true, idPrefix: query.idPrefix };
    }
  }
}

async function hasName(db: Database, name: string): Promise<boolean> {
  const rows = await db.select({ id: organizationDirectory.id }).from(organizationDirectory).where(eq(organizationDirectory.name, name)).limit(1);
  return rows.length > 0;
}

/**
 * Finds organizations for support staff: by id, by a member's email address, by an email domain (where
 * invitations went, and names like it), by any part of a name or display name (case-insensitive; an empty
 * query lists all), or by the start of an id, `org_` or not, from ID_PREFIX_MIN characters after it (any
 * case). Results are ordered by display name, then id; `page` is 0-based, and one past the end is the last page.
 */
export async function findOrganizations(
  db: Database,
  input: string,
  { page = 0, pageSize = 25 }: { page?: number; pageSize?: number } = {},
): Promise<FinderResult> {
  const query = classifyQuery(input);
  const found = await lookUp(db, query);
  if (found === "nothing") return { kind: query.kind, organizations: [], total: 0, page: 0, pageSize };
  // What the directory alone answers (substrings, domains, the start of an id) may lack what it does not hold yet.
  const filling = found.fromDirectory && (await askToFill(db));
  const idPrefix = found.idPrefix;
  return { kind: query.kind, ...(await directoryPage(db, found.where, page, pageSize)), ...(filling && { filling }), ...(idPrefix && { idPrefix }) };
}
