import "server-only";
import { and, asc, eq, isNull } from "drizzle-orm";
import { sessionHolds } from "@/lib/auth/sessions";
import { supportEngagements, type SupportEngagement } from "@/lib/db/schema";
import { store } from "@/lib/db/store";

// Support staff acting on behalf of an organization. The reason is asked for once, on entering the
// organization, and holds for it until the agent stops or the sign-in session ends. The gate reads it here
// for every support action; the banner on every page lists what the session is acting for.

export type Engagement = Pick<SupportEngagement, "id" | "organizationId" | "organizationName" | "reason" | "startedAt">;

const open = (sessionId: string) => and(eq(supportEngagements.sessionId, sessionId), isNull(supportEngagements.endedAt));

export async function activeEngagement(sessionId: string, organizationId: string): Promise<Engagement | undefined> {
  const { db } = await store();
  const [row] = await db
    .select()
    .from(supportEngagements)
    .where(and(open(sessionId), eq(supportEngagements.organizationId, organizationId)))
    .limit(1);
  return row;
}

/** What this session acts for, oldest first. */
export async function sessionEngagements(sessionId: string): Promise<Engagement[]> {
  const { db } = await store();
  return db.select().from(supportEngagements).where(open(sessionId)).orderBy(asc(supportEngagements.startedAt));
}

/** Starts acting for the organization with this reason, ending an earlier reason for it. */
export async function startEngagement(
  engagement: Pick<SupportEngagement, "sessionId" | "actorId" | "organizationId" | "organizationName" | "reason">,
): Promise<void> {
  const { db } = await store();
  await db.transaction(async (tx) => {
    await tx
      .update(supportEngagements)
      .set({ endedAt: new Date() })
      .where(and(open(engagement.sessionId), eq(supportEngagements.organizationId, engagement.organizationId)));
    await tx.insert(supportEngagements).values(engagement);
  });
}

/** Stops acting for the organization; true when there was something to stop. */
/** Ends the session's engagement for the organization; returns it (for its reason), or undefined when there was none. */
export async function endEngagement(sessionId: string, organizationId: string): Promise<{ reason: string } | undefined> {
  const { db } = await store();
  const [ended] = await db
    .update(supportEngagements)
    .set({ endedAt: new Date() })
    .where(and(open(sessionId), eq(supportEngagements.organizationId, organizationId)))
    .returning({ reason: supportEngagements.reason });
  return ended;
}

export async function endSessionEngagements(sessionId: string): Promise<void> {
  const { db } = await store();
  await db.update(supportEngagements).set({ endedAt: new Date() }).where(open(sessionId));
}

/**
 * Whether this agent's engagement for the organization still holds: not stopped, and the sign-in session it
 * was given in still live (not signed out, idle or too old). Work made under it (a bulk job) runs while it does.
 */
export async function engagementHolds(id: number, who: { actorId: string; organizationId: string }): Promise<boolean> {
  const { db } = await store();
  const [row] = await db.select().from(supportEngagements).where(eq(supportEngagements.id, id)).limit(1);
  if (!row || row.endedAt || row.actorId !== who.actorId || row.organizationId !== who.organizationId) return false;
  return sessionHolds(db, row.sessionId, who.actorId);
}
