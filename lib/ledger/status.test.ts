import { describe, expect, it } from "vitest";
import { mayBeReinvited, nextStatus, type InvitationStatus, type StatusEvidence } from "./status";

const ann = { id: "auth0|ann", name: "Ann" };
const accepted: StatusEvidence = { kind: "accepted", by: ann };
const consumed: StatusEvidence = { kind: "consumed", by: ann };
const revoked: StatusEvidence = { kind: "revoked", by: ann };
const replaced: StatusEvidence = { kind: "replaced", successorId: "uinv_next" };
const missing = (expired: boolean, member: boolean, logsRead: boolean): StatusEvidence => ({ kind: "missing", expired, member, logsRead });

type Row = [from: InvitationStatus, inferred: boolean, evidence: StatusEvidence, to: string | null];

// `to` is "status" or "status (inferred)", or null for no change.
const table: Row[] = [
  ["pending", false, accepted, "accepted"],
  ["pending", false, consumed, "consumed"],
  ["pending", false, revoked, "revoked"],
  ["pending", false, replaced, "replaced"],
  ["pending", false, { kind: "listed", expired: false }, null],
  ["pending", false, { kind: "listed", expired: true }, "expired"],
  ["pending", false, missing(true, false, true), "expired"],
  ["pending", false, missing(true, true, false), "expired"],
  ["pending", false, missing(false, false, true), "removed"],
  ["pending", false, missing(false, true, true), "removed"],
  ["pending", false, missing(false, true, false), "accepted (inferred)"],
  ["pending", false, missing(false, false, false), "removed (inferred)"],
  // The logs correct what was only inferred, or what time alone decided.
  ["removed", true, accepted, "accepted"],
  ["accepted", true, consumed, "consumed"],
  ["expired", false, accepted, "accepted"],
  ["removed", false, consumed, "consumed"],
  // Settled statuses stay.
  ["accepted", false, consumed, null],
  ["consumed", false, accepted, null],
  ["revoked", false, accepted, null],
  ["replaced", false, revoked, null],
  // Re-inviting an expired, consumed or revoked one links the new one but keeps how the old one ended.
  ["expired", false, replaced, null],
  ["revoked", false, replaced, null],
  ["consumed", false, replaced, null],
  ["accepted", false, missing(false, false, false), null],
  ["revoked", false, { kind: "listed", expired: true }, null],
  ["expired", false, missing(true, false, true), null],
  // A request for approval: decided once, by a person or by time; what Auth0 says of invitations never moves it.
  ["awaiting_approval", false, { kind: "approved", by: ann }, "approved"],
  ["awaiting_approval", false, { kind: "denied", by: ann }, "denied"],
  ["awaiting_approval", false, { kind: "request_overdue" }, "request_expired"],
  ["approved", false, { kind: "approved", by: ann }, null],
  ["approved", false, { kind: "denied", by: ann }, null],
  ["denied", false, { kind: "approved", by: ann }, null],
  ["request_expired", false, { kind: "approved", by: ann }, null],
  ["approved", false, { kind: "request_overdue" }, null],
  ["approved", false, { kind: "approval_unsent" }, "awaiting_approval"],
  ["denied", false, { kind: "approval_unsent" }, null],
  ["approved", false, replaced, null],
  ["awaiting_approval", false, { kind: "listed", expired: true }, null],
  ["awaiting_approval", false, missing(false, true, false), null],
  ["awaiting_approval", false, revoked, null],
  // And a decision never applies to an invitation.
  ["pending", false, { kind: "approved", by: ann }, null],
  ["pending", false, { kind: "request_overdue" }, null],
];

describe("invitation status rules", () => {
  it.each(table)("%s (inferred %s) + %o → %s", (from, inferred, evidence, to) => {
    const change = nextStatus({ status: from, inferred }, evidence);
    expect(change ? `${change.status}${change.inferred ? " (inferred)" : ""}` : null).toBe(to);
  });

  it("names who accepted, revoked or used it up, and the successor of a replaced one", () => {
    expect(nextStatus({ status: "pending", inferred: false }, accepted)?.by).toEqual(ann);
    expect(nextStatus({ status: "pending", inferred: false }, replaced)?.successorId).toBe("uinv_next");
  });
});

describe("which invitations may be sent again", () => {
  it.each([
    ["expired", null, true],
    ["consumed", null, true],
    ["revoked", null, true],
    ["removed", null, true],
    ["expired", "uinv_next", false],
    ["pending", null, false],
    ["accepted", null, false],
    ["replaced", "uinv_next", false],
    ["request_expired", null, false],
    ["denied", null, false],
  ] as const)("%s with successor %s → %s", (status, successorId, expected) => {
    expect(mayBeReinvited({ status, successorId })).toBe(expected);
  });
});
