import { sql, type SQL } from "drizzle-orm";
import { bigint, bigserial, boolean, doublePrecision, index, integer, pgTable, primaryKey, text, uniqueIndex } from "drizzle-orm/pg-core";
import { time } from "./columns";

// The ledger's tables are its own (lib/ledger/table.ts; a lint rule keeps everyone else out of them); they
// are named here too so that drizzle-kit and the store see the whole schema.
export * from "../ledger/table";

// The log of attempts, refusals included. Auth0 forgets accepted, revoked and expired invitations; this
// trail remembers every attempt. Words for `action` and `outcome`: lib/audit/vocabulary.ts.
export const auditEvents = pgTable(
  "audit_events",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    occurredAt: time("occurred_at").notNull().defaultNow(),
    action: text("action").notNull(),
    /** Written as `started` before Auth0 is called, then settled to the final outcome. */
    outcome: text("outcome").notNull(),
    actorId: text("actor_id").notNull(),
    actorEmail: text("actor_email").notNull(),
    actorName: text("actor_name").notNull(),
    /** member | support; null when refused before the actor was established */
    actorKind: text("actor_kind"),
    /** The reason support staff gave for acting on behalf of the organization. */
    reason: text("reason"),
    /** Null only for support-desk actions that concern no one organization (a finder search). */
    organizationId: text("organization_id"),
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
    /** How many times this happened: refused page views and throttled requests are tallied, one row per minute. */
    count: integer("count").notNull().default(1),
    /** A tallied row's actor, organization, action, outcome and minute; null for rows recorded one by one. */
    tallyKey: text("tally_key"),
  },
  (table) => [
    index("audit_events_org_time").on(table.organizationId, table.occurredAt.desc(), table.id.desc()),
    index("audit_events_invitation").on(table.invitationId),
    uniqueIndex("audit_events_tally").on(table.tallyKey),
  ],
);

export type AuditEvent = typeof auditEvents.$inferSelect;
export type NewAuditEvent = typeof auditEvents.$inferInsert;

// The tenant's organizations, for support's finder: Auth0 cannot search organizations by substring, so a
// copy is kept here, refreshed by checkpoint paging (lib/directory/). Exact look-ups by id or name go live.
export const organizationDirectory = pgTable(
  "organization_directory",
  {
    id: text("id").primaryKey(),
    name: text("name").notNull(),
    displayName: text("display_name").notNull(),
    /** When a refresh or a live look-up last saw it; a finished refresh drops what it did not see. */
    seenAt: time("seen_at").notNull(),
  },
  (table) => [index("organization_directory_display_name").on(table.displayName, table.id)],
);

export type DirectoryOrganization = typeof organizationDirectory.$inferSelect;

// Where the directory refresh stands. One row: the refresh under way (its start and Auth0's checkpoint, so
// another instance can go on after a crash), the last complete one, and a lease so one instance pages at a time.
export const directoryRefresh = pgTable("directory_refresh", {
  id: integer("id").primaryKey(),
  startedAt: time("started_at"),
  /** Auth0's checkpoint (`next`) of the refresh under way; valid for 24 hours. */
  checkpoint: text("checkpoint"),
  completedAt: time("completed_at"),
  organizationCount: integer("organization_count"),
  leaseHolder: text("lease_holder"),
  leaseUntil: time("lease_until"),
  problem: text("problem"),
});

// Each organization's members, for the Members page and seat counts: Auth0 lists members only 100 a call,
// so a copy is kept here (lib/members/), filled by checkpoint paging and kept current from the tenant logs.
export const organizationMembers = pgTable(
  "organization_members",
  {
    organizationId: text("organization_id").notNull(),
    userId: text("user_id").notNull(),
    email: text("email").notNull(),
    /** Auth0's `name`; empty when Auth0 gave none, or only the email. */
    name: text("name").notNull(),
    /** What a search looks in: the address and the name, lowercased, a line apart (so no match spans both). */
    searchText: text("search_text").generatedAlwaysAs((): SQL => sql`lower(${organizationMembers.email}) || chr(10) || lower(${organizationMembers.name})`),
    /** The member's roles in the organization (names come from the tenant's roles when shown). */
    roleIds: text("role_ids").array().notNull().default([]),
    /** When a refresh, a tenant-log event or this app's own change last saw the membership; a finished refresh drops older ones. */
    seenAt: time("seen_at").notNull(),
  },
  (table) => [
    primaryKey({ columns: [table.organizationId, table.userId] }),
    // The page's order (and paging) and the search by address; counting by organization uses the primary key.
    index("organization_members_email").on(table.organizationId, sql`lower(${table.email})`, table.userId),
    index("organization_members_roles").using("gin", table.roleIds),
  ],
);

