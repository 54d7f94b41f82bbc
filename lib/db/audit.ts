import "server-only";
import { and, desc, eq, inArray } from "drizzle-orm";
import { auditEvents, type AuditEvent, type NewAuditEvent } from "./schema";
import type { Database } from "./store";

export type AuditPage = { events: AuditEvent[]; page: number; hasMore: boolean };

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

/** The organization's trail, newest first. */
export async function listAuditEvents(db: Database, organizationId: string, page: number, perPage = 25): Promise<AuditPage> {
  const rows = await db
    .select()
    .from(auditEvents)
    .where(eq(auditEvents.organizationId, organizationId))
    .orderBy(desc(auditEvents.occurredAt), desc(auditEvents.id))
    .limit(perPage + 1)
    .offset(page * perPage);
  return { events: rows.slice(0, perPage), page, hasMore: rows.length > perPage };
}


/** Of these invitation ids, the ones created without an email (their links are for the inviter to share). */
export async function invitationsCreatedWithoutEmail(db: Database, organizationId: string, invitationIds: string[]): Promise<Set<string>> {
  if (invitationIds.length === 0) return new Set();
  const rows = await db
    .select({ invitationId: auditEvents.invitationId })
    .from(auditEvents)
    .where(
      and(
        eq(auditEvents.organizationId, organizationId),
        inArray(auditEvents.invitationId, invitationIds),
        eq(auditEvents.sendEmail, false),
      ),
    );
  return new Set(rows.map((row) => row.invitationId!));
}
