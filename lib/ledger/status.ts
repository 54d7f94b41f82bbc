// What became of an invitation. Auth0 keeps no status: it deletes an invitation when it is accepted, used
// up by a failed acceptance, revoked or purged after expiry, so the ledger decides from what it learns.
// https://auth0.com/docs/manage-users/organizations/configure-organizations/invite-members

export const INVITATION_STATUSES = {
  pending: "Pending",
  accepted: "Accepted",
  expired: "Expired",
  revoked: "Revoked",
  replaced: "Replaced",
  consumed: "Consumed",
  removed: "Removed elsewhere",
  // A request for approval (lib/ledger/approvals.ts): an invitation the delegation policy lets through only
  // with a second person's yes. Auth0 knows nothing of it until it is approved.
  awaiting_approval: "Awaiting approval",
  approved: "Approved",
  denied: "Denied",
  request_expired: "Request expired",
} as const;
export type InvitationStatus = keyof typeof INVITATION_STATUSES;

/** What the ledger learned about one invitation. */
export type StatusEvidence =
  /** Auth0's tenant log `si`: the invitee accepted. */
  | { kind: "accepted"; by: { id: string; name: string } }
  /** Auth0's tenant log `fi`: an acceptance failed (e.g. the wrong account) and used the invitation up. */
  | { kind: "consumed"; by: { id: string; name: string } }
  /** Revoked through this app. */
  | { kind: "revoked"; by: { id: string; name: string } }
  /** Replaced through this app while pending (resend, replace). */
  | { kind: "replaced"; successorId: string }
  /** Still in Auth0's list of the organization's invitations. */
  | { kind: "listed"; expired: boolean }
  /**
   * Gone from Auth0's list. `logsRead` says whether every tenant log up to now has been applied; when not
   * (no read:logs, or a gap), what happened is inferred from membership and expiry.
   */
  | { kind: "missing"; expired: boolean; member: boolean; logsRead: boolean }
  /** An approver said yes (the request is claimed for sending) or no. */
  | { kind: "approved" | "denied"; by: { id: string; name: string } }
  /** The approved request could not be sent (a policy or Auth0 said no): it awaits an answer again. */
  | { kind: "approval_unsent" }
  /** Nobody answered the request in time (APPROVAL_EXPIRES_DAYS). */
  | { kind: "request_overdue" };

export type StatusChange = {
  status: InvitationStatus;
  inferred: boolean;
  by?: { id: string; name: string };
  successorId?: string;
};

/** Settled by something the app did or Auth0's logs said: nothing later overrides it. */
const CERTAIN: ReadonlySet<InvitationStatus> = new Set(["accepted", "consumed", "revoked", "replaced"]);

/** A request's statuses: only a decision or its expiry moves them, never what Auth0 says of invitations. */
const REQUEST_STATUSES: ReadonlySet<InvitationStatus> = new Set(["awaiting_approval", "approved", "denied", "request_expired"]);

/** The next status of a request for approval, or null when it does not change. */
function nextRequestStatus(current: InvitationStatus, evidence: StatusEvidence): StatusChange | null {
  switch (evidence.kind) {
    case "approved":
    case "denied":
      return current === "awaiting_approval" ? { status: evidence.kind, inferred: false, by: evidence.by } : null;
    case "approval_unsent":
      return current === "approved" ? { status: "awaiting_approval", inferred: false } : null;
    case "request_overdue":
      return current === "awaiting_approval" ? { status: "request_expired", inferred: false } : null;
    default:
      return null;
  }
}

/** The next status of an invitation given new evidence, or null when it does not change. */
export function nextStatus(current: { status: InvitationStatus; inferred: boolean }, evidence: StatusEvidence): StatusChange | null {
  if (REQUEST_STATUSES.has(current.status)) return nextRequestStatus(current.status, evidence);
  const settled = CERTAIN.has(current.status) && !current.inferred;
  switch (evidence.kind) {
    case "accepted":
    case "consumed":
      // The logs are the truth: they also correct an expiry or removal that was only inferred.
      if (settled) return null;
      return { status: evidence.kind, inferred: false, by: evidence.by };
    case "revoked":
      if (settled) return null;
      return { status: "revoked", inferred: false, by: evidence.by };
    case "replaced":
      // Only a pending invitation is replaced; a renewed expired or revoked one keeps how it ended.
      if (current.status !== "pending") return null;
      return { status: "replaced", inferred: false, successorId: evidence.successorId };
    case "listed":
      if (current.status === "pending" && evidence.expired) return { status: "expired", inferred: false };
      return null;
    case "missing":
      if (current.status !== "pending") return null;
      if (evidence.expired) return { status: "expired", inferred: false };
      if (evidence.logsRead) return { status: "removed", inferred: false };
      return evidence.member ? { status: "accepted", inferred: true } : { status: "removed", inferred: true };
    default:
      // A decision about a request never applies to an invitation.
      return null;
  }
}

/** Ended without being used, so a fresh invitation may take its place (once: a renewed one has a successor). */
const REINVITABLE: ReadonlySet<InvitationStatus> = new Set(["expired", "consumed", "revoked", "removed"]);

/** The one rule for whether an invitation may be sent again (re-invite, renew-all). */
export function mayBeReinvited(entry: { status: string; successorId: string | null }): boolean {
  return REINVITABLE.has(entry.status as InvitationStatus) && !entry.successorId;
}
