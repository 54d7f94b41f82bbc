import "server-only";
import type { PgBoss } from "pg-boss";
import { organizationById, tenantRoles } from "@/lib/auth0/directory";
import { mailerAccess } from "@/lib/authz/background";
import { store, type Database } from "@/lib/db/store";
import { env } from "@/lib/env";
import { jobBoss } from "@/lib/jobs/boss";
import { deliveryOutcome, pendingDelivery, queueDelivery, recordAttempt, type EmailKind } from "@/lib/ledger/email-deliveries";
import { issueJoinLink } from "@/lib/ledger/join-links";
import { inLogScope, logger } from "@/lib/log/logger";
import { renderInvitationEmail } from "./invitation-template";
import { sendEmail, type SmtpAnswer } from "./transport";

// Invitation emails the app sends itself (SMTP_URL set). The send pipeline asks Auth0 not to email
// (`send_invitation_email: false`) and, once the invitation is settled in the ledger, records a delivery
// there and queues it on pg-boss: the request does not wait for the SMTP server, and a crash loses no email.
// A temporary refusal (4xx, no connection) is retried with backoff; a 5xx is a bounce and is not. Auth0 is
// never called again for an email: a retry, or a reminder, sends the same /join link.

const QUEUE = "invitation-email";
/** Attempts after the first; with pg-boss's backoff from RETRY_DELAY_SECONDS, the last comes about an hour on. */
const RETRIES = 6;
const RETRY_DELAY_SECONDS = 60;

type EmailJob = { deliveryId: number };

/** Queue settings, overridable by tests, which cannot wait minutes between attempts. */
export type EmailQueueOptions = { retryLimit: number; retryDelaySeconds: number };
const DEFAULT_OPTIONS: EmailQueueOptions = { retryLimit: RETRIES, retryDelaySeconds: RETRY_DELAY_SECONDS };

async function ensureQueue(boss: PgBoss, options: EmailQueueOptions) {
  await boss.createQueue(QUEUE, { retryLimit: options.retryLimit, retryDelay: options.retryDelaySeconds, retryBackoff: true, retryDelayMax: 3600, expireInSeconds: 5 * 60 });
}

const holder = globalThis as typeof globalThis & { __emailQueue?: Promise<PgBoss> };
function emailBoss(): Promise<PgBoss> {
  holder.__emailQueue ??= jobBoss().then(async (boss) => (await ensureQueue(boss, DEFAULT_OPTIONS), boss));
  holder.__emailQueue.catch(() => (holder.__emailQueue = undefined));
  return holder.__emailQueue;
}

/** Records a delivery of the invitation's email in the ledger and queues it; a reminder re-sends the same link. */
export async function sendInvitationEmail(db: Database, invitationId: string, kind: "invitation" | "reminder"): Promise<void> {
  const deliveryId = await queueDelivery(db, invitationId, kind);
  await (await emailBoss()).send(QUEUE, { deliveryId } satisfies EmailJob);
}

/** One attempt at a queued delivery; returns the delivery's status after it (undefined when it was already settled). */
export async function attemptDelivery(db: Database, deliveryId: number, lastAttempt: boolean) {
  const found = await pendingDelivery(db, deliveryId);
  if (!found) return undefined;
  const { delivery, invitation } = found;
  let answer: SmtpAnswer;
  if (invitation.status !== "pending") {
    answer = { accepted: false, response: `Not sent: the invitation is ${invitation.status.replaceAll("_", " ")}.`, permanent: false };
    lastAttempt = true;
  } else {
    try {
      answer = await sendEmail(await invitationMessage(db, invitation, delivery.kind as EmailKind));
    } catch (error) {
      // Reading the organization's branding or the role names failed: worth another attempt, like an SMTP 4xx.
      answer = { accepted: false, response: error instanceof Error ? error.message : String(error), permanent: false };
    }
  }
  const status = deliveryOutcome(answer, lastAttempt);
  await recordAttempt(db, deliveryId, status, answer.response);
  return status;
}

async function invitationMessage(db: Database, invitation: Parameters<typeof issueJoinLink>[1] & { inviteeEmail: string; inviterName: string; roleIds: string[]; expiresAt: Date }, kind: EmailKind) {
  const [organization, roles, token] = await Promise.all([organizationById(mailerAccess(invitation.organizationId)), tenantRoles(), issueJoinLink(db, invitation)]);
  const names = new Map(roles.map((role) => [role.id, role.name]));
  const content = await renderInvitationEmail({
    kind,
    organizationName: organization.displayName,
    logoUrl: organization.branding.logoUrl,
    primaryColor: organization.branding.primaryColor,
    inviterName: invitation.inviterName,
    roleNames: invitation.roleIds.map((id) => names.get(id) ?? id),
    expiresAt: invitation.expiresAt,
    joinUrl: new URL(`/join/${token}`, env().NEXTAUTH_URL).toString(),
  });
  return { to: invitation.inviteeEmail, ...content, headers: { "X-Invitation-Id": invitation.id, "X-Email-Kind": kind } };
}

/** Starts this instance's email worker on a started PgBoss; returns how to stop it. */
export async function startInvitationEmailWorkerOn(boss: PgBoss, db: Database, options: EmailQueueOptions = DEFAULT_OPTIONS): Promise<() => Promise<void>> {
  await ensureQueue(boss, options);
  await boss.work<EmailJob>(QUEUE, { localConcurrency: 2, pollingIntervalSeconds: 1 }, async ([job]) => {
    if (!job) return;
    await inLogScope({ requestId: job.id, task: "email" }, async () => {
      const status = await attemptDelivery(db, job.data.deliveryId, job.retryCount >= options.retryLimit);
      logger().info({ delivery: job.data.deliveryId, status }, "invitation email attempt");
      // Thrown, pg-boss tries the job again after its backoff.
      if (status === "queued") throw new Error("the SMTP server refused the email for now");
    });
  });
  return () => boss.offWork(QUEUE, { wait: true });
}

/** Started from instrumentation.ts when SMTP_URL is set: this instance sends queued invitation emails. */
export async function startInvitationEmailWorkers(): Promise<void> {
  const [boss, opened] = await Promise.all([emailBoss(), store()]);
  await startInvitationEmailWorkerOn(boss, opened.db);
}
