import "server-only";
import type { Management } from "auth0";
import { auth0ErrorParts } from "./errors";
import { management } from "./management";

// Auth0's tenant logs, read by checkpoint: `from` a log_id, `take` up to 100; newer events come back in
// log_id order, with a Link header (rel="next") to follow. Every other parameter is ignored in this mode.
// https://auth0.com/docs/deploy-monitor/logs/retrieve-log-events-using-mgmt-api

export type TenantLog = Management.Log;
export const LOGS_PER_READ = 100;

/** The `from` of the Link header's rel="next" URL: where the next read starts. */
export function nextCheckpoint(link: string | null): string | undefined {
  const next = link?.split(",").find((part) => /;\s*rel="?next"?/.test(part));
  const url = next?.match(/<([^>]+)>/)?.[1];
  if (!url) return undefined;
  return new URL(url, "https://auth0.invalid").searchParams.get("from") ?? undefined;
}

/**
 * The log events after `checkpoint`, oldest first, and the checkpoint to read from next, as Auth0's Link
 * header gives it (one Management API call).
 */
export async function logsAfter(checkpoint: string, take = LOGS_PER_READ): Promise<{ logs: TenantLog[]; next?: string }> {
  // The SDK has no `from`/`take` parameters; it adds its own paging parameters, which Auth0 ignores here.
  const page = await management().logs.list({}, { queryParams: { from: checkpoint, take } });
  const body: unknown = page.response;
  const logs = Array.isArray(body) ? (body as TenantLog[]) : page.data;
  return { logs, next: nextCheckpoint(page.rawResponse.headers.get("link")) };
}

/** The newest log event, where a reader with no checkpoint starts; undefined for a tenant with no logs. */
export async function newestLog(): Promise<TenantLog | undefined> {
  const page = await management().logs.list({ per_page: 1, sort: "date:-1", include_totals: true });
  return page.data[0];
}

/** The oldest log events, for a reader that started on a tenant with none (checkpoint mode needs a `from`). */
export async function oldestLogs(take = LOGS_PER_READ): Promise<TenantLog[]> {
  const page = await management().logs.list({ per_page: take, sort: "date:1", include_totals: true });
  return page.data;
}

/** Whether this log event is still within Auth0's retention (a checkpoint that is not has left a gap). */
export async function logExists(logId: string): Promise<boolean> {
  try {
    await management().logs.get(logId);
    return true;
  } catch (error) {
    if (auth0ErrorParts(error)?.status === 404) return false;
    throw error;
  }
}

export type InvitationLogEvent = {
  logId: string;
  type: "si" | "fi";
  date: Date;
  invitationId: string;
  organizationId?: string;
  userId?: string;
  userName?: string;
  details: Record<string, unknown>;
};

/** The invitation acceptance (`si`) or failed acceptance (`fi`) in a log event, matched on its invitation id. */
export function invitationEvent(log: TenantLog): InvitationLogEvent | undefined {
  if (log.type !== "si" && log.type !== "fi") return undefined;
  const invitation = (log.details as { invitation?: { id?: unknown } } | undefined)?.invitation;
  if (typeof invitation?.id !== "string" || !log.log_id) return undefined;
  return {
    logId: log.log_id,
    type: log.type,
    date: new Date(typeof log.date === "string" ? log.date : Date.now()),
    invitationId: invitation.id,
    organizationId: typeof log.organization_id === "string" ? log.organization_id : undefined,
    userId: log.user_id,
    userName: log.user_name,
    details: invitation as Record<string, unknown>,
  };
}

// Membership changes in the tenant logs (https://auth0.com/docs/deploy-monitor/logs/log-event-type-codes):
// - `si`, an invitation accepted: the user joins with the invitation's roles (`details.invitation.roles`);
// - `organization_member_added`, a member added at sign-in (by an invitation, or by auto-membership)
//   (https://auth0.com/docs/tenant-logs/other/organization-member-added);
// - `sapi`, a successful Management API write (https://auth0.com/docs/tenant-logs/management-success/sapi),
//   which carries the request it answered (`details.request`: method, path, body): members added or removed
//   (POST/DELETE /api/v2/organizations/{id}/members, https://auth0.com/docs/api/management/v2/organizations/post-members),
//   roles given or taken (POST/DELETE /api/v2/organizations/{id}/members/{user_id}/roles), and a user deleted
//   (DELETE /api/v2/users/{id}), which leaves every organization. Auth0 has no log type of its own for these.

