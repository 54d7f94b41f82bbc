import "server-only";
import { and, count, desc, eq, type SQL } from "drizzle-orm";
import { webhookDeliveries, type WebhookDelivery } from "@/lib/db/schema";
import type { DeskAuthorized } from "@/lib/authz/gate";
import { store, type Database } from "@/lib/db/store";
import { toCsv } from "@/lib/format/csv";
import { pageWindow } from "@/lib/format/paging";
import { DELIVERY_STATUSES, type DeliveryStatus, type WebhookLogFilters } from "@/lib/schemas/webhook-log";

// The delivery log for support staff and auditors (/support/webhooks, lib/authz/desk-page.ts): every delivery
// with its attempts and how the last one went, newest first. The signed body is never read here, and an
// endpoint is shown without what a URL can carry as a credential (user info, query, fragment); the secrets
// are in WEBHOOK_ENDPOINTS only, and signatures are made per attempt and never stored.

/** What the log shows of a delivery. */
const LOG_COLUMNS = {
  id: webhookDeliveries.id,
  eventId: webhookDeliveries.eventId,
  eventType: webhookDeliveries.eventType,
  organizationId: webhookDeliveries.organizationId,
  subjectId: webhookDeliveries.subjectId,
  endpointUrl: webhookDeliveries.endpointUrl,
  status: webhookDeliveries.status,
  attempts: webhookDeliveries.attempts,
  lastStatusCode: webhookDeliveries.lastStatusCode,
  lastError: webhookDeliveries.lastError,
  createdAt: webhookDeliveries.createdAt,
  lastAttemptAt: webhookDeliveries.lastAttemptAt,
  nextAttemptAt: webhookDeliveries.nextAttemptAt,
  settledAt: webhookDeliveries.settledAt,
};

export type DeliveryLogEntry = Pick<WebhookDelivery, keyof typeof LOG_COLUMNS>;

/** A download is read into memory whole; past this many rows, the newest are exported. */
export const DELIVERY_EXPORT_LIMIT = 50_000;

/** An endpoint as the log shows it: scheme, host and path, without user info, query or fragment. */
export function shownEndpoint(url: string): string {
  try {
    const parsed = new URL(url);
    const hidden = parsed.username || parsed.password || parsed.search || parsed.hash;
    return `${parsed.protocol}//${parsed.host}${parsed.pathname}${hidden ? " (query hidden)" : ""}`;
  } catch {
    return "(not a URL)";
  }
}

export const statusLabel = (status: string) => DELIVERY_STATUSES[status as DeliveryStatus] ?? status;

function logWhere({ status, organization }: WebhookLogFilters): SQL | undefined {
  return and(status ? eq(webhookDeliveries.status, status) : undefined, organization ? eq(webhookDeliveries.organizationId, organization) : undefined);
}

export type DeliveryLogPage = { rows: DeliveryLogEntry[]; total: number; page: number; pages: number; givenUp: number };

/** One page of the deliveries the filters select, newest first; `givenUp` counts every given-up one in the organization (or all). */
export async function deliveryLog(db: Database, filters: WebhookLogFilters, { page, perPage }: { page: number; perPage: number }): Promise<DeliveryLogPage> {
  const where = logWhere(filters);
  const [[{ total } = { total: 0 }], [{ givenUp } = { givenUp: 0 }]] = await Promise.all([
    db.select({ total: count() }).from(webhookDeliveries).where(where),
    db.select({ givenUp: count() }).from(webhookDeliveries).where(logWhere({ organization: filters.organization, status: "given_up" })),
  ]);
  const window = pageWindow(total, perPage, page);
  const rows = await db.select(LOG_COLUMNS).from(webhookDeliveries).where(where).orderBy(desc(webhookDeliveries.createdAt), desc(webhookDeliveries.id)).limit(perPage).offset(window.offset);
  return { rows, total, page: window.page, pages: window.pages, givenUp };
}

const iso = (at: Date | null) => at?.toISOString() ?? "";

/** The log's CSV: the filtered deliveries, newest first (toCsv defuses formulas and quotes separators). */
export function deliveryLogCsv(rows: readonly DeliveryLogEntry[]): string {
  const columns: [string, (row: DeliveryLogEntry) => string | number | null][] = [
    ["created_at_utc", (row) => iso(row.createdAt)],
    ["status", (row) => statusLabel(row.status)],
    ["event_type", (row) => row.eventType],
    ["organization_id", (row) => row.organizationId],
    ["subject_id", (row) => row.subjectId],
    ["endpoint", (row) => shownEndpoint(row.endpointUrl)],
    ["attempts", (row) => row.attempts],
    ["last_status_code", (row) => row.lastStatusCode],
    ["last_error", (row) => row.lastError],
    ["last_attempt_at_utc", (row) => iso(row.lastAttemptAt)],
    ["next_attempt_at_utc", (row) => (row.status === "pending" ? iso(row.nextAttemptAt) : "")],
    ["settled_at_utc", (row) => iso(row.settledAt)],
    ["event_id", (row) => row.eventId],
  ];
  return toCsv([columns.map(([heading]) => heading), ...rows.map((row) => columns.map(([, value]) => value(row)))]);
}

/** The log for a desk page or its download: only with the desk gate's pass (support staff or an auditor). */
export async function deskDeliveryLog(_pass: DeskAuthorized, filters: WebhookLogFilters, paging: { page: number; perPage: number }): Promise<DeliveryLogPage> {
  const { db } = await store();
  return deliveryLog(db, filters, paging);
}
