import "server-only";
import { and, desc, eq, gt, sql } from "drizzle-orm";
import { organizationById, tenantRoles } from "@/lib/auth0/directory";
import { notifierAccess } from "@/lib/authz/background";
import { topRoleName } from "@/lib/authz/gate";
import { inviterNotices, type InviterNotice } from "@/lib/db/schema";
import type { Database } from "@/lib/db/store";
import type { OutgoingEmail, SmtpAnswer } from "@/lib/email/transport";
import { eventsAwaitingNotice, markNoticed } from "@/lib/ledger/events";
import type { EventData } from "@/lib/ledger/events";
import type { EventType } from "@/lib/ledger/event-types";
import { membersHoldingRole } from "@/lib/members/copy";
import { outcomeEmail } from "./outcome-email";
import { recipientsOf, TOLD_EVENTS, type Person } from "./recipients";
import { settingsOf } from "./settings";

// Telling people what became of their invitations, from the ledger's outbox: each event becomes one notice per
// person told (the unique key on event and person keeps a second maker's rows out, and the events are taken with
// SKIP LOCKED), which the home page lists; with our own email on, each notice is emailed once — the send is
// claimed by moving the notice from queued to sending, so two workers never both send it; a temporary refusal is
// tried again later. lib/notifications/queue.ts runs both on pg-boss.

const BATCH = 100;

export type NoticeSettings = { notifySupportAgent: boolean; ownEmail: boolean };

/** The organization's admins (holding the top of ROLE_RANKING), from the store's copy of its members. */
function adminsOf(db: Database, organizationId: string, topRoleId: string | undefined): Promise<Person[]> | Person[] {
  return topRoleId ? membersHoldingRole(db, notifierAccess(organizationId), topRoleId) : [];
}

async function organizationName(organizationId: string): Promise<string> {
  try {
    return (await organizationById(notifierAccess(organizationId))).displayName;
  } catch {
    // A deleted organization, or Auth0 unreachable: the notice still says which one.
    return organizationId;
  }
}

/** Makes the notices of the outbox's new events; returns how many events it took. */
export async function makeNotices(db: Database, settings: NoticeSettings): Promise<number> {
  // What Auth0 tells (organizations' names, the top role's id) is read first, outside the transaction.
  const coming = (await eventsAwaitingNotice(db, BATCH)).filter(({ event }) => TOLD_EVENTS.has(event.type as EventType));
  const organizations = [...new Set(coming.map(({ event }) => event.organizationId))];
  const names = new Map(await Promise.all(organizations.map(async (id) => [id, await organizationName(id)] as const)));
  const topRoleId = coming.length > 0 ? (await tenantRoles()).find((role) => role.name === topRoleName())?.id : undefined;
  return db.transaction(async (tx) => {
    const inTransaction = tx as unknown as Database;
    const events = await eventsAwaitingNotice(inTransaction, BATCH);
    for (const { event, creator } of events) {
      if (!TOLD_EVENTS.has(event.type as EventType)) continue;
      const admins = creator?.actorKind === "support" && !settings.notifySupportAgent ? await adminsOf(inTransaction, event.organizationId, topRoleId) : [];
      const recipients = recipientsOf(event.type, creator, admins, settings.notifySupportAgent);
      if (recipients.length === 0) continue;
      const data = event.data as EventData;
      const by = event.type === "invitation.expired" ? undefined : data.actor;
      await tx
        .insert(inviterNotices)
        .values(
          recipients.map((recipient) => ({
            eventId: event.id,
            eventType: event.type,
            recipientId: recipient.userId,
            recipientEmail: recipient.email,
            recipientName: recipient.name,
            recipientRole: recipient.role,
            organizationId: event.organizationId,
            organizationName: names.get(event.organizationId) ?? event.organizationId,
            invitationId: event.subjectId,
            inviteeEmail: data.invitee_email,
            byName: by?.name || null,
            byId: by?.id || null,
            occurredAt: event.occurredAt,
            emailStatus: settings.ownEmail && recipient.email ? "queued" : "none",
          })),
        )
        .onConflictDoNothing();
    }
    await markNoticed(inTransaction, events.map(({ event }) => event.sequence));
    return events.length;
  });
}

