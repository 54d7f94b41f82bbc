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
