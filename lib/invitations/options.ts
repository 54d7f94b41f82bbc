import "server-only";
import { applications, enabledConnections, organizationById, type ApplicationSummary, type ConnectionSummary } from "@/lib/auth0/directory";
import type { OrgAccess } from "@/lib/authz/access";
import { roleCeiling, type Authorized } from "@/lib/authz/gate";
import { Refusal } from "@/lib/authz/refusal";
import { env } from "@/lib/env";
import { delegationPolicy } from "@/lib/policy/policy";
import { applicationsForOrganization, preselectedClientId, type MetadataKeys } from "./application-rule";

// Auth0 makes an invitation's link from the application's login route, and refuses to invite into one without:
// https://auth0.com/docs/manage-users/organizations/configure-organizations/invite-members
export const NO_LOGIN_ROUTE =
  "This application has no login route: set Application Login URI in its settings in the Auth0 Dashboard, or choose another application.";

// Auth0 refuses invitations through passwordless connections.
const PASSWORDLESS_STRATEGIES = new Set(["email", "sms"]);

/** The configured metadata keys, also for telling an administrator what to set. */
export function applicationMetadataKeys(): MetadataKeys {
  const config = env();
  return {
    applicationOrganizations: config.APPLICATION_ORGANIZATIONS_METADATA_KEY,
    organizationApplications: config.ORGANIZATION_APPLICATIONS_METADATA_KEY,
  };
}

/** The applications this organization's invitees may be invited into. */
export async function invitableApplications(access: OrgAccess): Promise<ApplicationSummary[]> {
  const [apps, organization] = await Promise.all([applications(), organizationById(access)]);
  return applicationsForOrganization(apps, organization, applicationMetadataKeys(), env().ALLOWED_CLIENT_IDS);
}

export async function invitableConnections(access: OrgAccess): Promise<ConnectionSummary[]> {
  return (await enabledConnections(access)).filter((connection) => !PASSWORDLESS_STRATEGIES.has(connection.strategy));
}

export async function inviteFormOptions(ctx: Authorized) {
  const [applicationList, connections, ceiling, policy] = await Promise.all([invitableApplications(ctx), invitableConnections(ctx), roleCeiling(ctx), delegationPolicy(ctx)]);
  return {
    // Only what the form shows: the metadata stays on the server. One without a login route is shown, not offered.
    applications: applicationList.map(({ clientId, name, loginRoute }) => ({ clientId, name, unavailable: loginRoute ? undefined : NO_LOGIN_ROUTE })),
    preselectedClientId: preselectedClientId(applicationList.filter((app) => app.loginRoute), env().AUTH0_CLIENT_ID),
    connections,
    roles: ceiling.allowed,
    rolesAbove: ceiling.above,
    ceilingReason: ceiling.reason,
    // Expiries above the policy's longest are shown, not offered; the send pipeline refuses them anyway.
    maxTtlDays: policy.maxTtlDays.ok ? policy.maxTtlDays.value : undefined,
  };
}
export type InviteFormOptions = Awaited<ReturnType<typeof inviteFormOptions>>;

/** Refuses an application or connection the organization may not be invited through. */
export async function checkTarget(access: OrgAccess, clientId: string, connectionId: string | undefined): Promise<void> {
  const [applicationList, connections] = await Promise.all([invitableApplications(access), invitableConnections(access)]);
  const application = applicationList.find((app) => app.clientId === clientId);
  if (!application) {
    throw new Refusal("application_not_allowed", "Invitations into this application are not allowed for this organization. Choose one from the list.", "clientId");
  }
  if (!application.loginRoute) throw new Refusal("application_not_allowed", NO_LOGIN_ROUTE, "clientId");
  if (connectionId && !connections.some((connection) => connection.id === connectionId)) {
    throw new Refusal(
      "connection_not_allowed",
      "This connection is not enabled for the organization, or is passwordless. Choose one from the list, or leave it empty.",
      "connectionId",
    );
  }
}