export type MembershipChange =
  /** Users who joined (an address when the event names one), with roles given as they joined. */
  | { kind: "added"; members: { userId: string; email?: string }[]; roleIds: string[] }
  | { kind: "removed"; userIds: string[] }
  | { kind: "roles_added" | "roles_removed"; userId: string; roleIds: string[] };

export type MembershipLogEvent = {
  logId: string;
  date: Date;
  /** Undefined for a deleted user, who leaves every organization. */
  organizationId?: string;
  change: MembershipChange;
};

const MEMBERS_PATH = /^\/api\/v2\/organizations\/([^/]+)\/members$/;
const MEMBER_ROLES_PATH = /^\/api\/v2\/organizations\/([^/]+)\/members\/([^/]+)\/roles$/;
const USER_PATH = /^\/api\/v2\/users\/([^/]+)$/;

/** A path segment decoded, or undefined when its escapes are broken (Auth0 logs the path as it was sent). */
function segment(raw: string): string | undefined {
  try {
    return decodeURIComponent(raw);
  } catch {
    return undefined;
  }
}

const strings = (value: unknown): string[] => (Array.isArray(value) ? value.filter((item): item is string => typeof item === "string") : []);

/** What a `sapi` event's request changed in an organization's membership, if anything. */
function apiMembershipChange(details: unknown): Pick<MembershipLogEvent, "organizationId" | "change"> | undefined {
  const request = (details as { request?: { method?: unknown; path?: unknown; body?: unknown } } | undefined)?.request;
  if (typeof request?.path !== "string" || typeof request.method !== "string") return undefined;
  const method = request.method.toLowerCase();
  const path = request.path.split("?")[0]!;
  const body = (request.body ?? {}) as { members?: unknown; roles?: unknown };
  const members = MEMBERS_PATH.exec(path);
  if (members && (method === "post" || method === "delete")) {
    const organizationId = segment(members[1]!);
    const userIds = strings(body.members);
    if (!organizationId || userIds.length === 0) return undefined;
    return method === "post"
      ? { organizationId, change: { kind: "added", members: userIds.map((userId) => ({ userId })), roleIds: [] } }
      : { organizationId, change: { kind: "removed", userIds } };
  }
  const roles = MEMBER_ROLES_PATH.exec(path);
  if (roles && (method === "post" || method === "delete")) {
    const roleIds = strings(body.roles);
    const [organizationId, userId] = [segment(roles[1]!), segment(roles[2]!)];
    if (!organizationId || !userId || roleIds.length === 0) return undefined;
    return { organizationId, change: { kind: method === "post" ? "roles_added" : "roles_removed", userId, roleIds } };
  }
  const user = USER_PATH.exec(path);
  const userId = user && segment(user[1]!);
  if (userId && method === "delete") return { change: { kind: "removed", userIds: [userId] } };
  return undefined;
}

/** The membership change a log event records, if it records one. */
export function membershipEvent(log: TenantLog): MembershipLogEvent | undefined {
  if (!log.log_id) return undefined;
  const base = { logId: log.log_id, date: new Date(typeof log.date === "string" ? log.date : Date.now()) };
  const organizationId = typeof log.organization_id === "string" ? log.organization_id : undefined;
  if (log.type === "si" && organizationId && log.user_id) {
    const invitation = (log.details as { invitation?: { invitee?: { email?: unknown }; roles?: unknown } } | undefined)?.invitation;
    const email = typeof invitation?.invitee?.email === "string" ? invitation.invitee.email : log.user_name;
    return { ...base, organizationId, change: { kind: "added", members: [{ userId: log.user_id, email }], roleIds: strings(invitation?.roles) } };
  }
  if (log.type === "organization_member_added" && organizationId && log.user_id) {
    return { ...base, organizationId, change: { kind: "added", members: [{ userId: log.user_id, email: log.user_name }], roleIds: [] } };
  }
  if (log.type === "sapi") {
    const found = apiMembershipChange(log.details);
    return found && { ...base, ...found };
  }
  return undefined;
}
