// The audit trail's words, defined once: what was attempted (action) and how it ended (outcome). The
// store, the pages, the CSV export and the tests all read them from here.

export const AUDIT_ACTIONS = {
  invite: "invite",
  revoke: "revoke",
  resend: "resend",
  reinvite: "re-invite",
  copy_link: "copy the link of",
  view: "view",
  act_for: "act on behalf of",
  stop_acting: "stop acting on behalf of",
  find: "search for",
  refresh_directory: "refresh",
  view_support_activity: "view",
  view_webhook_deliveries: "view",
  bulk_job: "change",
  refresh_ledger: "refresh",
  refresh_members: "refresh",
  change_member_roles: "change the roles of",
  remove_member: "remove",
  open_desk: "open",
  accept: "accept",
  expire: "expire",
  remove_outside: "remove",
  tighten_policy: "tighten",
  remove_policy_tightening: "remove a tightening of",
  approve: "approve",
  deny: "deny",
  remind: "remind",
  renew: "renew",
} as const;
export type AuditAction = keyof typeof AUDIT_ACTIONS;

/** The same actions done: "Alice Admin invited …" (lib/audit/describe.ts builds the sentences). */
export const AUDIT_ACTIONS_DONE = {
  invite: "invited",
  revoke: "revoked",
  resend: "resent",
  reinvite: "re-invited",
  copy_link: "copied the link of",
  view: "viewed",
  act_for: "began acting on behalf of",
  stop_acting: "stopped acting on behalf of",
  find: "searched for",
  refresh_directory: "refreshed",
  view_support_activity: "viewed",
  view_webhook_deliveries: "viewed",
  bulk_job: "changed",
  refresh_ledger: "refreshed",
  refresh_members: "refreshed",
  change_member_roles: "changed the roles of",
  remove_member: "removed",
  open_desk: "opened",
  accept: "accepted",
  expire: "expired unused",
  remove_outside: "was removed from Auth0 outside this app",
  tighten_policy: "tightened",
  remove_policy_tightening: "removed a tightening of",
  approve: "approved",
  deny: "denied",
  remind: "reminded",
  renew: "renewed",
} as const satisfies Record<AuditAction, string>;

/**
 * Each attempt is written as `started` before Auth0 is called (write-ahead), then settled to exactly one
 * final outcome. A row left `started` means the app stopped mid-call: the outcome is unknown.
 */
export const AUDIT_OUTCOMES = {
  started: "outcome unknown",
  created: "created",
  replaced: "replaced",
  resent: "resent",
  revoked: "revoked",
  copied: "link copied",
  emailed: "emailed again",
  viewed: "viewed",
  done: "done",
  skipped: "skipped",
  requested: "sent for approval",
  refused: "refused",
  throttled: "too many requests",
  failed: "failed",
} as const;
export type AuditOutcome = keyof typeof AUDIT_OUTCOMES;

/** The support desk's own actions, which concern no one organization: an organization's Activity page never lists them. */
const DESK_ACTIONS: ReadonlySet<AuditAction> = new Set(["find", "refresh_directory", "view_support_activity", "view_webhook_deliveries", "open_desk"]);

/**
 * What befell an invitation on the invitee's side, recorded by the ledger as it learns it from Auth0 (the
 * tenant logs, or the list of invitations): no person of this app did them. The acceptance is the
 * invitee's (`accept`; a failed one that used the invitation up is `accept` — failed); the rest Auth0's.
 */
export const INVITATION_FATES: ReadonlySet<AuditAction> = new Set(["expire", "remove_outside"]);

/** Page views: what was viewed is the action's object; a refused view was refused that object. */
export const PAGE_VIEWS: ReadonlySet<AuditAction> = new Set(["view", "view_support_activity", "view_webhook_deliveries", "open_desk"]);
export const ORGANIZATION_ACTIONS = (Object.keys(AUDIT_ACTIONS) as AuditAction[]).filter((action) => !DESK_ACTIONS.has(action));

export const isAuditAction = (value: string): value is AuditAction => value in AUDIT_ACTIONS;
export const isAuditOutcome = (value: string): value is AuditOutcome => value in AUDIT_OUTCOMES;
