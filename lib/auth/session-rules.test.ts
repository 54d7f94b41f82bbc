import { describe, expect, it } from "vitest";
import { judgeSession } from "./session-rules";

const MINUTE = 60_000;
const limits = { idleMs: 30 * MINUTE, maxMs: 8 * 60 * MINUTE };
const start = new Date("2026-11-27T08:00:00Z");
const at = (minutes: number) => new Date(start.getTime() + minutes * MINUTE);
const record = (fields: { lastSeen?: number; ended?: number } = {}) => ({
  userId: "auth0|alice",
  createdAt: start,
  lastSeenAt: at(fields.lastSeen ?? 0),
  endedAt: fields.ended === undefined ? null : at(fields.ended),
});

describe("judgeSession", () => {
  it("lets a live session through, and moves last_seen on at most once a minute", () => {
    expect(judgeSession(record(), "auth0|alice", at(0.5), limits)).toEqual({ ok: true, touch: false });
    expect(judgeSession(record(), "auth0|alice", at(1), limits)).toEqual({ ok: true, touch: true });
  });

  it("refuses a session that was ended (signed out), even a moment later", () => {
    expect(judgeSession(record({ ended: 1 }), "auth0|alice", at(1.1), limits)).toEqual({ ok: false, why: "ended" });
  });

  it("refuses an unknown session, and one that belongs to someone else", () => {
    expect(judgeSession(undefined, "auth0|alice", at(1), limits)).toEqual({ ok: false, why: "unknown" });
    expect(judgeSession(record(), "auth0|mallory", at(1), limits)).toEqual({ ok: false, why: "unknown" });
  });

  it("refuses a session idle for the idle timeout, not one used just before it", () => {
    expect(judgeSession(record({ lastSeen: 10 }), "auth0|alice", at(39.9), limits)).toMatchObject({ ok: true });
    expect(judgeSession(record({ lastSeen: 10 }), "auth0|alice", at(40), limits)).toEqual({ ok: false, why: "idle" });
  });

  it("refuses a session past its absolute lifetime however busy it was", () => {
    expect(judgeSession(record({ lastSeen: 479 }), "auth0|alice", at(479.9), limits)).toMatchObject({ ok: true });
    expect(judgeSession(record({ lastSeen: 479 }), "auth0|alice", at(480), limits)).toEqual({ ok: false, why: "expired" });
  });
});
