import { describe, expect, it } from "vitest";
import { expiryText, relativeTime } from "./relative-time";

const now = Date.parse("2026-11-26T12:00:00.000Z");

describe("relativeTime", () => {
  it.each([
    ["2026-12-03T12:00:00.000Z", "in 7 days"],
    ["2026-11-26T15:00:00.000Z", "in 3 hours"],
    ["2026-11-26T11:58:00.000Z", "2 minutes ago"],
    ["2026-11-25T12:00:00.000Z", "yesterday"],
    ["2026-11-26T12:00:10.000Z", "in under a minute"],
    ["2026-11-26T11:59:50.000Z", "just now"],
  ])("%s is %s", (iso, text) => {
    expect(relativeTime(iso, now)).toBe(text);
  });
});

describe("expiryText", () => {
  it("says plainly when a pending invitation expires, or is overdue", () => {
    expect(expiryText("pending", "2026-11-24T12:00:00.000Z", now)).toEqual({ overdue: true, text: "Expired 2 days ago" });
    expect(expiryText("pending", "2026-11-27T12:00:00.000Z", now)).toEqual({ overdue: false, text: "Expires tomorrow" });
    expect(expiryText("pending", "2026-11-26T11:59:59.000Z", now)).toEqual({ overdue: true, text: "Expired just now" });
  });

  it("says an expired invitation expired, even when this clock has not reached its expiry", () => {
    expect(expiryText("expired", "2026-11-24T12:00:00.000Z", now)).toEqual({ overdue: false, text: "Expired 2 days ago" });
    expect(expiryText("expired", "2026-11-27T12:00:00.000Z", now)).toEqual({ overdue: false, text: "Expired" });
  });

  it.each(["accepted", "revoked", "replaced", "consumed", "removed"])("gives a %s invitation no expiry", (status) => {
    expect(expiryText(status, "2026-12-03T12:00:00.000Z", now)).toBeNull();
  });
});
