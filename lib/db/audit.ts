import "server-only";
import { and, count, desc, eq, gte, ilike, lt, or, type SQL } from "drizzle-orm";
import type { OrgAccess } from "@/lib/authz/access";
import { pageWindow } from "@/lib/format/paging";
import type { ActivityFilters } from "@/lib/schemas/activity";
import { auditEvents, type AuditEvent, type NewAuditEvent } from "./schema";
import { containing } from "./like";
import type { Database } from "./store";

/** `page` is 0-based and within `pages`. */
export type AuditPage = { events: AuditEvent[]; total: number; page: number; pages: number };

export async function recordAuditEvent(db: Database, event: NewAuditEvent): Promise<void> {
  await db.insert(auditEvents).values(event);
}

/** Write-ahead: records an attempt as `started` before the external call it describes; returns its id. */
export async function beginAuditEvent(db: Database, event: Omit<NewAuditEvent, "outcome">): Promise<number> {
  const [row] = await db.insert(auditEvents).values({ ...event, outcome: "started" }).returning({ id: auditEvents.id });
  return row!.id;
}

/** Settles a started attempt to its one final outcome. */
export async function settleAuditEvent(db: Database, id: number, fields: Partial<NewAuditEvent> & { outcome: string }): Promise<void> {
  await db.update(auditEvents).set(fields).where(eq(auditEvents.id, id));
}

const DAY_MS = 86_400_000;

function trailWhere(access: OrgAccess, filters: ActivityFilters): SQL | undefined {
  return and(
    eq(auditEvents.organizationId, access.orgId),
    filters.actor ? or(ilike(auditEvents.actorName, containing(filters.actor)), ilike(auditEvents.actorEmail, containing(filters.actor))) : undefined,
    filters.action ? eq(auditEvents.action, filters.action) : undefined,
    filters.outcome ? eq(auditEvents.outcome, filters.outcome) : undefined,
    // Whole UTC days, both ends included: `to` runs until the next day begins.
    filters.from ? gte(auditEvents.occurredAt, new Date(`${filters.from}T00:00:00.000Z`)) : undefined,
    filters.to ? lt(auditEvents.occurredAt, new Date(Date.parse(`${filters.to}T00:00:00.000Z`) + DAY_MS)) : undefined,
  );
}

/**
 * One page of the organization's trail, newest first, with the filters applied, and how many events and
 * pages there are. A page past the end is the last page (an empty trail has one, empty, page).
 */
export async function auditTrail(
  db: Database,
  access: OrgAccess,
  filters: ActivityFilters,
  { page, perPage }: { page: number; perPage: number },
): Promise<AuditPage> {
  const where = trailWhere(access, filters);
  const [{ total }] = (await db.select({ total: count() }).from(auditEvents).where(where)) as [{ total: number }];
  const window = pageWindow(Number(total), perPage, page);
  const events = await db
    .select()
    .from(auditEvents)
    .where(where)
    .orderBy(desc(auditEvents.occurredAt), desc(auditEvents.id))
    .limit(perPage)
    .offset(window.offset);
  return { events, total: Number(total), page: window.page, pages: window.pages };
}
