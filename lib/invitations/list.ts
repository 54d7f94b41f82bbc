import "server-only";
import { applications, enabledConnections, tenantRoles } from "@/lib/auth0/directory";
import { management } from "@/lib/auth0/management";
import { invitationsCreatedWithoutEmail } from "@/lib/db/audit";
import { store } from "@/lib/db/store";

export const INVITATIONS_PER_PAGE = 25;
/** Auth0 serves at most 1000 invitations (page × per_page). */
const SEARCH_PAGES = 10;

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

type Auth0Invitation = Awaited<ReturnType<ReturnType<typeof management>["organizations"]["invitations"]["get"]>>;

async function fetchPage(orgId: string, page: number, perPage: number): Promise<Auth0Invitation[]> {
  const { data } = await management().organizations.invitations.list(orgId, { page, per_page: perPage, sort: "created_at:-1" });
  return data;
}

/**
 * Pending invitations, newest first. Without a search, Auth0 pages them (25 a page). Auth0 cannot filter
 * by email, so a search reads up to its 1000-record limit and pages the matches here.
 */
export async function listInvitations(orgId: string, page: number, search?: string): Promise<InvitationsPage> {
  let invitations: Auth0Invitation[];
  let hasMore: boolean;
  if (search) {
    const matches: Auth0Invitation[] = [];
    for (let auth0Page = 0; auth0Page < SEARCH_PAGES; auth0Page++) {
      const batch = await fetchPage(orgId, auth0Page, 100);
      matches.push(...batch.filter((inv) => inv.invitee?.email?.toLowerCase().includes(search)));
      if (batch.length < 100) break;
    }
    invitations = matches.slice(page * INVITATIONS_PER_PAGE, (page + 1) * INVITATIONS_PER_PAGE);
    hasMore = matches.length > (page + 1) * INVITATIONS_PER_PAGE;
  } else {
    invitations = await fetchPage(orgId, page, INVITATIONS_PER_PAGE);
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
