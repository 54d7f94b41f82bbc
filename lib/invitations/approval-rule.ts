import type { Actor } from "@/lib/authz/policy";

// Who may answer a request for approval, as one pure rule for the server actions (./approvals.ts) and for
// the list's buttons (./list.ts). Approvers are the organization's top role (Org Admin unless ROLE_RANKING
// says otherwise) and support acting for it, whose ceiling covers every role the request grants; nobody
// answers their own request.

export type DecisionCase = {
  decider: { userId: string; email: string; actor: Actor };
  request: { requesterId: string | null; requesterEmail: string | null; status: string; expiresAt: Date; roleIds: readonly string[] };
  /** The decider's role ceiling (lib/authz/gate.ts `roleCeiling`). */
  ceiling: { covers: (roleIds: readonly string[]) => boolean; reason: string };
  /** The role that approves: the top of the ranking. */
  approverRole: string;
  now?: Date;
};

export type DecisionRefusal = { code: string; message: string };

const ANSWERED: Record<string, string> = {
  approved: "This request was already approved.",
  denied: "This request was already denied.",
  request_expired: "This request expired unanswered: ask the requester to invite the address again.",
};

/** Why this person may not approve or deny this request, or nothing when they may. */
export function decisionRefusal({ decider, request, ceiling, approverRole, now = new Date() }: DecisionCase): DecisionRefusal | undefined {
  if (request.status !== "awaiting_approval") {
    return { code: "already_decided", message: ANSWERED[request.status] ?? "This is not a request awaiting approval." };
  }
  if (request.expiresAt <= now) return { code: "already_decided", message: ANSWERED.request_expired! };
  // Checked on the server for every decision: a second person's yes means another person's. The address
  // counts too: one person may hold two Auth0 accounts (a social and a database login) under one address.
  const sameAddress = !!request.requesterEmail && request.requesterEmail.toLowerCase() === decider.email.toLowerCase();
  if (request.requesterId === decider.userId || sameAddress) {
    return { code: "own_request", message: `You asked for this invitation, so someone else must answer it: ask another ${approverRole}, or support.` };
  }
  const approver = decider.actor.kind === "support" || decider.actor.roleNames.includes(approverRole);
  if (!approver) {
    return { code: "not_approver", message: `Only the organization's ${approverRole}s, and support acting for it, may approve or deny requests.` };
  }
  if (!ceiling.covers(request.roleIds)) {
    return { code: "role_not_assignable", message: `This request grants a role ${ceiling.reason}, so you may not answer it.` };
  }
  return undefined;
}
