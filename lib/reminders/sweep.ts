import "server-only";
import { reminderSweepAccess } from "@/lib/authz/background";
import { reauthorizeJob, type AuthorityWords, type Reauthorized } from "@/lib/authz/job-authority";
import { Refusal } from "@/lib/authz/refusal";
import { recordAuditEvent, settleAuditEvent } from "@/lib/db/audit";
import type { Database } from "@/lib/db/store";
import { sendInvitationEmail } from "@/lib/email/invitation-email";
import { ownEmail } from "@/lib/email/transport";
import { lifetimeSeconds, reissue } from "@/lib/invitations/change";
import { roleNamesOf, writeAhead, type Sender } from "@/lib/invitations/send";
import type { EventActor } from "@/lib/ledger/events";
import { expireOverdue } from "@/lib/ledger/ledger";
import { chainRoot, chainSteps, claimStep, settleStep, stepCandidates, type StepClaim, type StepOutcome } from "@/lib/ledger/steps";
import type { LedgerInvitation } from "@/lib/db/schema";
import { logger } from "@/lib/log/logger";
import { delegationPolicy } from "@/lib/policy/policy";
import { RENEW_WITHIN_MS, dueStep, type DueStep, type StepPolicy } from "./steps";

// The sweep that carries out each organization's reminder and renewal policy (README, "Reminders and
// renewal"), run on pg-boss's scheduler (./queue.ts) and given its time, so a test runs it as the scheduler
// would. For each step due (./steps.ts):
//   1. the original inviter's authority, read live (lib/authz's `reauthorizeJob`, as bulk jobs do): before the
//      claim, so that an Auth0 read that fails leaves the step for the next sweep;
//   2. the claim (lib/ledger/steps.ts): a unique key per chain and step, so no other sweep, now or after a
//      restart, takes it again;
//   3. the send: with our own email, the same email and link again, Auth0 not called; otherwise a replacement
//      (Auth0 emails the new invitation), and for a renewal a new invitation after the expired one: both
//      through the one pipeline, `sendOne`, paced with every other send;
//   4. settled once, in the trail and on the step, with the `invitation.reminded` event of a reminder.
// A step that cannot be taken (no authority, no email to send) is skipped and recorded with why, once.

export type SweepSummary = { reminded: number; renewed: number; skipped: number; failed: number };

/** The app itself made the step, by the organization's policy (on the inviter's authority). */
const POLICY_ACTOR: EventActor = { id: "app", name: "This app (the organization's policy)", kind: "app" };

const WORDS: AuthorityWords = {
  subject: (name) => `Its inviter, ${name},`,
  remedy: (restore) => `${restore}, or send it again from the invitations page.`,
  engagementOver: "Send it again from the invitations page.",
  giveUp: "Send it again from the invitations page if it should go.",
};

/**
 * Support staff act for an organization only while engaged with a stated reason, which a reminder days
 * later no longer has: the organization's policy still applies, and its step is skipped, saying so.
 */
export const SUPPORT_MADE =
  "It was sent by support staff, who act for an organization only while engaged with a stated reason; the policy's steps do not act on that. Its organization's inviters may send it again from the invitations page.";
export const WITHOUT_EMAIL = "It was sent without email, for its link to be shared by hand: there is no email to remind with, and a new invitation would leave the shared link dead.";

const stepName = (due: DueStep) => `${due.kind === "reminder" ? "Reminder" : "Automatic renewal"} ${due.number} of ${due.of}, by the organization's policy`;

/** The steps the organization's policy sets; none when it sets neither (or a value that does not parse: then nothing is sent). */
async function organizationSteps(orgId: string): Promise<StepPolicy | undefined> {
  const policy = await delegationPolicy(reminderSweepAccess(orgId));
  const reminders = policy.reminders.ok ? policy.reminders.value : undefined;
  const renewals = policy.renewals.ok ? policy.renewals.value : undefined;
  return reminders || renewals ? { reminders, renewals } : undefined;
}

