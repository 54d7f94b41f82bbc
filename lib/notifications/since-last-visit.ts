import "server-only";
import type { InviterNotice } from "@/lib/db/schema";
import { store } from "@/lib/db/store";
import { noticesSince } from "./notices";
import { withinScope, type OrganizationScope } from "./scope";
import { lastVisit, visitBoundary } from "./visits";

/** What the home page's "Since your last visit" shows this person: their notices since their previous visit, from organizations where they may still invite. */
export async function sinceLastVisit(userId: string, organizations: OrganizationScope, now = new Date()): Promise<{ since: Date | null; notices: InviterNotice[] }> {
  const { db } = await store();
  const since = visitBoundary(await lastVisit(db, userId), now);
  return { since, notices: withinScope(await noticesSince(db, userId, since, now), organizations) };
}
