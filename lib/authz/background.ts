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
 * The grant of telling people what became of invitations (lib/notifications): it reads the organization's name
 * and, for a support-made invitation, who its admins are, to tell them; it acts for no user and changes nothing.
 */
export function notifierAccess(orgId: string): OrgAccess {
  return grantOrgAccess(orgId);
}
