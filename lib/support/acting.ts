import "server-only";
import { supportDeskOrganizationById, type OrganizationSummary } from "@/lib/auth0/directory";
import { Refusal } from "@/lib/authz/refusal";
import { startEngagement } from "./engagements";

/**
 * Support staff start acting for an organization with a reason: the organization is looked up live (it must
 * exist in Auth0), and the engagement is kept for the sign-in session. Returns the organization.
 */
export async function startActingFor(
  who: { sessionId: string; actorId: string },
  orgId: string,
  reason: string,
): Promise<OrganizationSummary> {
  const organization = await supportDeskOrganizationById(orgId);
  if (!organization) throw new Refusal("not_found", "There is no such organization.", "orgId");
  await startEngagement({ ...who, organizationId: organization.id, organizationName: organization.displayName, reason });
  return organization;
}
