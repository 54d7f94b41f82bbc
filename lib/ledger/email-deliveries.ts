import "server-only";
import { and, desc, eq, inArray, sql } from "drizzle-orm";
import { leaseEnd, leaseFree } from "@/lib/db/lease";
import type { Database } from "@/lib/db/store";
import { emailDeliveries, invitations, type EmailDelivery, type LedgerInvitation } from "./table";

// Where each invitation email the app sends itself stands. A delivery is queued, then each attempt ends it
// as sent, bounced (the SMTP server refused it for good, a 5xx) or, once its attempts are used up, failed; a
// temporary refusal (4xx, no connection) leaves it queued for the next attempt. A settled delivery never
// changes again, so a late retry of a job cannot undo a bounce. An attempt first claims its delivery for a
// short lease, so two jobs for one delivery (a retry and a re-queue) never send at once.

export type EmailKind = "invitation" | "reminder";
export type DeliveryStatus = "queued" | "sent" | "bounced" | "failed";

/** What an attempt's SMTP answer makes of the delivery. */
export function deliveryOutcome(answer: { accepted: boolean; permanent?: boolean }, lastAttempt: boolean): DeliveryStatus {
  if (answer.accepted) return "sent";
  if (answer.permanent) return "bounced";
  return lastAttempt ? "failed" : "queued";
}

/** Records a delivery to be made of an invitation the ledger holds; its id is the job's. */
export async function queueDelivery(db: Database, invitationId: string, kind: EmailKind): Promise<number> {
  const [invitation] = await db.select({ organizationId: invitations.organizationId }).from(invitations).where(eq(invitations.id, invitationId));
  if (!invitation) throw new Error(`The ledger holds no invitation ${invitationId} to email`);
  const [row] = await db
    .insert(emailDeliveries)
    .values({ invitationId, organizationId: invitation.organizationId, kind, status: "queued" })
    .returning({ id: emailDeliveries.id });
  return row!.id;
}

/**
 * How long an attempt holds its delivery: longer than a send can stall (nodemailer's socket timeout, 10
 * minutes) so that its job's retry after expiry (5 minutes) does not send too; short enough that a crashed
 * attempt's delivery is soon free for the recovery sweep.
 */
const ATTEMPT_LEASE_SECONDS = 15 * 60;

/**
 * Claims a queued delivery for one attempt, with its invitation; undefined when it is settled (or unknown), or
 * another attempt holds it. recordAttempt releases it.
 */
export async function claimDelivery(db: Database, id: number): Promise<{ delivery: EmailDelivery; invitation: LedgerInvitation } | undefined> {
  const [delivery] = await db
    .update(emailDeliveries)
    .set({ leaseUntil: leaseEnd(ATTEMPT_LEASE_SECONDS) })
    .where(and(eq(emailDeliveries.id, id), eq(emailDeliveries.status, "queued"), leaseFree(emailDeliveries.leaseUntil)))
    .returning();
  if (!delivery) return undefined;
  const [invitation] = await db.select().from(invitations).where(eq(invitations.id, delivery.invitationId));
  return invitation && { delivery, invitation };
}

/**
 * Queued deliveries nothing has tried since `before`, and no attempt holds: their job is gone (a crash between
 * recording the delivery and queuing its job), as no retry waits that long.
 */
export async function strandedDeliveries(db: Database, before: Date): Promise<number[]> {
  const rows = await db
    .select({ id: emailDeliveries.id })
    .from(emailDeliveries)
    .where(and(eq(emailDeliveries.status, "queued"), sql`coalesce(${emailDeliveries.attemptedAt}, ${emailDeliveries.queuedAt}) < ${before.toISOString()}::timestamptz`, leaseFree(emailDeliveries.leaseUntil)))
    .orderBy(emailDeliveries.id);
  return rows.map((row) => row.id);
}

/** Records one attempt's answer and releases its claim; only a queued delivery changes. */
export async function recordAttempt(db: Database, id: number, status: DeliveryStatus, smtpResponse: string): Promise<void> {
  const now = new Date();
  await db
    .update(emailDeliveries)
    .set({
      status,
      smtpResponse,
      attempts: sql`${emailDeliveries.attempts} + 1`,
      attemptedAt: now,
      leaseUntil: null,
      ...(status !== "queued" && { settledAt: now }),
    })
    .where(and(eq(emailDeliveries.id, id), eq(emailDeliveries.status, "queued")));
}

/** An invitation's deliveries, newest first. */
export function deliveriesOf(db: Database, invitationId: string): Promise<EmailDelivery[]> {
  return deliveriesAmong(db, [invitationId]);
}

/** The deliveries of these invitations (an invitation's chain, on its history page), newest first. */
export function deliveriesAmong(db: Database, invitationIds: string[]): Promise<EmailDelivery[]> {
  return db.select().from(emailDeliveries).where(inArray(emailDeliveries.invitationId, invitationIds)).orderBy(desc(emailDeliveries.id));
}

/** The latest delivery of each of these invitations (the invitations list); invitations without one are absent. */
export async function latestDeliveries(db: Database, invitationIds: string[]): Promise<Map<string, EmailDelivery>> {
  if (invitationIds.length === 0) return new Map();
  const rows = await db
    .selectDistinctOn([emailDeliveries.invitationId])
    .from(emailDeliveries)
    .where(inArray(emailDeliveries.invitationId, invitationIds))
    .orderBy(emailDeliveries.invitationId, desc(emailDeliveries.id));
  return new Map(rows.map((row) => [row.invitationId, row]));
}

/**
 * The mail server's answer as an organization's people see it: an SMTP reply ("550 5.1.1 No such user") as it
 * came; anything else (a connection error naming the operator's hosts, an Auth0 error) only as "no answer".
 * The whole text stays in the ledger and the logs for the operator.
 */
export function answerForPeople(response: string | null): string {
  return response && /^[2-5]\d\d[ -]/.test(response) ? response.slice(0, 300) : "no answer from the mail server";
}

/** What the inviter is told of a delivery that did not arrive, and what to do next; undefined for one that did or may yet. */
export function deliveryProblem(delivery: Pick<EmailDelivery, "status" | "smtpResponse" | "attempts">): string | undefined {
  const answer = delivery.smtpResponse ? ` The mail server said: ${answerForPeople(delivery.smtpResponse)}.` : "";
  if (delivery.status === "bounced") {
    return `Our email bounced: the invitee's mail server refused it.${answer} Check the address; if it is right, use Resend to send it again, or revoke it and invite the right address.`;
  }
  if (delivery.status === "failed") {
    return `Our email could not be delivered after ${delivery.attempts} attempts.${answer} Use Resend to send it again later, or tell your administrator that the mail server is not taking email.`;
  }
  return undefined;
}
