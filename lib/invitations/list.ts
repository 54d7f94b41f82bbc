import "server-only";
import { applications, enabledConnections, tenantRoles } from "@/lib/auth0/directory";
import { roleCeiling, type RoleCeiling, type Authorized } from "@/lib/authz/gate";
import type { LedgerInvitation } from "@/lib/db/schema";
import { store } from "@/lib/db/store";
import { filterCounts, ledgerPage, STATUS_FILTERS, type LedgerQuery, type StatusFilter } from "@/lib/ledger/ledger";
import { readerState, recentGap } from "@/lib/ledger/log-reader";
import { reconcileOrganization } from "@/lib/ledger/reconcile";
import { mayBeReinvited, type InvitationStatus } from "@/lib/ledger/status";

export const INVITATIONS_PER_PAGE = 25;

export type InvitationRow = {
  id: string;
  email: string;
  roles: string[];
  application: string;
  connection?: string;
  inviter: string;
  /** Who in this app sent it; undefined when it was created outside this app. */
  sentBy?: string;
  status: InvitationStatus;
  statusInferred: boolean;
  statusAt: string;
  statusBy?: string;
  createdAt: string;
  expiresAt: string;
  /** What the viewer may do with it: only what is within their role ceiling. */
  actions: ("revoke" | "resend" | "copy_link" | "reinvite")[];
};

export type InvitationsView = {
  rows: InvitationRow[];
  page: number;
  pages: number;
  total: number;
  counts: Record<StatusFilter, number>;
  /** Why statuses may be inferred right now, if they may. */
  logsNotice?: string;
};

/** Whether the viewer may touch this invitation: every role it grants is within their ceiling. */
function actionsFor(entry: LedgerInvitation, ceiling: RoleCeiling): InvitationRow["actions"] {
  if (!ceiling.covers(entry.roleIds)) return [];
  if (entry.status === "pending") return entry.sendEmail === false && entry.invitationUrl ? ["revoke", "resend", "copy_link"] : ["revoke", "resend"];
  if (mayBeReinvited(entry)) return ["reinvite"];
  return [];
}

/**
 * The organization's invitations as the ledger knows them, after bringing it up to date (the tenant logs,
 * then Auth0's list of the organization's invitations).
 */
export async function invitationsView(ctx: Authorized, query: Omit<LedgerQuery, "perPage">): Promise<InvitationsView> {
  const { db } = await store();
  await reconcileOrganization(db, ctx);
  const [result, counts, roles, apps, connections, ceiling, state] = await Promise.all([
    ledgerPage(db, ctx, { ...query, perPage: INVITATIONS_PER_PAGE }),
    filterCounts(db, ctx, query.search),
    tenantRoles(),
    applications(),
    enabledConnections(ctx),
    roleCeiling(ctx),
    readerState(db),
  ]);
  const roleName = new Map(roles.map((role) => [role.id, role.name]));
  const appName = new Map(apps.map((app) => [app.clientId, app.name]));
  const connectionName = new Map(connections.map((connection) => [connection.id, connection.name]));
  const gap = recentGap(state);

  return {
    page: result.page,
    pages: result.pages,
    total: result.total,
    counts,
    logsNotice: state?.problem
      ? `${state.problem} Until it can, statuses marked “inferred” are worked out from membership and expiry.`
      : gap
        ? `Auth0 no longer kept its logs from ${gap.from?.toISOString() ?? "before"}; what happened to invitations made before ${gap.foundAt.toISOString()} is inferred from membership and expiry.`
        : undefined,
    rows: result.rows.map((entry) => ({
      id: entry.id,
      email: entry.inviteeEmail,
      roles: entry.roleIds.map((id) => roleName.get(id) ?? id),
      application: appName.get(entry.clientId) ?? entry.clientId,
      connection: entry.connectionId ? (connectionName.get(entry.connectionId) ?? entry.connectionId) : undefined,
      inviter: entry.inviterName,
      sentBy: entry.actorName ?? undefined,
      status: entry.status as InvitationStatus,
      statusInferred: entry.statusInferred,
      statusAt: entry.statusAt.toISOString(),
      statusBy: entry.statusByName ?? undefined,
      createdAt: entry.createdAt.toISOString(),
      expiresAt: entry.expiresAt.toISOString(),
      actions: actionsFor(entry, ceiling),
    })),
  };
}

export { STATUS_FILTERS };