export type OrganizationMember = typeof organizationMembers.$inferSelect;

// Where each organization's copy of its members stands: the refresh under way (its start and Auth0's
// checkpoint, so another instance can go on after a crash), the last complete one, a lease so one instance
// pages an organization at a time, and when the copy last changed (for open pages to notice).
export const memberRefreshes = pgTable("member_refreshes", {
  organizationId: text("organization_id").primaryKey(),
  startedAt: time("started_at"),
  /** Auth0's checkpoint (`next`) of the refresh under way; valid for 24 hours. */
  checkpoint: text("checkpoint"),
  completedAt: time("completed_at"),
  /** When "Refresh from Auth0" (or an old copy) last asked the background for a refresh. */
  requestedAt: time("requested_at"),
  leaseHolder: text("lease_holder"),
  leaseUntil: time("lease_until"),
  problem: text("problem"),
  problemAt: time("problem_at"),
  /** When a refresh, a tenant-log event or this app last changed the copy. */
  changedAt: time("changed_at"),
});

// Support staff acting on behalf of an organization: the reason is given once on entering, and holds for
// that organization until the agent stops or the sign-in session ends (`sessionId` is the session's own id).
export const supportEngagements = pgTable(
  "support_engagements",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    sessionId: text("session_id").notNull(),
    actorId: text("actor_id").notNull(),
    organizationId: text("organization_id").notNull(),
    /** For the banner on every page, without an Auth0 read per page. */
    organizationName: text("organization_name").notNull(),
    reason: text("reason").notNull(),
    startedAt: time("started_at").notNull().defaultNow(),
    endedAt: time("ended_at"),
  },
  (table) => [index("support_engagements_session").on(table.sessionId, table.organizationId)],
);

export type SupportEngagement = typeof supportEngagements.$inferSelect;

// What the gate last found about a user's inviter role in an organization. Only the home page's list of
// links reads it, to spare a roles read per membership; every action and page still asks Auth0 live.
export const inviterRoleHints = pgTable(
  "inviter_role_hints",
  {
    userId: text("user_id").notNull(),
    organizationId: text("organization_id").notNull(),
    inviter: boolean("inviter").notNull(),
    checkedAt: time("checked_at").notNull(),
  },
  (table) => [primaryKey({ columns: [table.userId, table.organizationId] })],
);

// Bulk onboarding: a job of many invitations into one organization, sent at the pace Auth0 allows by
// workers on every instance (through pg-boss), each row at most once. Words: lib/bulk/states.ts.
export const bulkJobs = pgTable(
  "bulk_jobs",
  {
    id: text("id").primaryKey(),
    organizationId: text("organization_id").notNull(),
    /** Who created it: the gate re-checks this person while the job runs. */
    actorId: text("actor_id").notNull(),
    actorEmail: text("actor_email").notNull(),
    actorName: text("actor_name").notNull(),
    actorKind: text("actor_kind").notNull(),
    reason: text("reason"),
    /** For a support agent's job: the engagement (reason, sign-in session) it was made under; it runs while that lasts. */
    engagementId: bigint("engagement_id", { mode: "number" }),
    /** draft (previewed) | running | paused | cancelled | stopped | done */
    status: text("status").notNull(),
    /** Why it stopped (the inviter lost the role), in words a person can act on. */
    statusDetail: text("status_detail"),
    clientId: text("client_id").notNull(),
    connectionId: text("connection_id"),
    ttlSeconds: integer("ttl_seconds").notNull(),
    sendEmail: boolean("send_email").notNull(),
    inviterName: text("inviter_name").notNull(),
    createdAt: time("created_at").notNull().defaultNow(),
    startedAt: time("started_at"),
    finishedAt: time("finished_at"),
    /** When the gate last let the creator through for this job. */
    authorizedAt: time("authorized_at"),
  },
  (table) => [index("bulk_jobs_org_created").on(table.organizationId, table.createdAt.desc())],
);

export type BulkJob = typeof bulkJobs.$inferSelect;

