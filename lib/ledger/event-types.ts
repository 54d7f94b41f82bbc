// The event types other systems receive (lib/ledger/events.ts writes them, lib/webhooks delivers them), apart
// from the store so that the configuration can check endpoint filters against them.
import type { InvitationStatus } from "./status";

/** Every event type, by the status a transition leads to; `invitation.created` is the entry's first record. */
export const EVENT_BY_STATUS = {
  pending: "invitation.created",
  accepted: "invitation.accepted",
  consumed: "invitation.consumed_by_other_account",
  expired: "invitation.expired",
  revoked: "invitation.revoked",
  replaced: "invitation.replaced",
  removed: "invitation.removed_elsewhere",
  awaiting_approval: "invitation.approval_requested",
  approved: "invitation.approved",
  denied: "invitation.denied",
  request_expired: "invitation.approval_expired",
} as const satisfies Record<InvitationStatus, string>;

/** A reminder by the organization's policy: no transition of the invitation, but an event of its own (lib/reminders). */
export const REMINDED_EVENT = "invitation.reminded";

/** A member's roles were changed, or the member removed, through this app's Members page (lib/members/change.ts). */
export const MEMBER_EVENT_TYPES = ["member.roles_changed", "member.removed"] as const;
export type MemberEventType = (typeof MEMBER_EVENT_TYPES)[number];

type InvitationEventType = (typeof EVENT_BY_STATUS)[InvitationStatus] | typeof REMINDED_EVENT;
export type EventType = InvitationEventType | MemberEventType;
const STATUS_EVENT_TYPES = Object.values(EVENT_BY_STATUS) as [InvitationEventType, ...InvitationEventType[]];
export const EVENT_TYPES: [EventType, ...EventType[]] = [...STATUS_EVENT_TYPES, REMINDED_EVENT, ...MEMBER_EVENT_TYPES];