/** Whether the step may be taken, on whose authority; why not, in words for the trail. */
async function authority(entry: LedgerInvitation): Promise<Reauthorized> {
  if (entry.sendEmail === false) return { ok: false, why: WITHOUT_EMAIL };
  if (entry.actorKind === "support") return { ok: false, why: SUPPORT_MADE };
  if (!entry.actorId) return { ok: false, why: "No one in this app sent it, so there is no inviter whose authority a step could act on." };
  const creator = { organizationId: entry.organizationId, actorId: entry.actorId, actorEmail: entry.actorEmail ?? "", actorName: entry.actorName || entry.actorEmail || entry.actorId, actorKind: entry.actorKind ?? "", reason: entry.reason };
  return reauthorizeJob(creator, entry.roleIds, WORDS);
}

function trailFields(entry: LedgerInvitation, due: DueStep) {
  return {
    action: due.kind === "reminder" ? ("remind" as const) : ("renew" as const),
    organizationId: entry.organizationId,
    inviteeEmail: entry.inviteeEmail,
    invitationId: entry.id,
    clientId: entry.clientId,
    connectionId: entry.connectionId,
  };
}

/** Settles a step nothing was sent for, in the trail (in the inviter's name) and on the step, together. */
async function settleSkipped(db: Database, entry: LedgerInvitation, due: DueStep, claim: StepClaim, outcome: StepOutcome & { outcome: "skipped" | "failed" }, at: Date) {
  await db.transaction(async (tx) => {
    const inTx = tx as unknown as Database;
    await recordAuditEvent(inTx, {
      ...trailFields(entry, due),
      actorId: entry.actorId ?? "unknown",
      actorEmail: entry.actorEmail ?? "",
      actorName: entry.actorName ?? "",
      actorKind: entry.actorKind ?? "unknown",
      reason: entry.reason,
      outcome: outcome.outcome,
      detail: `${stepName(due)}: ${outcome.detail}`,
    });
    await settleStep(inTx, claim, outcome, at);
  });
}

/** Our own email again, same link and expiry; Auth0 is not called. */
async function remindByEmail(sender: Sender, entry: LedgerInvitation, due: DueStep, claim: StepClaim, at: Date): Promise<StepOutcome> {
  const auditId = await writeAhead(sender, { ...trailFields(entry, due), roles: await roleNamesOf(entry.roleIds), detail: `${stepName(due)}: the invitation email again, with the same link` });
  let outcome: StepOutcome = { outcome: "emailed" };
  try {
    await sendInvitationEmail(sender.db, entry.id, "reminder");
  } catch (error) {
    outcome = { outcome: "failed", detail: error instanceof Error ? error.message : String(error) };
  }
  await sender.db.transaction(async (tx) => {
    const inTx = tx as unknown as Database;
    await settleAuditEvent(inTx, auditId, outcome.outcome === "emailed" ? { outcome: "emailed" } : { outcome: "failed", detail: outcome.detail });
    await settleStep(inTx, claim, outcome, at, outcome.outcome === "emailed" ? { invitation: entry, actor: POLICY_ACTOR, number: due.number, of: due.of } : undefined);
  });
  return outcome;
}

/** A replacement (a reminder without our email) or a renewal, through the one pipeline, which records its own trail. */
async function sendAgain(sender: Sender, entry: LedgerInvitation, due: DueStep, claim: StepClaim, at: Date): Promise<StepOutcome> {
  const original = {
    email: entry.inviteeEmail,
    clientId: entry.clientId,
    connectionId: entry.connectionId ?? undefined,
    roleIds: entry.roleIds,
    lifetimeSeconds: lifetimeSeconds(entry.createdAt, entry.expiresAt),
    sendEmail: true,
  };
  const detail = stepName(due);
  const place =
    due.kind === "reminder"
      ? {
          detail,
          replaces: {
            id: entry.id,
            email: entry.inviteeEmail,
            expiresAt: entry.expiresAt.toISOString(),
            roleIds: entry.roleIds,
            roleNames: await roleNamesOf(entry.roleIds),
            clientId: entry.clientId,
            connectionId: entry.connectionId ?? undefined,
          },
        }
      : { detail, follows: entry.id };
  const sent = await reissue(sender.access, entry.inviterName, { sender }, original, place);
  const outcome: StepOutcome =
    "invitation" in sent
      ? { outcome: "renewed", successorId: sent.invitation.id, detail: due.kind === "reminder" ? "replaced by a new invitation, which Auth0 emailed" : undefined }
      : { outcome: sent.status === "failed" ? "failed" : "skipped", detail: sent.message };
  const reminded = due.kind === "reminder" && outcome.successorId ? { invitation: entry, actor: POLICY_ACTOR, number: due.number, of: due.of } : undefined;
  await sender.db.transaction((tx) => settleStep(tx as unknown as Database, claim, outcome, at, reminded));
  return outcome;
}