export const bulkRows = pgTable(
  "bulk_rows",
  {
    jobId: text("job_id").notNull(),
    /** The row's line in the upload (1 = the first data row). */
    line: integer("line").notNull(),
    email: text("email").notNull(),
    name: text("name"),
    roleIds: text("role_ids").array().notNull().default([]),
    roleNames: text("role_names").array().notNull().default([]),
    connectionId: text("connection_id"),
    /** queued | sending | sent | skipped | failed | merged (lib/bulk/states.ts) */
    state: text("state").notNull(),
    /** Why skipped or failed; which line a merged row went into. */
    detail: text("detail"),
    invitationId: text("invitation_id"),
    /** The link, kept when the job sends no email, for the result CSV. */
    invitationUrl: text("invitation_url"),
    attempts: integer("attempts").notNull().default(0),
    /** While `sending`: until when the worker that took it holds it; after that its outcome is unknown. */
    leaseUntil: time("lease_until"),
    /** Which claim holds the lease: a holder sends only while the lease is still its own. */
    leaseHolder: text("lease_holder"),
    /** The row's one audit event, written ahead of its first attempt; retries and a lost answer settle this same event. */
    auditEventId: bigint("audit_event_id", { mode: "number" }),
    /** Not before this time (a backoff after a 5xx or a lost answer). */
    retryAt: time("retry_at"),
    /** Since when a send's outcome is unknown (its answer was lost): Auth0 is asked before any resend. */
    uncertainSince: time("uncertain_since"),
    updatedAt: time("updated_at").notNull().defaultNow(),
  },
  (table) => [primaryKey({ columns: [table.jobId, table.line] }), index("bulk_rows_job_state").on(table.jobId, table.state, table.line)],
);

export type BulkRow = typeof bulkRows.$inferSelect;

// Auth0's rate-limit buckets as its X-RateLimit headers describe them, shared by every instance, so all
// of them together pace their calls to what the tenant allows.
export const rateBudgets = pgTable("rate_budgets", {
  bucket: text("bucket").primaryKey(),
  /** X-RateLimit-Limit: the bucket's size. */
  capacity: integer("capacity").notNull(),
  /** Tokens per second, learned from X-RateLimit-Reset or configured. */
  refillPerSecond: doublePrecision("refill_per_second").notNull(),
  tokens: doublePrecision("tokens").notNull(),
  updatedAt: time("updated_at").notNull(),
});

// Sign-in sessions, kept on the server so that one can end before its cookie does: written at sign-in,
// ended at sign-out; the cookie of a session that is ended, unknown, idle or too old is refused.
export const sessions = pgTable(
  "sessions",
  {
    /** The session's own id, carried in its cookie. */
    id: text("id").primaryKey(),
    userId: text("user_id").notNull(),
    createdAt: time("created_at").notNull().defaultNow(),
    /** Updated at most once a minute, to keep the store's writes low. */
    lastSeenAt: time("last_seen_at").notNull().defaultNow(),
    endedAt: time("ended_at"),
  },
  (table) => [index("sessions_user").on(table.userId)],
);

export type SessionRecord = typeof sessions.$inferSelect;

// rate-limiter-flexible's table (RateLimiterDrizzle): points spent per key until `expire`, shared by every
// instance. Keys: lib/authz/throttle.ts.
export const rateLimits = pgTable("rate_limits", {
  key: text("key").primaryKey(),
  points: integer("points").notNull().default(0),
  expire: time("expire"),
});

// Seats held by invitations being sent (lib/invitations/seats.ts owns this table): each is taken, under a
// per-organization lock, after the attempt's write-ahead and before Auth0 is called, and ends in the
// transaction that settles the attempt (a created invitation then counts as pending in the ledger). One
// whose instance died runs out at `until`, on the store's clock.
export const seatReservations = pgTable(
  "seat_reservations",
  {
    /** The attempt's audit event, written ahead: one seat per attempt, kept across a bulk row's retries. */
    auditId: bigint("audit_id", { mode: "number" }).primaryKey(),
    organizationId: text("organization_id").notNull(),
    until: time("until").notNull(),
  },
  (table) => [index("seat_reservations_org").on(table.organizationId, table.until)],
);

// An organization's own admins' tightenings of the operator's delegation policy (lib/policy/tightenings.ts),
// one row per organization and limit: the value in the metadata's syntax, never looser than the operator's
// when it was set, and who set it when. Its history is in the audit trail (who, old, new).
export const policyTightenings = pgTable(
  "policy_tightenings",
  {
    organizationId: text("organization_id").notNull(),
    /** A PolicyLimit: lib/policy/format.ts. */
    limit: text("limit").notNull(),
    value: text("value").notNull(),
    setById: text("set_by_id").notNull(),
    setByEmail: text("set_by_email").notNull(),
    setByName: text("set_by_name").notNull(),
    setAt: time("set_at").notNull().defaultNow(),
  },
  (table) => [primaryKey({ columns: [table.organizationId, table.limit] })],
);

export type PolicyTightening = typeof policyTightenings.$inferSelect;

