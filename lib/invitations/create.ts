import "server-only";
import type { InvitationField } from "@/lib/auth0/errors";
import { checkRoleCeiling, type Authorized } from "@/lib/authz/gate";
import type { CreateInvitations } from "@/lib/schemas/invitation";
import { existingInvitees } from "./existing";
import { inviterNameFor } from "./inviter-name";
import { checkTarget } from "./options";
import { requestSender, sendOne, type SendOutcome } from "./send";

export type InviteOutcome = {
  email: string;
  status: "created" | "replaced" | "awaiting_approval" | "skipped" | "failed";
  message?: string;
  field?: InvitationField;
  invitationId?: string;
  /** The request for approval it became (awaiting_approval). */
  requestId?: string;
  /** Shown when no email was sent, for the inviter to share. */
  invitationUrl?: string;
  /** When the pending invitation that kept this address from being invited expires (ISO). */
  pendingExpiresAt?: string;
};

/** What the person sees of one address's outcome; the pipeline has recorded it already. */
export function inviteOutcome(email: string, outcome: SendOutcome, sendEmail: boolean): InviteOutcome {
  switch (outcome.status) {
    case "created":
    case "replaced":
      return {
        email,
        status: outcome.status,
        invitationId: outcome.invitation.id,
        ...(!sendEmail && { invitationUrl: outcome.invitation.invitation_url }),
      };
    case "skipped":
      return outcome.pending
        ? { email, status: "skipped", message: `${outcome.message}. Tick "Replace pending invitations" to send a new one.`, pendingExpiresAt: outcome.pending.expiresAt }
        : { email, status: "skipped", message: outcome.message };
    case "refused":
      return { email, status: "skipped", message: outcome.message };
    case "awaiting_approval":
      return { email, status: "awaiting_approval", message: outcome.message, requestId: outcome.requestId };
    case "failed":
      return { email, status: "failed", message: outcome.message, field: outcome.field };
  }
}

/** Invites each address in turn through the one pipeline: skips members and pending invitees, or replaces the pending one. */
export async function createInvitations(ctx: Authorized, input: CreateInvitations): Promise<InviteOutcome[]> {
  // Settings that would fail every address refuse the whole submission, under their field.
  const roles = await checkRoleCeiling(ctx, input.roleIds);
  await checkTarget(ctx, input.clientId, input.connectionId);
  const [sender, existing, inviterName] = await Promise.all([
    requestSender(ctx, "invite"),
    existingInvitees(ctx, input.emails),
    inviterNameFor(ctx, input.inviterName),
  ]);

  const outcomes: InviteOutcome[] = [];
  for (const email of input.emails) {
    const spec = { email, inviterName, clientId: input.clientId, connectionId: input.connectionId, roles, ttlSeconds: input.ttlSeconds, sendEmail: input.sendEmail };
    const outcome = await sendOne(sender, { spec, existing, onPending: input.replacePending ? "replace" : "skip" });
    outcomes.push(inviteOutcome(email, outcome, input.sendEmail));
  }
  return outcomes;
}
