import "server-only";
import { and, eq, isNull, lt } from "drizzle-orm";
import { sessions } from "@/lib/db/schema";
import type { Database } from "@/lib/db/store";
import { env } from "@/lib/env";
import { judgeSession, TOUCH_INTERVAL_MS, type SessionLimits, type SessionVerdict } from "./session-rules";

// The server's record of sign-in sessions (rules: ./session-rules.ts).

export function sessionLimits(): SessionLimits {
  const { SESSION_IDLE_MINUTES, SESSION_MAX_HOURS } = env();
  return { idleMs: SESSION_IDLE_MINUTES * 60_000, maxMs: SESSION_MAX_HOURS * 3_600_000 };
}

export async function startSession(db: Database, session: { id: string; userId: string }, now = new Date()): Promise<void> {
  await db.insert(sessions).values({ ...session, createdAt: now, lastSeenAt: now });
}

export async function endSession(db: Database, id: string, now = new Date()): Promise<void> {
  await db.update(sessions).set({ endedAt: now }).where(and(eq(sessions.id, id), isNull(sessions.endedAt)));
}

/**
 * Whether the session still holds for this user. A session found idle or too old is ended for good; a live
 * one has its last_seen moved on when it is older than a minute (one write per session per minute at most,
 * even when several requests race: the update only applies to a stale last_seen).
 */
export async function checkSession(db: Database, id: string, userId: string, limits: SessionLimits, now = new Date()): Promise<SessionVerdict> {
  const [record] = await db.select().from(sessions).where(eq(sessions.id, id)).limit(1);
  const verdict = judgeSession(record, userId, now, limits);
  if (!verdict.ok && (verdict.why === "idle" || verdict.why === "expired")) await endSession(db, id, now);
  if (verdict.ok && verdict.touch) {
    await db
      .update(sessions)
      .set({ lastSeenAt: now })
      .where(and(eq(sessions.id, id), lt(sessions.lastSeenAt, new Date(now.getTime() - TOUCH_INTERVAL_MS))));
  }
  return verdict;
}

/**
 * Whether the session still holds for this user, by the same rules, only read: nothing is touched or ended.
 * For work done on a session's behalf after its requests (a support agent's bulk job): it must not keep the
 * session alive, and a session left idle has ended even if no request came to find it so.
 */
export async function sessionHolds(db: Database, id: string, userId: string, now = new Date()): Promise<boolean> {
  const [record] = await db.select().from(sessions).where(eq(sessions.id, id)).limit(1);
  return judgeSession(record, userId, now, sessionLimits()).ok;
}
