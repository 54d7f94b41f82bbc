import "server-only";
import { applications, enabledConnections, type ApplicationSummary, type ConnectionSummary } from "@/lib/auth0/directory";
import type { OrgAccess } from "@/lib/authz/access";
import { assignableRoles, type Authorized } from "@/lib/authz/gate";
import { Refusal } from "@/lib/authz/refusal";
import { env } from "@/lib/env";

// Auth0 refuses invitations through passwordless connections.
const PASSWORDLESS_STRATEGIES = new Set(["email", "sms"]);

/** Applications invitees may be invited into: the configured allow-list, else every regular web
 *  application that accepts organizations and has a login route (Auth0 needs one for the link). */
export async function invitableApplications(): Promise<ApplicationSummary[]> {
  const allowList = env().ALLOWED_CLIENT_IDS;
  const all = await applications();
  return allowList
    ? all.filter((app) => allowList.includes(app.clientId))
    : all.filter((app) => app.appType === "regular_web" && app.organizationUsage !== "deny" && Boolean(app.loginRoute));
}

export async function invitableConnections(access: OrgAccess): Promise<ConnectionSummary[]> {
  return (await enabledConnections(access)).filter((connection) => !PASSWORDLESS_STRATEGIES.has(connection.strategy));
}

export async function inviteFormOptions(ctx: Authorized) {
  const [applicationList, connections, roles] = await Promise.all([
    invitableApplications(),
    invitableConnections(ctx),
    assignableRoles(ctx),
  ]);
  return { applications: applicationList, connections, roles };
}
export type InviteFormOptions = Awaited<ReturnType<typeof inviteFormOptions>>;

/** Refuses an application or connection the organization may not be invited through. */
export async function checkTarget(access: OrgAccess, clientId: string, connectionId: string | undefined): Promise<void> {
  const [applicationList, connections] = await Promise.all([invitableApplications(), invitableConnections(access)]);
  if (!applicationList.some((app) => app.clientId === clientId)) {
    throw new Refusal("application_not_allowed", "Invitations into this application are not allowed. Choose one from the list.", "clientId");
  }
  if (connectionId && !connections.some((connection) => connection.id === connectionId)) {
    throw new Refusal(
      "connection_not_allowed",
      "This connection is not enabled for the organization, or is passwordless. Choose one from the list, or leave it empty.",
      "connectionId",
    );
  }
}
