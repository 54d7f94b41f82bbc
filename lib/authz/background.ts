import "server-only";
import { grantOrgAccess, type OrgAccess } from "./access";

/**
 * The grant of the ledger's background reconciliation, which acts for no user, writes only what Auth0 and
 * its tenant logs say about an organization's invitations, and shows nothing to anyone.
 */
export function reconcilerAccess(orgId: string): OrgAccess {
  return grantOrgAccess(orgId);
}
