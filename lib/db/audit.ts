import "server-only";
import { and, desc, eq, inArray } from "drizzle-orm";
import { auditEvents, type AuditEvent, type NewAuditEvent } from "./schema";
import type { Database } from "./store";

export type AuditPage = { events: AuditEvent[]; page: number; hasMore: boolean };

export async function recordAuditEvent(db: Database, event: NewAuditEvent): Promise<void> {
  await db.insert(auditEvents).values(event);
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
