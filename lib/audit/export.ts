import type { TrailEvent } from "@/lib/db/audit";
import { toCsv } from "@/lib/format/csv";
import type { ActivityScope } from "@/lib/schemas/activity";
import { describeEvent } from "./describe";
import { AUDIT_ACTIONS, AUDIT_OUTCOMES, isAuditAction, isAuditOutcome } from "./vocabulary";

// An Activity page's CSV: the filtered trail, every page of it, newest first.

/** A download is read into memory whole; past this many rows, the newest are exported and the page says so. */
export const EXPORT_LIMIT = 50_000;

type Column = [heading: string, value: (event: TrailEvent) => string | number | null];

/** Support's trail spans organizations: which one each event concerns (none for the desk's own). */
const ORGANIZATION_COLUMNS: Column[] = [
  ["organization_id", (e) => e.organizationId],
  ["organization_name", (e) => e.organizationName],
];

function columns(scope: ActivityScope): Column[] {
  return [
    ["occurred_at_utc", (e) => e.occurredAt.toISOString()],
    ...(scope === "support" ? ORGANIZATION_COLUMNS : []),
    ["description", (e) => describeEvent(e)],
    ["actor_name", (e) => e.actorName],
    ["actor_email", (e) => e.actorEmail],
    ["actor_kind", (e) => e.actorKind],
    ["reason", (e) => e.reason],
    ["action", (e) => (isAuditAction(e.action) ? AUDIT_ACTIONS[e.action] : e.action)],
    ["outcome", (e) => (isAuditOutcome(e.outcome) ? AUDIT_OUTCOMES[e.outcome] : e.outcome)],
    ["detail", (e) => e.detail],
    ["count", (e) => e.count],
    ["invitee_email", (e) => e.inviteeEmail],
    ["roles", (e) => e.roles.join("; ")],
    ["inviter_name_shown", (e) => e.inviterName],
    ["invitation_id", (e) => e.invitationId],
    ["event_id", (e) => e.id],
  ];
}

export function activityCsv(events: readonly TrailEvent[], scope: ActivityScope): string {
  const chosen = columns(scope);
  return toCsv([chosen.map(([heading]) => heading), ...events.map((event) => chosen.map(([, value]) => value(event)))]);
}

/**
 * activity-org_…-2026-11-27.csv for an organization's trail, activity-support-2026-11-27.csv for support's
 * (organization ids are [A-Za-z0-9_] only: the gate checked the format; none is "support").
 */
export function exportFileName(subject: string, now: Date): string {
  return `activity-${subject}-${now.toISOString().slice(0, 10)}.csv`;
}
