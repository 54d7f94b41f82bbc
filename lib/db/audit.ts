import "server-only";
import { and, count, desc, eq, exists, getTableColumns, gte, ilike, inArray, isNull, lt, or, sql, type SQL } from "drizzle-orm";
import type { OrgAccess } from "@/lib/authz/access";
import type { DeskAuthorized } from "@/lib/authz/gate";
import { pageWindow } from "@/lib/format/paging";
import type { ActivityFilters } from "@/lib/schemas/activity";
import { auditEvents, organizationDirectory, supportEngagements, type AuditEvent, type NewAuditEvent } from "./schema";
import { containing } from "./like";
import type { Database } from "./store";

export async function recordAuditEvent(db: Database, event: NewAuditEvent): Promise<void> {
  await db.insert(auditEvents).values(event);
}

const MINUTE_MS = 60_000;

/**
 * Records what can come in floods (a refused page view, a throttled request, support's page views) as one
 * row per actor, organization, action, outcome and minute, counting the repeats; the first one's detail is
 * kept. A view's detail names the page, so each page viewed has a row of its own.
 */
export async function tallyAuditEvent(db: Database, event: NewAuditEvent, now = new Date()): Promise<void> {
  const minute = new Date(Math.floor(now.getTime() / MINUTE_MS) * MINUTE_MS);
  const page = event.outcome === "viewed" ? [event.detail ?? ""] : [];
  const tallyKey = [event.outcome, event.action, event.actorId, event.organizationId ?? "", minute.toISOString(), ...page].join(" ");
  await db
    .insert(auditEvents)
    .values({ ...event, occurredAt: now, count: 1, tallyKey })
    .onConflictDoUpdate({ target: auditEvents.tallyKey, set: { count: sql`${auditEvents.count} + 1` } });
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

/** Settles those of these attempts that are still `started` (work that will now never be sent). */
export async function settleStartedEvents(db: Database, ids: number[], fields: Partial<NewAuditEvent> & { outcome: string }): Promise<void> {
  await db.update(auditEvents).set(fields).where(and(inArray(auditEvents.id, ids), eq(auditEvents.outcome, "started")));
}

const DAY_MS = 86_400_000;

/**
 * Whose trail is read, with the proof that it may be: one organization's (the gate's grant), or the support
 * desk's across organizations (the desk gate's pass).
 */
export type TrailScope = { organization: OrgAccess } | { desk: DeskAuthorized };

/** An event with the name its organization goes by, for trails that span organizations. */
export type TrailEvent = AuditEvent & { organizationName: string | null };

/** `page` is 0-based and within `pages`. */
export type AuditPage = { events: TrailEvent[]; total: number; page: number; pages: number };

/**
 * The support desk's trail: everything support staff did in any organization, and everything done or tried
 * at the desk itself (no organization): auditors' looks and refused attempts, which no organization's trail shows.
 */
const supportTrail = or(eq(auditEvents.actorKind, "support"), isNull(auditEvents.organizationId));

/**
 * The organization's name: the directory's current one, else the name support last acted for it under (an
 * organization the directory has not seen, or one deleted since), else none (the page shows the id).
 */
function organizationName(db: Database): SQL<string | null> {
  const listed = db.select({ name: organizationDirectory.displayName }).from(organizationDirectory).where(eq(organizationDirectory.id, auditEvents.organizationId));
  const engaged = db
    .select({ name: supportEngagements.organizationName })
    .from(supportEngagements)
    .where(eq(supportEngagements.organizationId, auditEvents.organizationId))
    .orderBy(desc(supportEngagements.startedAt))
    .limit(1);
  return sql<string | null>`coalesce((${listed}), (${engaged}))`;
}

/** Events of organizations whose id, directory name or display name, or a name support acted for it under, contains the text. */
function organizationMatches(db: Database, text: string): SQL | undefined {
  const pattern = containing(text);
  return or(
    ilike(auditEvents.organizationId, pattern),
    exists(
      db
        .select({ id: organizationDirectory.id })
        .from(organizationDirectory)
        .where(and(eq(organizationDirectory.id, auditEvents.organizationId), or(ilike(organizationDirectory.name, pattern), ilike(organizationDirectory.displayName, pattern)))),
    ),
    exists(
      db
        .select({ id: supportEngagements.id })
        .from(supportEngagements)
        .where(and(eq(supportEngagements.organizationId, auditEvents.organizationId), ilike(supportEngagements.organizationName, pattern))),
    ),
  );
}

function trailWhere(db: Database, scope: TrailScope, filters: ActivityFilters): SQL | undefined {
  return and(
    "desk" in scope ? supportTrail : eq(auditEvents.organizationId, scope.organization.orgId),
    filters.actor ? or(ilike(auditEvents.actorName, containing(filters.actor)), ilike(auditEvents.actorEmail, containing(filters.actor))) : undefined,
    filters.organization ? organizationMatches(db, filters.organization) : undefined,
    filters.reason ? ilike(auditEvents.reason, containing(filters.reason)) : undefined,
    filters.action ? eq(auditEvents.action, filters.action) : undefined,
    filters.outcome ? eq(auditEvents.outcome, filters.outcome) : undefined,
    // Whole UTC days, both ends included: `to` runs until the next day begins.
    filters.from ? gte(auditEvents.occurredAt, new Date(`${filters.from}T00:00:00.000Z`)) : undefined,
    filters.to ? lt(auditEvents.occurredAt, new Date(Date.parse(`${filters.to}T00:00:00.000Z`) + DAY_MS)) : undefined,
  );
}

/**
 * One page of the scope's trail, newest first, with the filters applied, and how many events and pages
 * there are. A page past the end is the last page (an empty trail has one, empty, page).
 */
export async function auditTrail(
  db: Database,
  scope: TrailScope,
  filters: ActivityFilters,
  { page, perPage }: { page: number; perPage: number },
): Promise<AuditPage> {
  const where = trailWhere(db, scope, filters);
  const [{ total }] = (await db.select({ total: count() }).from(auditEvents).where(where)) as [{ total: number }];
  const window = pageWindow(Number(total), perPage, page);
  const events = await db
    .select({ ...getTableColumns(auditEvents), organizationName: organizationName(db) })
    .from(auditEvents)
    .where(where)
    .orderBy(desc(auditEvents.occurredAt), desc(auditEvents.id))
    .limit(perPage)
    .offset(window.offset);
  return { events, total: Number(total), page: window.page, pages: window.pages };
}

/**
 * The latest membership change (or attempt) to each of these members, for their line on the Members page.
 * The events name a member by address, as the trail does.
 */
export async function latestMemberChanges(db: Database, access: OrgAccess, emails: string[], actions: string[]): Promise<AuditEvent[]> {
  if (emails.length === 0) return [];
  return db
    .selectDistinctOn([auditEvents.inviteeEmail])
    .from(auditEvents)
    .where(and(eq(auditEvents.organizationId, access.orgId), inArray(auditEvents.action, actions), inArray(auditEvents.inviteeEmail, emails)))
    .orderBy(auditEvents.inviteeEmail, desc(auditEvents.id));
}
