import type { SessionRecord } from "@/lib/db/schema";

// When a sign-in session still holds, decided from its record on the server (not from its cookie, which
// a browser or an attacker keeps as long as it likes). OWASP's session management cheat sheet asks for
// both an idle and an absolute timeout, enforced on the server:
// https://cheatsheetseries.owasp.org/cheatsheets/Session_Management_Cheat_Sheet.html#session-expiration

export type SessionLimits = { idleMs: number; maxMs: number };

/** last_seen is written at most this often per session, to keep the store's writes low. */
export const TOUCH_INTERVAL_MS = 60_000;

export type SessionVerdict =
  | { ok: true; touch: boolean }
  | { ok: false; why: "unknown" | "ended" | "idle" | "expired" };

export function judgeSession(
  record: Pick<SessionRecord, "userId" | "createdAt" | "lastSeenAt" | "endedAt"> | undefined,
  userId: string,
  now: Date,
  { idleMs, maxMs }: SessionLimits,
): SessionVerdict {
  // A cookie naming someone else's session is as good as none.
  if (!record || record.userId !== userId) return { ok: false, why: "unknown" };
  if (record.endedAt) return { ok: false, why: "ended" };
  if (now.getTime() - record.createdAt.getTime() >= maxMs) return { ok: false, why: "expired" };
  const idle = now.getTime() - record.lastSeenAt.getTime();
  if (idle >= idleMs) return { ok: false, why: "idle" };
  return { ok: true, touch: idle >= TOUCH_INTERVAL_MS };
}