const MINUTE = 60_000;
/** After the nth temporary refusal (4xx, or no connection), the next try waits RETRY_DELAYS[n - 1]: six tries over about an hour. */
const RETRY_DELAYS = [1, 5, 10, 20, 30].map((minutes) => minutes * MINUTE);
/**
 * How long a claimed send may take before the next round takes it back: longer than nodemailer's own socket
 * timeout (10 minutes), so a slow but live send is not taken back from under its worker.
 */
const SENDING_LEASE = 15 * MINUTE;

/**
 * Takes the next due email for this worker alone: a queued one whose retry time has come, or one whose
 * sender's lease ran out. Taking a lapsed send back can, at worst, send the email twice — when an instance died
 * after the SMTP server accepted it but before the answer was recorded. One duplicate after a crash is preferred
 * to losing the email: the inviter would otherwise never hear of the outcome by email, and nothing shows it lost.
 */
async function claimNext(db: Database, now: Date): Promise<InviterNotice | undefined> {
  const due = sql`coalesce(${inviterNotices.emailDueAt}, '-infinity') <= ${now.toISOString()}`;
  const [claimed] = await db
    .update(inviterNotices)
    .set({ emailStatus: "sending", emailAttempts: sql`${inviterNotices.emailAttempts} + 1`, emailDueAt: new Date(now.getTime() + SENDING_LEASE) })
    .where(
      eq(
        inviterNotices.id,
        sql`(select ${inviterNotices.id} from ${inviterNotices} where ${inviterNotices.emailStatus} in ('queued', 'sending') and ${due} order by ${inviterNotices.id} limit 1 for update skip locked)`,
      ),
    )
    .returning();
  return claimed;
}

/** What the answer makes of the notice: sent, failed for good, or queued for a later try. */
function afterAnswer(answer: SmtpAnswer, attempts: number, now: Date): Pick<InviterNotice, "emailStatus" | "emailDueAt"> {
  if (answer.accepted) return { emailStatus: "sent", emailDueAt: null };
  const delay = RETRY_DELAYS[attempts - 1];
  if (answer.permanent || delay === undefined) return { emailStatus: "failed", emailDueAt: null };
  return { emailStatus: "queued", emailDueAt: new Date(now.getTime() + delay) };
}

export type EmailSender = (message: OutgoingEmail) => Promise<SmtpAnswer>;

/**
 * Emails every due notice, unless its person turned these emails off (then it is marked so), and records the
 * SMTP server's answer: accepted is sent, a permanent refusal (5xx) is final, a temporary one is tried again
 * after RETRY_DELAYS.
 */
export async function emailQueuedNotices(db: Database, send: EmailSender, appUrl: string, now = new Date()): Promise<number> {
  let sent = 0;
  for (let notice = await claimNext(db, now); notice; notice = await claimNext(db, now)) {
    if (!(await settingsOf(db, notice.recipientId)).outcomeEmails) {
      await db.update(inviterNotices).set({ emailStatus: "off", emailDueAt: null }).where(eq(inviterNotices.id, notice.id));
      continue;
    }
    const message = await outcomeEmail({
      notice,
      historyUrl: new URL(`/orgs/${notice.organizationId}/invitations/${notice.invitationId}`, appUrl).toString(),
      settingsUrl: new URL("/settings", appUrl).toString(),
    });
    const answer = await send({ to: notice.recipientEmail, ...message, headers: { "X-Invitation-Id": notice.invitationId, "X-Notice-Event-Id": notice.eventId } });
    await db
      .update(inviterNotices)
      .set({ ...afterAnswer(answer, notice.emailAttempts, now), emailResponse: answer.response, emailedAt: new Date() })
      .where(and(eq(inviterNotices.id, notice.id), eq(inviterNotices.emailStatus, "sending"), eq(inviterNotices.emailAttempts, notice.emailAttempts)));
    if (answer.accepted) sent++;
  }
  return sent;
}

const SINCE_LIMIT = 20;
/** With no previous visit, the list goes this far back. */
const FIRST_VISIT_DAYS = 30;

/** The person's notices since `since` (their previous visit), newest first. */
export function noticesSince(db: Database, userId: string, since: Date | null, now = new Date()): Promise<InviterNotice[]> {
  const from = since ?? new Date(now.getTime() - FIRST_VISIT_DAYS * 86_400_000);
  return db
    .select()
    .from(inviterNotices)
    .where(and(eq(inviterNotices.recipientId, userId), gt(inviterNotices.createdAt, from)))
    .orderBy(desc(inviterNotices.createdAt), desc(inviterNotices.id))
    .limit(SINCE_LIMIT);
}
