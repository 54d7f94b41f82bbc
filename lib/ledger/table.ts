// The ledger's tables. Only lib/ledger reads or writes them (eslint.config.mjs enforces it); everyone else
// asks lib/ledger. lib/db/schema.ts re-exports them for drizzle-kit and the store.
import { bigserial, boolean, index, integer, jsonb, pgTable, primaryKey, text } from "drizzle-orm/pg-core";
import { sql } from "drizzle-orm";
import { time } from "../db/columns";

// The ledger: one row per Auth0 invitation this app knows, kept after Auth0 deletes it, with what became
// of it. Status words and the rules between them: lib/ledger/status.ts.
export const invitations = pgTable(
  "invitations",
  {
    /** Auth0's invitation id (uinv_…). */
    id: text("id").primaryKey(),
    organizationId: text("organization_id").notNull(),
    inviteeEmail: text("invitee_email").notNull(),
    roleIds: text("role_ids").array().notNull().default([]),
    clientId: text("client_id").notNull(),
    connectionId: text("connection_id"),
    /** The inviter name Auth0 shows the invitee. */
    inviterName: text("inviter_name").notNull(),
    /** Who in this app created it; null for invitations created outside this app. */
    actorId: text("actor_id"),
    actorEmail: text("actor_email"),
    actorName: text("actor_name"),
    actorKind: text("actor_kind"),
    reason: text("reason"),
    /** Null when not known (created outside this app). */
    sendEmail: boolean("send_email"),
    /** Kept for invitations Auth0 did not email: sent without email (the inviter shares it), or by our own email (the landing page continues to it). */
    invitationUrl: text("invitation_url"),
    ticketId: text("ticket_id"),
    createdAt: time("created_at").notNull(),
    expiresAt: time("expires_at").notNull(),
    /** app | outside */
    origin: text("origin").notNull(),
    status: text("status").notNull(),
    statusAt: time("status_at").notNull(),
    /** The status was inferred (Auth0's logs were unavailable), not read from Auth0. */
    statusInferred: boolean("status_inferred").notNull().default(false),
    /** Who revoked it (in this app), or the Auth0 user who accepted or used it up. */
    statusById: text("status_by_id"),
    statusByName: text("status_by_name"),
    /** The invitation that replaced this one (resend, replace, re-invite). */
    successorId: text("successor_id"),
    predecessorId: text("predecessor_id"),
    /**
     * When a read of this one invitation last found it in Auth0: for pending ones that Auth0's list, which
     * stops at 1,000 from either end, cannot show (lib/ledger/reconcile.ts).
     */
    verifiedAt: time("verified_at"),
  },
  (table) => [
    index("invitations_org_status").on(table.organizationId, table.status, table.createdAt.desc()),
    index("invitations_org_email").on(table.organizationId, table.inviteeEmail),
  ],
);

export type LedgerInvitation = typeof invitations.$inferSelect;
export type NewLedgerInvitation = typeof invitations.$inferInsert;

// Where the tenant-log reader stands. One row: the checkpoint (last applied log_id), a lease so that one
// reader at a time calls Auth0, and what the reader last saw (a gap, or logs unavailable).
export const logReader = pgTable("log_reader", {
  id: integer("id").primaryKey(),
  checkpoint: text("checkpoint"),
  /** When the reader started: what happened to invitations made before then is not in what it read. */
  coveredSince: time("covered_since"),
  readAt: time("read_at"),
  leaseHolder: text("lease_holder"),
  leaseUntil: time("lease_until"),
  /** Set while logs cannot be read (no read:logs); statuses are inferred meanwhile. */
  problem: text("problem"),
  problemSince: time("problem_since"),
  /** The last gap: the checkpoint had fallen out of Auth0's retention, so logs from `gapFrom` were lost. */
  gapFrom: time("gap_from"),
  gapFoundAt: time("gap_found_at"),
});

// Each tenant log event applied (to the ledger, and to the copy of organizations' members), once: the
// primary key makes a second application fail.
export const appliedLogEvents = pgTable("applied_log_events", {
  logId: text("log_id").primaryKey(),
  type: text("type").notNull(),
  /** Null for a membership change that names no invitation (a Management API add, removal or role change). */
  invitationId: text("invitation_id"),
  organizationId: text("organization_id"),
  occurredAt: time("occurred_at").notNull(),
  appliedAt: time("applied_at").notNull().defaultNow(),
});

// Where each organization's ledger stands against Auth0's list of its invitations: when a refresh was last
// asked for (by a page that found the data old, or by "Refresh from Auth0"), when the last one began reading
// (what the page shows as "as of"), and why the last one failed, if it did.
export const ledgerRefreshes = pgTable("ledger_refreshes", {
  organizationId: text("organization_id").primaryKey(),
  requestedAt: time("requested_at"),
  startedAt: time("started_at"),
  /** When the last complete refresh began reading Auth0: what the ledger holds is as of then. */
  refreshedAt: time("refreshed_at"),
  problem: text("problem"),
  problemAt: time("problem_at"),
});

