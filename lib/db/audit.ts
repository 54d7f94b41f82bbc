import "server-only";
import { desc, eq } from "drizzle-orm";
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

