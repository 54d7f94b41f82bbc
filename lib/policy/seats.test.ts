import { describe, expect, it } from "vitest";
import { seatBreakdown, seatsFull, seatsLeft, seatsShort, seatsText, seatsUsed, type SeatCount } from "./seats";

const count = (members: number, pending: number, sending: number, limit: number | undefined, extra: Partial<SeatCount> = {}): SeatCount => ({
  members,
  pending,
  sending,
  limit,
  source: "organization",
  limitValid: true,
  ...extra,
});

describe("seats in use", () => {
  it("are members plus pending invitations plus those being sent", () => {
    expect(seatsUsed(count(38, 3, 0, 50))).toBe(41);
    expect(seatsUsed(count(38, 3, 2, 50))).toBe(43);
  });

  it("leave the rest of the limit, never fewer than none (a limit lowered below the seats in use)", () => {
    expect(seatsLeft(50, count(38, 3, 0, 50))).toBe(9);
    expect(seatsLeft(50, count(47, 3, 0, 50))).toBe(0);
    expect(seatsLeft(40, count(38, 3, 1, 40))).toBe(0);
  });

  it("read as the Policy page shows them, with or without a limit", () => {
    expect(seatsText(count(38, 3, 0, 50))).toBe("41 of 50 used (38 members + 3 pending)");
    expect(seatsText(count(1, 0, 1, 2))).toBe("2 of 2 used (1 member + 0 pending + 1 being sent)");
    expect(seatsText(count(38, 3, 0, undefined))).toBe("41 used (38 members + 3 pending), no limit");
    expect(seatsText(count(38, 3, 0, undefined, { limitValid: false }))).toBe(
      "41 used (38 members + 3 pending); the seat limit in the organization's metadata is not valid",
    );
    expect(seatBreakdown({ members: 0, pending: 1, sending: 0 })).toBe("0 members + 1 pending");
  });
});

describe("a refused seat", () => {
  it("says which rule, whose limit, and what to do", () => {
    expect(seatsFull(50, "organization", { members: 47, pending: 3, sending: 0 })).toEqual({
      code: "seats_full",
      message:
        "No seat left: 50 of 50 seats are used (47 members + 3 pending) under the organization's seat limit. Revoke a pending invitation, or ask an operator for more seats.",
    });
    expect(seatsFull(1, "tenant", { members: 0, pending: 0, sending: 1 }).message).toBe(
      "No seat left: 1 of 1 seat is used (0 members + 0 pending + 1 being sent) under this app's default seat limit. Revoke a pending invitation, or ask an operator for more seats.",
    );
  });

  it("in a bulk list, counts the rows beyond the seats left", () => {
    expect(seatsShort({ ...count(45, 3, 0, 50), limit: 50 }, 3)).toBe(
      "3 rows skipped: only 2 seats left, with 48 of 50 used (45 members + 3 pending) under the organization's seat limit. Revoke a pending invitation, or ask an operator for more seats.",
    );
    expect(seatsShort({ ...count(50, 0, 0, 50), limit: 50 }, 1)).toMatch(/^1 row skipped: no seat left, with 50 of 50 used/);
  });
});