// What a request for approval holds beyond its row in `invitations` (id req_…, status awaiting_approval, the
// requester as its actor, its expiry as the request's): the rule that asked for it, the invitation's expiry
// length, and the decision. Its settings are the ledger row's, so that the list, the history and the send
// read one place.
export const approvalRequests = pgTable("approval_requests", {
  /** The request's id in `invitations`. */
  id: text("id").primaryKey(),
  organizationId: text("organization_id").notNull(),
  /** The policy rule that asked for approval (outside_domains | approval_roles), and what it said. */
  rule: text("rule").notNull(),
  ruleMessage: text("rule_message").notNull(),
  /** The invitation's own expiry, from when it is sent. */
  ttlSeconds: integer("ttl_seconds").notNull(),
  deciderId: text("decider_id"),
  deciderEmail: text("decider_email"),
  deciderName: text("decider_name"),
  deciderKind: text("decider_kind"),
  /** Support's reason, when support decided. */
  deciderReason: text("decider_reason"),
  note: text("note"),
  decidedAt: time("decided_at"),
});

export type ApprovalRequest = typeof approvalRequests.$inferSelect;

// The transactional outbox of events for other systems (webhooks, lib/webhooks): one row per ledger
// transition, written in the transaction that makes the transition, so a rolled-back one leaves none and a
// committed one always has its event. Event types and payloads: lib/ledger/events.ts.
export const ledgerEvents = pgTable(
  "ledger_events",
  {
    /** Commit order among events: what per-invitation delivery order follows. */
    sequence: bigserial("sequence", { mode: "number" }).primaryKey(),
    /** The stable id receivers deduplicate on (the Standard Webhooks `webhook-id`). */
    id: text("id").notNull().unique(),
    type: text("type").notNull(),
    organizationId: text("organization_id").notNull(),
    /** What the event is about, whose events are delivered in order: the invitation's id (`invitation.*`), the member's user id (`member.*`). */
    subjectId: text("subject_id").notNull(),
    occurredAt: time("occurred_at").notNull(),
    /** The event's `data` as delivered. */
    data: jsonb("data").notNull(),
    /** When lib/webhooks made its deliveries to the endpoints configured then; null until it has. */
    fannedOutAt: time("fanned_out_at"),
    /** When lib/notifications told the people concerned (the inviter, or the admins); null until it has. */
    noticedAt: time("noticed_at"),
  },
  (table) => [
    index("ledger_events_unfanned").on(table.sequence).where(sql`${table.fannedOutAt} is null`),
    index("ledger_events_unnoticed").on(table.sequence).where(sql`${table.noticedAt} is null`),
  ],
);

export type LedgerEvent = typeof ledgerEvents.$inferSelect;

// The landing page's links (/join/{token}): one per invitation the app emails itself. Only the token's SHA-256
// is kept, so a copy of the store cannot open an invitation; the token itself is derived (lib/ledger/join-links.ts)
// so that a reminder can send the same link again.
export const joinLinks = pgTable(
  "join_links",
  {
    tokenHash: text("token_hash").primaryKey(),
    invitationId: text("invitation_id").notNull(),
    organizationId: text("organization_id").notNull(),
    createdAt: time("created_at").notNull().defaultNow(),
  },
  (table) => [index("join_links_invitation").on(table.invitationId)],
);

// Reminders and automatic renewals by the organization's policy (lib/reminders): one row per step of an
// invitation's chain (the invitation and those that replaced it), claimed before it is acted on. The primary
// key makes a second claim of the same step fail, whichever instance or restart tries it.
export const invitationSteps = pgTable(
  "invitation_steps",
  {
    /** The first invitation of the chain: what the policy's "at most K times" counts over. */
    chainId: text("chain_id").notNull(),
    /** `reminder:1`, `reminder:2`, `renewal:1` … */
    step: text("step").notNull(),
    /** reminder | renewal */
    kind: text("kind").notNull(),
    /** The invitation acted on: reminded, replaced or renewed. */
    invitationId: text("invitation_id").notNull(),
    organizationId: text("organization_id").notNull(),
    claimedAt: time("claimed_at").notNull(),
    /** started (claimed, outcome unknown) | emailed | renewed | skipped | failed */
    outcome: text("outcome").notNull(),
    /** Why it was skipped or failed; how it was done. */
    detail: text("detail"),
    /** The invitation that replaced or renewed it. */
    successorId: text("successor_id"),
    settledAt: time("settled_at"),
  },
  (table) => [primaryKey({ columns: [table.chainId, table.step] }), index("invitation_steps_invitation").on(table.invitationId)],
);

export type InvitationStep = typeof invitationSteps.$inferSelect;

// Invitation emails the app sends itself (SMTP_URL set, lib/email): one row per email asked for — the
// invitation, and each reminder — with where its delivery stands and the SMTP server's last answer, so the
// inviter can see a bounce or a failure. Status words and their rules: lib/ledger/email-deliveries.ts.
export const emailDeliveries = pgTable(
  "email_deliveries",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    invitationId: text("invitation_id").notNull(),
    organizationId: text("organization_id").notNull(),
    /** invitation | reminder */
    kind: text("kind").notNull(),
    /** queued | sent | bounced | failed */
    status: text("status").notNull(),
    attempts: integer("attempts").notNull().default(0),
    /** The SMTP server's last reply line (or why it could not be reached). */
    smtpResponse: text("smtp_response"),
    queuedAt: time("queued_at").notNull().defaultNow(),
    attemptedAt: time("attempted_at"),
    settledAt: time("settled_at"),
    /** Until when an attempt holds the delivery (claimDelivery), so two jobs for it never send at once. */
    leaseUntil: time("lease_until"),
  },
  (table) => [index("email_deliveries_invitation").on(table.invitationId, table.id.desc())],
);

export type EmailDelivery = typeof emailDeliveries.$inferSelect;
