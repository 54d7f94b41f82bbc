import "server-only";
import { applications, enabledConnections, tenantRoles } from "@/lib/auth0/directory";
import { management } from "@/lib/auth0/management";
import { invitationsCreatedWithoutEmail } from "@/lib/db/audit";
import { store } from "@/lib/db/store";
import { allPendingInvitations, type Auth0Invitation } from "./pending";

export const INVITATIONS_PER_PAGE = 25;

export type InvitationRow = {
  id: string;
  email: string;
  roles: string[];
  application: string;
  connection?: string;
  inviter: string;
  createdAt: string;
  expiresAt: string;
  /** Present for invitations created without an email, so the inviter can share the link. */
  invitationUrl?: string;
};
export type InvitationsPage = { rows: InvitationRow[]; page: number; hasMore: boolean };


/**
 * Pending invitations, newest first. Without a search, Auth0 pages them (25 a page). Auth0 cannot filter
 * by email, so a search reads up to its 1000-record limit and pages the matches here.
 */
export async function listInvitations(orgId: string, page: number, search?: string): Promise<InvitationsPage> {
  let invitations: Auth0Invitation[];
  let hasMore: boolean;
  if (search) {
    const matches = (await allPendingInvitations(orgId)).filter((inv) => inv.invitee?.email?.toLowerCase().includes(search));
    invitations = matches.slice(page * INVITATIONS_PER_PAGE, (page + 1) * INVITATIONS_PER_PAGE);
    hasMore = matches.length > (page + 1) * INVITATIONS_PER_PAGE;
  } else {
    ({ data: invitations } = await management().organizations.invitations.list(orgId, {
      page,
      per_page: INVITATIONS_PER_PAGE,
      sort: "created_at:-1",
    }));
    hasMore = invitations.length === INVITATIONS_PER_PAGE;
  }

  const [roles, apps, connections, { db }] = await Promise.all([tenantRoles(), applications(), enabledConnections(orgId), store()]);
  const roleName = new Map(roles.map((role) => [role.id, role.name]));
  const appName = new Map(apps.map((app) => [app.clientId, app.name]));
  const connectionName = new Map(connections.map((connection) => [connection.id, connection.name]));
  const linkOnly = await invitationsCreatedWithoutEmail(db, orgId, invitations.map((inv) => inv.id ?? ""));

  return {
    page,
    hasMore,
    rows: invitations.map((inv) => ({
      id: inv.id ?? "",
      email: inv.invitee?.email ?? "",
      roles: (inv.roles ?? []).map((id) => roleName.get(id) ?? id),
      application: appName.get(inv.client_id ?? "") ?? inv.client_id ?? "",
      connection: inv.connection_id ? (connectionName.get(inv.connection_id) ?? inv.connection_id) : undefined,
      inviter: inv.inviter?.name ?? "",
      createdAt: inv.created_at ?? "",
      expiresAt: inv.expires_at ?? "",
      ...(linkOnly.has(inv.id ?? "") && { invitationUrl: inv.invitation_url }),
    })),
  };
}
