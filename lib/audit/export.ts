import type { AuditEvent } from "@/lib/db/schema";
import { toCsv } from "@/lib/format/csv";
import { describeEvent } from "./describe";
import { AUDIT_ACTIONS, AUDIT_OUTCOMES, isAuditAction, isAuditOutcome } from "./vocabulary";

// The Activity page's CSV: the filtered trail, every page of it, newest first.

/** A download is read into memory whole; past this many rows, the newest are exported and the page says so. */
export const EXPORT_LIMIT = 50_000;

const COLUMNS: [heading: string, value: (event: AuditEvent) => string | number | null][] = [
  ["occurred_at_utc", (e) => e.occurredAt.toISOString()],
  ["description", (e) => describeEvent(e)],
  ["actor_name", (e) => e.actorName],
  ["actor_email", (e) => e.actorEmail],
  ["actor_kind", (e) => e.actorKind],
  ["reason", (e) => e.reason],
  ["action", (e) => (isAuditAction(e.action) ? AUDIT_ACTIONS[e.action] : e.action)],
  ["outcome", (e) => (isAuditOutcome(e.outcome) ? AUDIT_OUTCOMES[e.outcome] : e.outcome)],
  ["detail", (e) => e.detail],
  ["invitee_email", (e) => e.inviteeEmail],
  ["roles", (e) => e.roles.join("; ")],
  ["inviter_name_shown", (e) => e.inviterName],
  ["invitation_id", (e) => e.invitationId],
  ["event_id", (e) => e.id],
];

export function activityCsv(events: readonly AuditEvent[]): string {
  return toCsv([COLUMNS.map(([heading]) => heading), ...events.map((event) => COLUMNS.map(([, value]) => value(event)))]);
}

/** activity-org_…-2026-11-27.csv (organization ids are [A-Za-z0-9_] only: the gate checked the format). */
export function exportFileName(orgId: string, now: Date): string {
  return `activity-${orgId}-${now.toISOString().slice(0, 10)}.csv`;
}
