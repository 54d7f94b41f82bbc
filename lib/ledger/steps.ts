import "server-only";
import { and, eq, gt, inArray, isNull, or } from "drizzle-orm";
import type { OrgAccess } from "@/lib/authz/access";
import type { Database } from "@/lib/db/store";
import { buildReminderEvent, recordEvent, type EventActor } from "./events";
import { invitationSteps, invitations, type InvitationStep, type LedgerInvitation } from "./table";

// The policy's reminder and renewal steps (lib/reminders), kept beside the invitations they concern: each
// step is claimed once by its key (the chain's first invitation and the step), before anything is sent, so
// no instance, concurrent sweep or restart can take it again; then settled once, with the webhook event of a
// reminder in the same transaction.

/** Invitations a sweep looks at: this app's pending ones, and its expired ones not yet sent again since `expiredSince`. */
export function stepCandidates(db: Database, expiredSince: Date): Promise<LedgerInvitation[]> {
  return db
    .select()
    .from(invitations)
    .where(
      and(
        eq(invitations.origin, "app"),
        isNull(invitations.successorId),
        or(eq(invitations.status, "pending"), and(eq(invitations.status, "expired"), gt(invitations.expiresAt, expiredSince))),
      ),
    );
}

/** The steps taken on a chain, whatever became of them. */
export function chainSteps(db: Database, chainId: string): Promise<InvitationStep[]> {
  return db.select().from(invitationSteps).where(eq(invitationSteps.chainId, chainId));
}

/** Steps that concern these invitations (a history's chain), in the organization. */
export function stepsAbout(db: Database, access: OrgAccess, invitationIds: string[]): Promise<InvitationStep[]> {
  if (invitationIds.length === 0) return Promise.resolve([]);
  return db
    .select()
    .from(invitationSteps)
    .where(and(eq(invitationSteps.organizationId, access.orgId), inArray(invitationSteps.invitationId, invitationIds)));
}

export type StepClaim = Pick<InvitationStep, "chainId" | "step" | "kind" | "invitationId" | "organizationId">;

/** Takes the step for this caller; false when it was taken already (by another sweep, now or before a restart). */
export async function claimStep(db: Database, claim: StepClaim, at: Date): Promise<boolean> {
  const taken = await db
    .insert(invitationSteps)
    .values({ ...claim, claimedAt: at, outcome: "started" })
    .onConflictDoNothing()
    .returning({ step: invitationSteps.step });
  return taken.length === 1;
}

export type StepOutcome = { outcome: "emailed" | "renewed" | "skipped" | "failed"; detail?: string; successorId?: string };

/**
 * Settles a claimed step once; a reminder that was made (by email, or by a replacement) writes its
 * `invitation.reminded` event in the same transaction. Call it inside the transaction that settles the
 * step's audit event.
 */
export async function settleStep(
  db: Database,
  claim: Pick<StepClaim, "chainId" | "step">,
  outcome: StepOutcome,
  at: Date,
  reminded?: { invitation: LedgerInvitation; actor: EventActor; number: number; of: number },
): Promise<void> {
  await db
    .update(invitationSteps)
    .set({ outcome: outcome.outcome, detail: outcome.detail ?? null, successorId: outcome.successorId ?? null, settledAt: at })
    .where(and(eq(invitationSteps.chainId, claim.chainId), eq(invitationSteps.step, claim.step), eq(invitationSteps.outcome, "started")));
  if (reminded) {
    const by = outcome.successorId ? "replacement" : "email";
    await recordEvent(db, buildReminderEvent(reminded.invitation, reminded.actor, at, { number: reminded.number, of: reminded.of, by }, outcome.successorId));
  }
}

/** The first invitation of the chain an entry belongs to (what replaced what), following the ledger's links back. */
export async function chainRoot(db: Database, entry: LedgerInvitation): Promise<string> {
  let root = entry;
  const visited = new Set<string>([root.id]);
  while (root.predecessorId && !visited.has(root.predecessorId)) {
    const [previous] = await db.select().from(invitations).where(eq(invitations.id, root.predecessorId));
    if (!previous) break;
    visited.add(previous.id);
    root = previous;
  }
  return root.id;
}

