import { bigserial, boolean, index, pgTable, text, timestamp } from "drizzle-orm/pg-core";

// Auth0 forgets accepted, revoked and expired invitations; this trail remembers every attempt.
export const auditEvents = pgTable(
  "audit_events",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    occurredAt: timestamp("occurred_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
    /** invite | revoke | resend | view */
    action: text("action").notNull(),
    /** created | refused | failed | revoked | resent */
    outcome: text("outcome").notNull(),
    actorId: text("actor_id").notNull(),
    actorEmail: text("actor_email").notNull(),
    actorName: text("actor_name").notNull(),
    /** member | support; null when refused before the actor was established */
    actorKind: text("actor_kind"),
    /** The reason support staff gave for acting on behalf of the organization. */
    reason: text("reason"),
    organizationId: text("organization_id").notNull(),
    inviteeEmail: text("invitee_email"),
    roles: text("roles").array().notNull().default([]),
    invitationId: text("invitation_id"),
    clientId: text("client_id"),
    connectionId: text("connection_id"),
    /** Whether Auth0 emailed the invitation; when not, the list offers the link to copy. */
    sendEmail: boolean("send_email"),
    /** The inviter name the invitee was shown (free text: kept, so impersonation can be traced). */
    inviterName: text("inviter_name"),
    /** Why it was refused or failed, in words a person can act on. */
    detail: text("detail"),
  },
  (table) => [index("audit_events_org_time").on(table.organizationId, table.occurredAt.desc(), table.id.desc())],
);

export type AuditEvent = typeof auditEvents.$inferSelect;
export type NewAuditEvent = typeof auditEvents.$inferInsert;