// The webhook delivery log (lib/webhooks/deliver.ts): one row per event and endpoint, with its attempts and
// how the last one went, kept after it was delivered or given up, for support staff and auditors.
export const webhookDeliveries = pgTable(
  "webhook_deliveries",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    /** The event's id, as receivers see it (`webhook-id`). */
    eventId: text("event_id").notNull(),
    /** The event's place in commit order: deliveries for one subject go out in this order. */
    eventSequence: bigint("event_sequence", { mode: "number" }).notNull(),
    eventType: text("event_type").notNull(),
    organizationId: text("organization_id").notNull(),
    /** The invitation's id, or the member's user id (lib/ledger/events.ts `subjectId`). */
    subjectId: text("subject_id").notNull(),
    endpointUrl: text("endpoint_url").notNull(),
    /** The signed body, fixed when the delivery is made so that every attempt sends the same bytes. */
    body: text("body").notNull(),
    /** pending | delivered | given_up */
    status: text("status").notNull().default("pending"),
    attempts: integer("attempts").notNull().default(0),
    nextAttemptAt: time("next_attempt_at").notNull().defaultNow(),
    /** Held by the instance attempting it, so no two attempt it at once. */
    leaseUntil: time("lease_until"),
    lastAttemptAt: time("last_attempt_at"),
    /** The receiver's HTTP status, null when no answer came. */
    lastStatusCode: integer("last_status_code"),
    lastError: text("last_error"),
    createdAt: time("created_at").notNull().defaultNow(),
    settledAt: time("settled_at"),
  },
  (table) => [
    uniqueIndex("webhook_deliveries_event_endpoint").on(table.eventId, table.endpointUrl),
    index("webhook_deliveries_due").on(table.status, table.nextAttemptAt),
    index("webhook_deliveries_subject").on(table.endpointUrl, table.subjectId, table.eventSequence),
    // The delivery log (lib/webhooks/log.ts), newest first, and retention (lib/webhooks/retention.ts).
    index("webhook_deliveries_created").on(table.createdAt),
  ],
);

export type WebhookDelivery = typeof webhookDeliveries.$inferSelect;

// Telling inviters what became of their invitations (lib/notifications/): one notice per ledger event and person
// told, made once from the ledger's outbox (the unique key keeps a second maker's row out), read by the home
// page's "Since your last visit" and, with our own email on, emailed once (the status claims the send).
export const inviterNotices = pgTable(
  "inviter_notices",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    /** The ledger event told of (ledger_events.id). */
    eventId: text("event_id").notNull(),
    eventType: text("event_type").notNull(),
    recipientId: text("recipient_id").notNull(),
    recipientEmail: text("recipient_email").notNull(),
    recipientName: text("recipient_name").notNull(),
    /** inviter | admin (an organization admin told of a support-made invitation) */
    recipientRole: text("recipient_role").notNull(),
    organizationId: text("organization_id").notNull(),
    organizationName: text("organization_name").notNull(),
    invitationId: text("invitation_id").notNull(),
    inviteeEmail: text("invitee_email").notNull(),
    /** Who accepted or tried (the Auth0 user in the tenant log): name and user id. */
    byName: text("by_name"),
    byId: text("by_id"),
    occurredAt: time("occurred_at").notNull(),
    createdAt: time("created_at").notNull().defaultNow(),
    /**
     * none (our own email is off) | queued | sending | sent | failed (refused for good, or still refused for
     * now after the last attempt) | off (the person turned emails off)
     */
    emailStatus: text("email_status").notNull(),
    /** The SMTP server's answer to the last send. */
    emailResponse: text("email_response"),
    emailedAt: time("emailed_at"),
    /** Sends tried so far (lib/notifications/notices.ts retries a temporary refusal). */
    emailAttempts: integer("email_attempts").notNull().default(0),
    /** queued: not to be tried before this; sending: the claim's lease ends then, and the next round takes it back. */
    emailDueAt: time("email_due_at"),
  },
  (table) => [
    uniqueIndex("inviter_notices_event_recipient").on(table.eventId, table.recipientId),
    index("inviter_notices_recipient").on(table.recipientId, table.createdAt.desc()),
    index("inviter_notices_email_due").on(table.emailDueAt).where(sql`${table.emailStatus} in ('queued', 'sending')`),
  ],
);

export type InviterNotice = typeof inviterNotices.$inferSelect;

// Each person's own settings (the /settings page); no row means the defaults.
export const personSettings = pgTable("person_settings", {
  userId: text("user_id").primaryKey(),
  /** Email me when my invitations are accepted, used by another account, or expire unaccepted. */
  outcomeEmails: boolean("outcome_emails").notNull().default(true),
  updatedAt: time("updated_at").notNull().defaultNow(),
});

// When each person last looked at the home page, for "Since your last visit" (lib/notifications/visits.ts).
export const personVisits = pgTable("person_visits", {
  userId: text("user_id").primaryKey(),
  /** Where this visit's "since" starts: the end of the previous visit; null before a second visit. */
  seenUntil: time("seen_until"),
  lastActiveAt: time("last_active_at").notNull(),
});
