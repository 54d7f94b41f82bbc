import "server-only";
import { randomUUID } from "node:crypto";
import { asc, eq, inArray, isNull } from "drizzle-orm";
import type { Database } from "@/lib/db/store";
import { EVENT_BY_STATUS } from "./event-types";
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
};

export type NewEvent = Pick<LedgerEvent, "id" | "type" | "organizationId" | "invitationId" | "occurredAt"> & { data: EventData };

/** The outbox row for a transition of `subject` to `status`. Pure, so its shape is tested apart from the store. */
export function buildEvent(
  subject: EventSubject,
  status: InvitationStatus,
  actor: EventActor,
  at: Date,
  extra: Pick<EventData, "successor_id" | "predecessor_id" | "inferred"> = {},
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
  return { id: `evt_${randomUUID()}`, type: EVENT_BY_STATUS[status], organizationId: subject.organizationId, invitationId: subject.id, occurredAt: at, data };
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
    .leftJoin(invitations, eq(invitations.id, ledgerEvents.invitationId))
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
