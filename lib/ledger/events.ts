import "server-only";
import { randomUUID } from "node:crypto";
import { and, asc, eq, inArray, isNotNull, isNull, lt } from "drizzle-orm";
import type { Database } from "@/lib/db/store";
import { EVENT_BY_STATUS, REMINDED_EVENT, type EventType, type MemberEventType } from "./event-types";
import type { InvitationStatus } from "./status";
import { invitations, ledgerEvents, type LedgerEvent } from "./table";

// Events for other systems, from the ledger's transitions (delivered as webhooks by lib/webhooks). Each is
// written to the outbox (`ledger_events`) by the same transaction that makes the transition, so none is lost
// and none is invented. A status that only became certain (inferred → read from the logs) is no event.

/** Who made the transition: a person in this app, the invitee (as Auth0 logged them), Auth0 or this app. */
export type EventActor = { id: string; name: string; kind: string };

export type EventSubject = {
  id: string;
  organizationId: string;
  inviteeEmail: string;
  roleIds: string[];
};

export type EventData = {
  organization_id: string;
  invitation_id: string;
  invitee_email: string;
  role_ids: string[];
  status: InvitationStatus;
  actor: EventActor;
  /** The invitation that replaced this one (`invitation.replaced`), or that this one replaced (`invitation.created`). */
  successor_id?: string;
  predecessor_id?: string;
  /** The status was judged from membership and expiry because Auth0's logs could not be read. */
  inferred?: boolean;
  /** `invitation.reminded`: which reminder of the policy's, and how (our email again, or a replacement). */
  reminder?: { number: number; of: number; by: "email" | "replacement" };
};

export type NewEvent = Pick<LedgerEvent, "id" | "type" | "organizationId" | "subjectId" | "occurredAt"> & { data: EventData | MemberEventData };

/** The outbox row for a transition of `subject` to `status`. Pure, so its shape is tested apart from the store. */
export function buildEvent(
  subject: EventSubject,
  status: InvitationStatus,
  actor: EventActor,
  at: Date,
  extra: Pick<EventData, "successor_id" | "predecessor_id" | "inferred" | "reminder"> = {},
  type: EventType = EVENT_BY_STATUS[status],
): NewEvent {
  const data: EventData = {
    organization_id: subject.organizationId,
    invitation_id: subject.id,
    invitee_email: subject.inviteeEmail,
    role_ids: subject.roleIds,
    status,
    actor,
    ...Object.fromEntries(Object.entries(extra).filter(([, value]) => value !== undefined && value !== false)),
  };
  return { id: `evt_${randomUUID()}`, type, organizationId: subject.organizationId, subjectId: subject.id, occurredAt: at, data };
}

/** The outbox row for a reminder of a pending invitation (write it in the transaction that records the reminder). */
export function buildReminderEvent(subject: EventSubject, actor: EventActor, at: Date, reminder: NonNullable<EventData["reminder"]>, successorId?: string): NewEvent {
  return buildEvent(subject, "pending", actor, at, { reminder, successor_id: successorId }, REMINDED_EVENT);
}

/** A change this app made to a member, once Auth0 has said ok: the roles before and after (none after a removal). */
export type MemberChange = {
  organizationId: string;
  userId: string;
  email: string;
  roleIdsBefore: readonly string[];
  roleIdsAfter: readonly string[];
};

export type MemberEventData = {
  organization_id: string;
  user_id: string;
  email: string;
  role_ids_before: string[];
  role_ids_after: string[];
  actor: EventActor;
};

/**
 * The outbox row for a change to a member. Its subject is the member's user id, so that a member's events
 * reach each endpoint in the order they were made.
 */
export function buildMemberEvent(type: MemberEventType, change: MemberChange, actor: EventActor, at: Date): NewEvent {
  const data: MemberEventData = {
    organization_id: change.organizationId,
    user_id: change.userId,
    email: change.email,
    role_ids_before: [...change.roleIdsBefore],
    role_ids_after: [...change.roleIdsAfter],
    actor,
  };
  return { id: `evt_${randomUUID()}`, type, organizationId: change.organizationId, subjectId: change.userId, occurredAt: at, data };
}

/** Writes the event; call it inside the transaction that makes the transition. */
export async function recordEvent(db: Database, event: NewEvent): Promise<void> {
  await db.insert(ledgerEvents).values(event);
}

/** Events not yet handed to the webhook deliveries, oldest first. */
export function eventsAwaitingFanOut(db: Database, limit: number): Promise<LedgerEvent[]> {
  return db.select().from(ledgerEvents).where(isNull(ledgerEvents.fannedOutAt)).orderBy(asc(ledgerEvents.sequence)).limit(limit);
}

/** Events whose people have not yet been told (lib/notifications), oldest first, each with the invitation's creator. */
export function eventsAwaitingNotice(db: Database, limit: number) {
  return db
    .select({
      event: ledgerEvents,
      creator: { actorId: invitations.actorId, actorEmail: invitations.actorEmail, actorName: invitations.actorName, actorKind: invitations.actorKind },
    })
    .from(ledgerEvents)
    .leftJoin(invitations, eq(invitations.id, ledgerEvents.subjectId))
    .where(isNull(ledgerEvents.noticedAt))
    .orderBy(asc(ledgerEvents.sequence))
    .limit(limit)
    .for("update", { of: ledgerEvents, skipLocked: true });
}

/** Marks events as told; call it in the transaction that made their notices. */
export async function markNoticed(db: Database, sequences: number[], at = new Date()): Promise<void> {
  if (sequences.length === 0) return;
  await db.update(ledgerEvents).set({ noticedAt: at }).where(inArray(ledgerEvents.sequence, sequences));
}

/** Marks events as handed to the deliveries; call it in the transaction that wrote them. */
export async function markFannedOut(db: Database, sequences: number[], at = new Date()): Promise<void> {
  if (sequences.length === 0) return;
  await db.update(ledgerEvents).set({ fannedOutAt: at }).where(inArray(ledgerEvents.sequence, sequences));
}

/**
 * Deletes the outbox's events handed to the deliveries before `before`; returns how many. Their deliveries
 * carry their own copy of the body, so a delivery still pending is unaffected; an event not yet handed over
 * is never deleted.
 */
export async function forgetFannedOutEvents(db: Database, before: Date): Promise<number> {
  const deleted = await db
    .delete(ledgerEvents)
    .where(and(isNotNull(ledgerEvents.fannedOutAt), lt(ledgerEvents.fannedOutAt, before)))
    .returning({ sequence: ledgerEvents.sequence });
  return deleted.length;
}
