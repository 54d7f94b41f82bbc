import "server-only";
import type { InvitationField } from "@/lib/auth0/errors";
import type { OrgAccess } from "@/lib/authz/access";
import { Refusal } from "@/lib/authz/refusal";
import { approvalNeed, policyProblem, type ApprovalNeed } from "@/lib/policy/check";
import { delegationPolicy } from "@/lib/policy/policy";
import { checkTarget } from "./options";

// Step 4 of the send pipeline (lib/invitations/send.ts): the rules an operator sets on what may be sent
// into an organization. Each says nothing when the invitation may go, or why not. They run for every way to
// send, and again for each bulk row when it is sent, so a rule changed mid-job holds at once. The
// delegation policies (invitee domains, seats) join this list; approval is asked after them (`approvalNeeded`).

export type PolicyRefusal = { code: string; message: string; field?: InvitationField };
/** What every policy may look at: the target, and the invitee's address and the invitation's expiry. */
export type PolicyInput = { clientId: string; connectionId?: string; email: string; ttlSeconds: number };
type Policy = (access: OrgAccess, invitation: PolicyInput) => Promise<PolicyRefusal | undefined>;

/** The applications an organization's invitees may be invited into, and the connections they may use. */
const applicationAndConnection: Policy = async (access, invitation) => {
  try {
    await checkTarget(access, invitation.clientId, invitation.connectionId);
    return undefined;
  } catch (error) {
    if (!(error instanceof Refusal)) throw error;
    return { code: error.code, message: error.message, field: error.field as InvitationField | undefined };
  }
};

/**
 * The organization's delegation policy (lib/policy): invitee domains (allowed, blocked, free mail) and the
 * longest expiry. Its metadata is read once per request at most (cached with the organization's details).
 */
const delegation: Policy = async (access, invitation) => policyProblem(await delegationPolicy(access), invitation);

const POLICIES: Policy[] = [applicationAndConnection, delegation];

/** The first policy that refuses this invitation, or nothing when all allow it. */
export async function policyRefusal(access: OrgAccess, invitation: PolicyInput): Promise<PolicyRefusal | undefined> {
  for (const policy of POLICIES) {
    const refusal = await policy(access, invitation);
    if (refusal) return refusal;
  }
  return undefined;
}

/**
 * Whether an invitation every policy allows needs a second person's yes (lib/policy/check.ts `approvalNeed`):
 * asked after `policyRefusal`, so a refusal always outranks a request for approval.
 */
export async function approvalNeeded(access: OrgAccess, invitation: { email: string; roleNames: string[] }): Promise<ApprovalNeed | undefined> {
  return approvalNeed(await delegationPolicy(access), invitation);
}
