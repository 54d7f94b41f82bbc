import "server-only";
import { mapAuth0Error, type InvitationField } from "@/lib/auth0/errors";
import { createInvitation, deleteInvitation } from "@/lib/auth0/organization-data";
import type { ActionContext } from "@/lib/authz/action";
import { checkRoleCeiling } from "@/lib/authz/gate";
import { Refusal } from "@/lib/authz/refusal";
import { store } from "@/lib/db/store";
import { applyEvidence, recordCreated } from "@/lib/ledger/ledger";
import type { CreateInvitations } from "@/lib/schemas/invitation";
import { checkTarget } from "./options";
import { existingMessages, findExisting, type ExistingInvitation } from "./duplicates";
import { inviterNameFor } from "./inviter-name";

export type InviteOutcome = {
  email: string;
  status: "created" | "replaced" | "skipped" | "failed";
  message?: string;
  field?: InvitationField;
  invitationId?: string;
  /** Shown when no email was sent, for the inviter to share. */
  invitationUrl?: string;
};

export type InvitationSpec = {
  email: string;
  inviterName: string;
  clientId: string;
  connectionId?: string;
  roles: { id: string; name: string }[];
  ttlSeconds: number;
  sendEmail: boolean;
};

/** Who the ledger names as the inviter: the signed-in person, and support's reason. */
export function inviterRecord(ctx: ActionContext) {
  return { actorId: ctx.user.id, actorEmail: ctx.user.email, actorName: ctx.user.name, actorKind: ctx.actor.kind, reason: ctx.reason ?? null };
}

/**
 * One POST /organizations/{id}/invitations: the attempt is recorded first (write-ahead), then settled with
 * Auth0's answer, and a created invitation enters the ledger. `replaces` links a successor to its predecessor.
 */
export async function createOne(ctx: ActionContext, spec: InvitationSpec, replaces?: string): Promise<InviteOutcome> {
  const attempt = await ctx.attempt({
    inviteeEmail: spec.email,
    roles: spec.roles.map((role) => role.name),
    clientId: spec.clientId,
    connectionId: spec.connectionId ?? null,
    sendEmail: spec.sendEmail,
    inviterName: spec.inviterName,
    detail: replaces ? `Replaces ${replaces}` : null,
  });
  let invitation;
  try {
    invitation = await createInvitation(ctx, {
      inviter: { name: spec.inviterName },
      invitee: { email: spec.email },
      client_id: spec.clientId,
      ...(spec.connectionId && { connection_id: spec.connectionId }),
      ...(spec.roles.length > 0 && { roles: spec.roles.map((role) => role.id) }),
      ttl_sec: spec.ttlSeconds,
      send_invitation_email: spec.sendEmail,
    });
  } catch (error) {
    const mapped = mapAuth0Error(error);
    await attempt.settle({ outcome: "failed", detail: mapped.message });
    // The predecessor was revoked as the first step; with no successor it stays revoked.
    if (replaces) await applyEvidence((await store()).db, replaces, { kind: "revoked", by: { id: ctx.user.id, name: ctx.user.name || ctx.user.email } });
    return { email: spec.email, status: "failed", message: mapped.message, field: mapped.field };
  }
  await attempt.settle({ outcome: replaces ? "replaced" : "created", invitationId: invitation.id ?? null });
  const { db } = await store();
  await recordCreated(db, invitation, inviterRecord(ctx), { sendEmail: spec.sendEmail, predecessorId: replaces });
  return {
    email: spec.email,
    status: replaces ? "replaced" : "created",
    invitationId: invitation.id,
    ...(!spec.sendEmail && { invitationUrl: invitation.invitation_url }),
  };
}

/**
 * Revokes one invitation in Auth0, written ahead and settled once; the ledger records who revoked it.
 * `asPartOf` says when the revoke is the first step of a replacement (the ledger then links the two).
 */
export async function revokeOne(
  ctx: ActionContext,
  invitation: { id: string; email: string; roles: string[]; clientId?: string; connectionId?: string },
  asPartOf?: string,
): Promise<void> {
  const attempt = await ctx.attempt({
    inviteeEmail: invitation.email,
    invitationId: invitation.id,
    roles: invitation.roles,
    clientId: invitation.clientId ?? null,
    connectionId: invitation.connectionId ?? null,
    detail: asPartOf ?? null,
  });
  try {
    await deleteInvitation(ctx, invitation.id);
  } catch (error) {
    const mapped = mapAuth0Error(error);
    await attempt.settle({ outcome: "failed", detail: mapped.message });
    throw new Refusal(mapped.code, mapped.message, undefined, true);
  }
  await attempt.settle({ outcome: "revoked" });
  if (!asPartOf) {
    const { db } = await store();
    await applyEvidence(db, invitation.id, { kind: "revoked", by: { id: ctx.user.id, name: ctx.user.name || ctx.user.email } });
  }
}

function skipReason(existing: ExistingInvitation | "member"): string {
  return existing === "member"
    ? `${existingMessages.member}; not invited.`
    : `${existingMessages.pending(existing.expiresAt)}. Tick "Replace pending invitations" to send a new one.`;
}

/** Invites each address in turn: skips members and pending invitees (or replaces the pending one). */
export async function createInvitations(ctx: ActionContext, input: CreateInvitations): Promise<InviteOutcome[]> {
  const roles = await checkRoleCeiling(ctx, input.roleIds);
  await checkTarget(ctx, input.clientId, input.connectionId);
  const [existing, inviterName] = await Promise.all([findExisting(ctx), inviterNameFor(ctx, input.inviterName)]);

  const outcomes: InviteOutcome[] = [];
  for (const email of input.emails) {
    const spec: InvitationSpec = { ...input, inviterName, email, roles };
    const found = await existing.lookup(email);
    if (found === "member" || (found && !input.replacePending)) {
      await ctx.audit({ outcome: "skipped", inviteeEmail: email, roles: roles.map((r) => r.name), detail: skipReason(found) });
      outcomes.push({ email, status: "skipped", message: skipReason(found) });
      continue;
    }
    if (found) {
      try {
        await checkRoleCeiling(ctx, found.roleIds, "The pending invitation grants roles above yours, so you cannot replace it.");
      } catch (error) {
        if (!(error instanceof Refusal)) throw error;
        await ctx.audit({ outcome: "refused", inviteeEmail: email, invitationId: found.id, detail: error.message });
        outcomes.push({ email, status: "skipped", message: error.message });
        continue;
      }
      try {
        await revokeOne(ctx, { id: found.id, email, roles: found.roleNames }, "Replaced by a new invitation");
      } catch (error) {
        if (!(error instanceof Refusal)) throw error;
        outcomes.push({ email, status: "failed", message: `The pending invitation could not be revoked: ${error.message}` });
        continue;
      }
      outcomes.push(await createOne(ctx, spec, found.id));
      continue;
    }
    outcomes.push(await createOne(ctx, spec));
  }
  return outcomes;
}