/** Takes the step due for one invitation, if any; what became of it. */
async function takeStep(db: Database, entry: LedgerInvitation, policy: StepPolicy, now: Date): Promise<{ due: DueStep; outcome: StepOutcome } | undefined> {
  const chainId = await chainRoot(db, entry);
  const due = dueStep(entry, await chainSteps(db, chainId), policy, now);
  if (!due) return undefined;
  const standing = await authority(entry);
  const claim: StepClaim = { chainId, step: due.key, kind: due.kind, invitationId: entry.id, organizationId: entry.organizationId };
  if (!(await claimStep(db, claim, now))) return undefined;
  if (!standing.ok) {
    const skipped = { outcome: "skipped" as const, detail: standing.why };
    await settleSkipped(db, entry, due, claim, skipped, now);
    return { due, outcome: skipped };
  }
  const sender: Sender = { db, ...standing.authority, action: due.kind === "reminder" ? "remind" : "renew" };
  try {
    const outcome = due.kind === "reminder" && ownEmail() ? await remindByEmail(sender, entry, due, claim, now) : await sendAgain(sender, entry, due, claim, now);
    return { due, outcome };
  } catch (error) {
    // Claimed, so never taken again: say what stopped it (an application no longer offered, say) rather than leave it unknown.
    const failed = { outcome: error instanceof Refusal ? ("skipped" as const) : ("failed" as const), detail: error instanceof Error ? error.message : String(error) };
    if (!(error instanceof Refusal)) logger().error({ err: error, invitationId: entry.id, step: due.key }, "a policy step failed");
    await settleSkipped(db, entry, due, claim, failed, now);
    return { due, outcome: failed };
  }
}

/** One sweep at `now`: every organization's due steps, each taken once. */
export async function sweepReminders(db: Database, now: Date): Promise<SweepSummary> {
  const summary: SweepSummary = { reminded: 0, renewed: 0, skipped: 0, failed: 0 };
  // Time alone settles a pending invitation past its expiry; a renewal follows an expired one.
  await expireOverdue(db, now);
  const byOrganization = new Map<string, LedgerInvitation[]>();
  for (const entry of await stepCandidates(db, new Date(now.getTime() - RENEW_WITHIN_MS))) {
    byOrganization.set(entry.organizationId, [...(byOrganization.get(entry.organizationId) ?? []), entry]);
  }
  for (const [orgId, entries] of byOrganization) {
    let policy: StepPolicy | undefined;
    try {
      policy = await organizationSteps(orgId);
    } catch (error) {
      logger().warn({ err: error, organizationId: orgId }, "the reminder sweep could not read the organization's policy");
      continue;
    }
    if (!policy) continue;
    for (const entry of entries) {
      try {
        const taken = await takeStep(db, entry, policy, now);
        if (!taken) continue;
        const { outcome } = taken.outcome;
        if (outcome === "emailed" || outcome === "renewed") summary[taken.due.kind === "reminder" ? "reminded" : "renewed"]++;
        else summary[outcome]++;
      } catch (error) {
        // Before the claim (Auth0 unreadable, say): the step is still due, and the next sweep tries it.
        logger().warn({ err: error, invitationId: entry.id }, "the reminder sweep could not look at an invitation");
      }
    }
  }
  return summary;
}
