import "server-only";
import type { PgBoss } from "pg-boss";
import { organizationById, tenantRoles } from "@/lib/auth0/directory";
import { mailerAccess } from "@/lib/authz/background";
import { store, type Database } from "@/lib/db/store";
import { env } from "@/lib/env";
import { jobBoss } from "@/lib/jobs/boss";
import { claimDelivery, deliveryOutcome, queueDelivery, recordAttempt, strandedDeliveries, type EmailKind } from "@/lib/ledger/email-deliveries";
import { issueJoinLink } from "@/lib/ledger/join-links";
import { inLogScope, logger } from "@/lib/log/logger";
import { renderInvitationEmail } from "./invitation-template";
import { sendEmail, type SmtpAnswer } from "./transport";

// Invitation emails the app sends itself (SMTP_URL set). The send pipeline asks Auth0 not to email
// (`send_invitation_email: false`) and, once the invitation is settled in the ledger, records a delivery
// there and queues it on pg-boss: the request does not wait for the SMTP server. Recording and queuing are not
// one transaction, so a recovery sweep re-queues a delivery whose job a crash lost; each attempt claims its
// delivery first, so a re-queued job and a live one never both send, and counts attempts on the delivery, so a
// re-queue does not renew its budget. A temporary refusal (4xx, no connection) is retried with backoff; a 5xx is
// a bounce and is not. Auth0 is never called again for an email: a retry, or a reminder, sends the same /join link.

const QUEUE = "invitation-email";
/** Attempts after the first; with pg-boss's backoff from RETRY_DELAY_SECONDS, the last comes about an hour on. */
const RETRIES = 6;
const RETRY_DELAY_SECONDS = 60;
const RETRY_DELAY_MAX_SECONDS = 3600;

const RECOVERY_QUEUE = "invitation-email-recovery";
const EVERY_FIVE_MINUTES = "*/5 * * * *";
/** A queued delivery untried for longer than the longest retry delay, and a margin, has lost its job. */
const STRANDED_AFTER_MS = (RETRY_DELAY_MAX_SECONDS + 10 * 60) * 1000;

type EmailJob = { deliveryId: number };

/** Queue settings, overridable by tests, which cannot wait minutes between attempts. */
export type EmailQueueOptions = { retryLimit: number; retryDelaySeconds: number };
const DEFAULT_OPTIONS: EmailQueueOptions = { retryLimit: RETRIES, retryDelaySeconds: RETRY_DELAY_SECONDS };

async function ensureQueue(boss: PgBoss, options: EmailQueueOptions) {
  await boss.createQueue(QUEUE, { retryLimit: options.retryLimit, retryDelay: options.retryDelaySeconds, retryBackoff: true, retryDelayMax: RETRY_DELAY_MAX_SECONDS, expireInSeconds: 5 * 60 });
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
  await queueEmailJob(await emailBoss(), deliveryId);
}

/** Queues a job for one attempt (and its retries) at a delivery; the job's id. */
export function queueEmailJob(boss: PgBoss, deliveryId: number): Promise<string | null> {
  return boss.send(QUEUE, { deliveryId } satisfies EmailJob);
}

/**
 * One attempt at a queued delivery, of `maxAttempts` in all; returns the delivery's status after it (undefined
 * when it was already settled, or another attempt holds it).
 */
export async function attemptDelivery(db: Database, deliveryId: number, maxAttempts: number) {
  const found = await claimDelivery(db, deliveryId);
  if (!found) return undefined;
  const { delivery, invitation } = found;
  let lastAttempt = delivery.attempts + 1 >= maxAttempts;
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
      const status = await attemptDelivery(db, job.data.deliveryId, options.retryLimit + 1);
      logger().info({ delivery: job.data.deliveryId, status }, "invitation email attempt");
      // Thrown, pg-boss tries the job again after its backoff.
      if (status === "queued") throw new Error("the SMTP server refused the email for now");
    });
  });
  return () => boss.offWork(QUEUE, { wait: true });
}

/** Queues a new job for each delivery whose job is gone as of `now`; their ids. */
export async function recoverStrandedDeliveries(boss: PgBoss, db: Database, now: Date): Promise<number[]> {
  const stranded = await strandedDeliveries(db, new Date(now.getTime() - STRANDED_AFTER_MS));
  for (const deliveryId of stranded) await queueEmailJob(boss, deliveryId);
  return stranded;
}

/**
 * Starts this instance's part in the recovery sweep: a cron schedule kept in the store sends a job every five
 * minutes, and a "stately" queue runs at most one sweep at a time across instances.
 * https://github.com/timgit/pg-boss/blob/master/docs/api/scheduling.md
 */
export async function startEmailRecoveryOn(boss: PgBoss, db: Database, { clock = () => new Date() }: { clock?: () => Date } = {}): Promise<() => Promise<void>> {
  await boss.createQueue(RECOVERY_QUEUE, { policy: "stately", retryLimit: 0, expireInSeconds: 5 * 60 });
  await boss.schedule(RECOVERY_QUEUE, EVERY_FIVE_MINUTES);
  await boss.work(RECOVERY_QUEUE, { localConcurrency: 1, pollingIntervalSeconds: 30 }, async ([job]) => {
    if (!job) return;
    await inLogScope({ requestId: job.id, task: "email-recovery" }, async () => {
      const requeued = await recoverStrandedDeliveries(boss, db, clock());
      if (requeued.length > 0) logger().warn({ deliveries: requeued }, "invitation emails re-queued: their jobs were lost");
    });
  });
  return () => boss.offWork(RECOVERY_QUEUE, { wait: true });
}

/** Started from instrumentation.ts when SMTP_URL is set: this instance sends queued invitation emails. */
export async function startInvitationEmailWorkers(): Promise<void> {
  const [boss, opened] = await Promise.all([emailBoss(), store()]);
  await startInvitationEmailWorkerOn(boss, opened.db);
  await startEmailRecoveryOn(boss, opened.db);
}
