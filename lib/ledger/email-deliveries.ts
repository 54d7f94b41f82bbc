import "server-only";
import { and, desc, eq, inArray, sql } from "drizzle-orm";
import type { Database } from "@/lib/db/store";
import { emailDeliveries, invitations, type EmailDelivery, type LedgerInvitation } from "./table";

// Where each invitation email the app sends itself stands. A delivery is queued, then each attempt ends it
// as sent, bounced (the SMTP server refused it for good, a 5xx) or, once its attempts are used up, failed; a
// temporary refusal (4xx, no connection) leaves it queued for the next attempt. A settled delivery never
// changes again, so a late retry of a job cannot undo a bounce.

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

/** A queued delivery with its invitation, for an attempt; undefined once it is settled (or unknown). */
export async function pendingDelivery(db: Database, id: number): Promise<{ delivery: EmailDelivery; invitation: LedgerInvitation } | undefined> {
  const [row] = await db
    .select({ delivery: emailDeliveries, invitation: invitations })
    .from(emailDeliveries)
    .innerJoin(invitations, eq(invitations.id, emailDeliveries.invitationId))
    .where(and(eq(emailDeliveries.id, id), eq(emailDeliveries.status, "queued")))
    .limit(1);
  return row;
}

/** Records one attempt's answer; only a queued delivery changes. */
export async function recordAttempt(db: Database, id: number, status: DeliveryStatus, smtpResponse: string): Promise<void> {
  const now = new Date();
  await db
    .update(emailDeliveries)
    .set({
      status,
      smtpResponse,
      attempts: sql`${emailDeliveries.attempts} + 1`,
      attemptedAt: now,
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

/** What the inviter is told of a delivery that did not arrive, and what to do next; undefined for one that did or may yet. */
export function deliveryProblem(delivery: Pick<EmailDelivery, "status" | "smtpResponse" | "attempts">): string | undefined {
  const answer = delivery.smtpResponse ? ` The mail server said: ${delivery.smtpResponse}` : "";
  if (delivery.status === "bounced") {
    return `Our email bounced: the invitee's mail server refused it.${answer} Check the address; if it is right, use Resend to send it again, or revoke it and invite the right address.`;
  }
  if (delivery.status === "failed") {
    return `Our email could not be delivered after ${delivery.attempts} attempts.${answer} Use Resend to send it again later, or tell your administrator that the mail server is not taking email.`;
  }
  return undefined;
}
