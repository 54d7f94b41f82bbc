import { describe, expect, it } from "vitest";
import { INVITATION_STATUSES, type InvitationStatus } from "@/lib/ledger/status";
import { landingState } from "./landing-state";

const now = new Date("2026-12-05T12:00:00Z");
const later = new Date("2026-12-08T12:00:00Z");
const earlier = new Date("2026-12-01T12:00:00Z");
const invitation = (status: InvitationStatus, expiresAt = later) => ({ status, expiresAt, inviterName: "Alice Admin" });

describe("landingState", () => {
  it("is open only for a pending invitation that has not expired", () => {
    expect(landingState(invitation("pending"), now)).toEqual({ open: true });
    expect(landingState(invitation("pending", earlier), now)).toEqual({
      open: false,
      heading: "This invitation has expired",
      message: "Ask Alice Admin to send you a new one.",
    });
    expect(landingState(invitation("pending", now), now)).toMatchObject({ open: false, heading: "This invitation has expired" });
  });

  it.each([
    ["expired", "This invitation has expired"],
    ["accepted", "This invitation has already been accepted"],
    ["revoked", "This invitation was revoked"],
    ["replaced", "This invitation was replaced by a newer one"],
    ["consumed", "This invitation was used up by another account"],
    ["removed", "This invitation was withdrawn"],
    ["awaiting_approval", "This invitation is awaiting approval"],
    ["approved", "This invitation was approved and sent again"],
    ["denied", "This invitation was not approved"],
    ["request_expired", "This invitation was never approved and has expired"],
  ] as const)("%s: says so plainly and whom to ask", (status, heading) => {
    const state = landingState(invitation(status), now);
    expect(state).toEqual({ open: false, heading, message: expect.stringContaining("Alice Admin") });
  });

  it("has a plain answer for every status the ledger knows, none of them open but pending", () => {
    for (const status of Object.keys(INVITATION_STATUSES) as InvitationStatus[]) {
      const state = landingState(invitation(status), now);
      if (status === "pending") continue;
      expect(state.open, status).toBe(false);
      expect(state.open || state.heading, status).not.toBe("This invitation cannot be used");
    }
  });
});
