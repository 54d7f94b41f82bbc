import "server-only";
import { applications, enabledConnections, tenantRoles } from "@/lib/auth0/directory";
import { roleCeiling, topRoleName, type RoleCeiling, type Authorized } from "@/lib/authz/gate";
import type { ApprovalRequest, LedgerInvitation } from "@/lib/db/schema";
import { store } from "@/lib/db/store";
import { ledgerFreshness, ledgerPollSeconds, refreshDue, type LedgerFreshness } from "@/lib/ledger/freshness";
import { requestsAmong } from "@/lib/ledger/approvals";
import { deliveryProblem, latestDeliveries } from "@/lib/ledger/email-deliveries";
import { filterCounts, ledgerPage, STATUS_FILTERS, type LedgerQuery, type StatusFilter } from "@/lib/ledger/ledger";
import { readerState, recentGap } from "@/lib/ledger/log-reader";
import { requestLedgerRefresh } from "@/lib/ledger/refresh-queue";
import { mayBeReinvited, type InvitationStatus } from "@/lib/ledger/status";
import { logger } from "@/lib/log/logger";
import { decisionRefusal } from "./approval-rule";
import { renewalCandidates } from "./renew";

export type LogsNotice = { kind: "problem"; problem: string } | { kind: "gap"; from: string | null; foundAt: string };

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
  actions: ("revoke" | "resend" | "copy_link" | "reinvite" | "approve" | "deny")[];
  /** A request for approval: the rule that asked, the answer's note, and the invitation it became. */
  request?: { rule: string; note?: string; sentAs?: string };
  /** Why the viewer may do nothing with it, when that is their role ceiling ("above your own role (Inviter)"). */
  outOfReach?: string;
  /** Our own email to the invitee bounced or failed (SMTP_URL set): what happened and what to do next. */
  emailProblem?: string;
};

export type InvitationsView = {
  rows: InvitationRow[];
  page: number;
  pages: number;
  total: number;
  counts: Record<StatusFilter, number>;
  /** How many invitations "Renew all expired" would send: not every expired one (renewed, or above the viewer's roles). */
  renewable: number;
  /**
   * Why statuses may be inferred right now, if they may: the logs cannot be read, or Auth0 no longer kept them
   * for a while. Its moments are ISO strings, for the page to show in the reader's time.
   */
  logsNotice?: LogsNotice;
  /** How current the ledger is against Auth0, for "as of" and for the page to update itself. */
  freshness: LedgerFreshness;
  /** How often the open page looks for news (null: only while a refresh it asked for is under way). */
  pollSeconds: number | null;
};

/** Whether the viewer may touch this invitation: every role it grants is within their ceiling; a request, whether they may answer it. */
function actionsFor(ctx: Authorized, entry: LedgerInvitation, ceiling: RoleCeiling): InvitationRow["actions"] {
  if (!ceiling.covers(entry.roleIds)) return [];
  if (entry.status === "awaiting_approval") {
    const decider = { userId: ctx.user.id, email: ctx.user.email, actor: ctx.actor };
    const request = { requesterId: entry.actorId, requesterEmail: entry.actorEmail, status: entry.status, expiresAt: entry.expiresAt, roleIds: entry.roleIds };
    return decisionRefusal({ decider, request, ceiling, approverRole: topRoleName() }) ? [] : ["approve", "deny"];
  }
  if (entry.status === "pending") return entry.sendEmail === false && entry.invitationUrl ? ["revoke", "resend", "copy_link"] : ["revoke", "resend"];
  if (mayBeReinvited(entry)) return ["reinvite"];
  return [];
}

/** A bounce or failure matters while the invitation waits for its invitee. */
function emailProblemOf(entry: LedgerInvitation, delivery: Parameters<typeof deliveryProblem>[0] | undefined): string | undefined {
  return entry.status === "pending" && delivery ? deliveryProblem(delivery) : undefined;
}

/** What the viewer may do with one invitation, by the same rule as the list (the history page's "Invite again"). */
export async function invitationActions(ctx: Authorized, entry: LedgerInvitation): Promise<InvitationRow["actions"]> {
  return actionsFor(ctx, entry, await roleCeiling(ctx));
}

function requestSummary(entry: LedgerInvitation, request: ApprovalRequest | undefined): InvitationRow["request"] {
  if (!request) return undefined;
  return { rule: request.ruleMessage, ...(request.note && { note: request.note }), ...(entry.status === "approved" && entry.successorId && { sentAs: entry.successorId }) };
}

/**
 * Asks the background for a refresh when the ledger is older than the threshold, without waiting for it; a
 * queue that cannot take the request leaves the page as it is (the next view asks again).
 */
async function refreshIfDue(ctx: Authorized, freshness: LedgerFreshness): Promise<LedgerFreshness> {
  if (!refreshDue(freshness)) return freshness;
  try {
    await requestLedgerRefresh(ctx);
    return { ...freshness, refreshing: true };
  } catch (error) {
    logger().error({ err: error }, "asking for a ledger refresh failed");
    return freshness;
  }
}

/**
 * The organization's invitations as the ledger knows them, from the store alone: the tenant-log reader and
 * the background refresh keep it up to date (lib/ledger/freshness.ts), never the page's render.
 */
export async function invitationsView(ctx: Authorized, query: LedgerQuery): Promise<InvitationsView> {
  const { db } = await store();
  const [result, counts, roles, apps, connections, ceiling, state, freshness] = await Promise.all([
    ledgerPage(db, ctx, query),
    filterCounts(db, ctx, query.search),
    tenantRoles(),
    applications(),
    enabledConnections(ctx),
    roleCeiling(ctx),
    readerState(db),
    ledgerFreshness(db, ctx),
  ]);
  const ids = result.rows.map((entry) => entry.id);
  const [{ sendable }, requests, deliveries] = await Promise.all([renewalCandidates(db, ctx, ceiling), requestsAmong(db, ctx, ids), latestDeliveries(db, ids)]);
  const roleName = new Map(roles.map((role) => [role.id, role.name]));
  const appName = new Map(apps.map((app) => [app.clientId, app.name]));
  const connectionName = new Map(connections.map((connection) => [connection.id, connection.name]));
  const gap = recentGap(state);

  return {
    page: result.page,
    pages: result.pages,
    total: result.total,
    counts,
    renewable: sendable.length,
    freshness: await refreshIfDue(ctx, freshness),
    pollSeconds: ledgerPollSeconds(),
    logsNotice: state?.problem
      ? { kind: "problem", problem: state.problem }
      : gap
        ? { kind: "gap", from: gap.from?.toISOString() ?? null, foundAt: gap.foundAt.toISOString() }
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
      actions: actionsFor(ctx, entry, ceiling),
      request: requestSummary(entry, requests.get(entry.id)),
      outOfReach: ceiling.covers(entry.roleIds) ? undefined : `Grants a role ${ceiling.reason}`,
      emailProblem: emailProblemOf(entry, deliveries.get(entry.id)),
    })),
  };
}

export { STATUS_FILTERS };

/** How current the organization's ledger is, for the page's poll (the store only). */
export async function invitationsFreshness(ctx: Authorized): Promise<LedgerFreshness> {
  const { db } = await store();
  return ledgerFreshness(db, ctx);
}
