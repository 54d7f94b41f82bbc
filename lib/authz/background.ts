import "server-only";
import { grantOrgAccess, type OrgAccess } from "./access";

/**
 * The grant of background reconciliation with Auth0 (the ledger's refresh, the copy of an organization's
 * members), which acts for no user, writes only what Auth0 and its tenant logs say about the organization,
 * and shows nothing to anyone.
 */
export function reconcilerAccess(orgId: string): OrgAccess {
  return grantOrgAccess(orgId);
}

/**
 * The grant of the policy's reminder sweep (lib/reminders), which reads an organization's policy and ledger
 * to find the steps due. It sends nothing on this grant: each send runs on the original inviter's authority,
 * read again live (`reauthorizeJob`).
 */
export function reminderSweepAccess(orgId: string): OrgAccess {
  return grantOrgAccess(orgId);
}

/**
 * The grant of an invitation email the app sends itself (lib/email): it reads the organization's name and
 * branding for the email, and nothing more. The invitation was sent through the gate before it was queued.
 */
export function mailerAccess(orgId: string): OrgAccess {
  return grantOrgAccess(orgId);
}

/**
 * The grant of telling people what became of invitations (lib/notifications): it reads the organization's name
 * and, for a support-made invitation, who its admins are, to tell them; it acts for no user and changes nothing.
 */
export function notifierAccess(orgId: string): OrgAccess {
  return grantOrgAccess(orgId);
}
