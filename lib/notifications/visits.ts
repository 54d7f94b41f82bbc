import "server-only";
import { eq } from "drizzle-orm";
import { personVisits } from "@/lib/db/schema";
import { store, type Database } from "@/lib/db/store";

// "Since your last visit" on the home page. A visit is a run of home page views less than VISIT_GAP_MS apart;
// the list shows what happened since the previous visit ended (its last view), so reloading the page, or coming
// back to it within the visit, keeps the list instead of emptying it mid-read. The page reads the boundary and
// a server action notes the view; both compute it with `visitBoundary`, so it does not matter which runs first.

export const VISIT_GAP_MS = 30 * 60_000;

export type VisitRow = { seenUntil: Date | null; lastActiveAt: Date };

/** Where this visit's "since" starts: null before a second visit (everything recent is news). */
export function visitBoundary(row: VisitRow | undefined, now: Date): Date | null {
  if (!row) return null;
  return now.getTime() - row.lastActiveAt.getTime() >= VISIT_GAP_MS ? row.lastActiveAt : row.seenUntil;
}

export async function lastVisit(db: Database, userId: string): Promise<VisitRow | undefined> {
  const [row] = await db.select({ seenUntil: personVisits.seenUntil, lastActiveAt: personVisits.lastActiveAt }).from(personVisits).where(eq(personVisits.userId, userId));
  return row;
}

/** Notes a home page view: a view after a gap starts a new visit, whose "since" is the previous visit's last view. */
export async function noteVisit(db: Database, userId: string, now = new Date()): Promise<void> {
  await db.transaction(async (tx) => {
    const [row] = await tx.select().from(personVisits).where(eq(personVisits.userId, userId)).for("update");
    const seenUntil = visitBoundary(row, now);
    await tx.insert(personVisits).values({ userId, seenUntil, lastActiveAt: now }).onConflictDoUpdate({ target: personVisits.userId, set: { seenUntil, lastActiveAt: now } });
  });
}

/** Notes the session's user's home page view (the home page's action). */
export async function noteHomeVisit(userId: string): Promise<void> {
  await noteVisit((await store()).db, userId);
}
