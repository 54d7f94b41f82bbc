import { changer, plural, whose, type PolicyProblem } from "./check";
import type { PolicySource } from "./format";

// The seat limit's arithmetic and words: members plus pending invitations (plus invitations being sent right
// now, which hold a seat until they are settled) may not exceed the limit. Pure, for the send pipeline's seat
// step (lib/invitations/seats.ts), the bulk preview and the Policy page alike.

/** Who holds the organization's seats now. */
export type SeatUse = {
  members: number;
  /** Pending invitations that have not expired (the ledger's). */
  pending: number;
  /** Invitations being sent at this moment: a seat reserved for each until it is settled. */
  sending: number;
};

/**
 * The seats in use, with the limit in effect (undefined: no limit, or one that is not valid) and where it
 * comes from.
 */
export type SeatCount = SeatUse & { limit: number | undefined; source: PolicySource; limitValid: boolean };

export const seatsUsed = (use: SeatUse) => use.members + use.pending + use.sending;

export const seatsLeft = (limit: number, use: SeatUse) => Math.max(0, limit - seatsUsed(use));

/** "38 members + 3 pending", with "+ 1 being sent" while an invitation is on its way. */
export function seatBreakdown(use: SeatUse): string {
  const parts = [plural(use.members, "member"), `${use.pending} pending`];
  if (use.sending > 0) parts.push(`${use.sending} being sent`);
  return parts.join(" + ");
}

/** "41 of 50 used (38 members + 3 pending)", or "41 used (…), no limit". */
export function seatsText(count: SeatCount): string {
  const used = seatsUsed(count);
  if (!count.limitValid) return `${used} used (${seatBreakdown(count)}); the seat limit in the organization's metadata is not valid`;
  return count.limit === undefined ? `${used} used (${seatBreakdown(count)}), no limit` : `${used} of ${count.limit} used (${seatBreakdown(count)})`;
}

const whatToDo = (source: PolicySource) => `Revoke a pending invitation, or ask ${changer(source)} for more seats.`;

/** Why a new invitation gets no seat: every seat of the limit is used. */
export function seatsFull(limit: number, source: PolicySource, use: SeatUse): PolicyProblem {
  return {
    code: "seats_full",
    message: `No seat left: ${seatsUsed(use)} of ${plural(limit, "seat")} ${limit === 1 ? "is" : "are"} used (${seatBreakdown(use)}) under ${whose(source)} seat limit. ${whatToDo(source)}`,
  };
}

/** Why a bulk row beyond the seats left is skipped, with how many are. */
export function seatsShort(count: SeatCount & { limit: number }, skipped: number): string {
  const left = seatsLeft(count.limit, count);
  const seats = left === 0 ? "no seat" : `only ${plural(left, "seat")}`;
  return `${plural(skipped, "row")} skipped: ${seats} left, with ${seatsText(count)} under ${whose(count.source)} seat limit. ${whatToDo(count.source)}`;
}
