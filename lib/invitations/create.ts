import "server-only";
import { management } from "@/lib/auth0/management";
import { mapAuth0Error, type InvitationField } from "@/lib/auth0/errors";
import type { ActionContext } from "@/lib/authz/action";
import { checkRoleCeiling } from "@/lib/authz/gate";
import { Refusal } from "@/lib/authz/refusal";
import type { CreateInvitations } from "@/lib/schemas/invitation";
import { checkTarget } from "./options";
import { findExisting, type ExistingInvitation } from "./duplicates";

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

/** One POST /organizations/{id}/invitations, audited either way. */
export async function createOne(ctx: ActionContext, spec: InvitationSpec, auditDetail?: string): Promise<InviteOutcome> {
  const audit = {
    inviteeEmail: spec.email,
    roles: spec.roles.map((role) => role.name),
    clientId: spec.clientId,
    connectionId: spec.connectionId ?? null,
    sendEmail: spec.sendEmail,
    inviterName: spec.inviterName,
  };
  try {
    const invitation = await management().organizations.invitations.create(ctx.orgId, {
      inviter: { name: spec.inviterName },
      invitee: { email: spec.email },
      client_id: spec.clientId,
      ...(spec.connectionId && { connection_id: spec.connectionId }),
      ...(spec.roles.length > 0 && { roles: spec.roles.map((role) => role.id) }),
      ttl_sec: spec.ttlSeconds,
      send_invitation_email: spec.sendEmail,
    });
    await ctx.audit({ ...audit, outcome: "created", invitationId: invitation.id, detail: auditDetail ?? null });
    return {
      email: spec.email,
      status: "created",
      invitationId: invitation.id,
      ...(!spec.sendEmail && { invitationUrl: invitation.invitation_url }),
    };
  } catch (error) {
    const mapped = mapAuth0Error(error);
    await ctx.audit({ ...audit, outcome: "failed", detail: mapped.message });
    return { email: spec.email, status: "failed", message: mapped.message, field: mapped.field };
  }
}

function skipReason(existing: ExistingInvitation | "member"): string {
  return existing === "member"
    ? "Already a member of this organization; not invited."
    : `Already has a pending invitation (expires ${existing.expiresAt.slice(0, 10)}). Tick "Replace pending invitations" to send a new one.`;
}

/** Invites each address in turn: skips members and pending invitees (or replaces the pending one). */
export async function createInvitations(ctx: ActionContext, input: CreateInvitations): Promise<InviteOutcome[]> {
  const roles = await checkRoleCeiling(ctx, input.roleIds);
  await checkTarget(ctx.orgId, input.clientId, input.connectionId);
  const existing = await findExisting(ctx.orgId);

  const outcomes: InviteOutcome[] = [];
  for (const email of input.emails) {
    const spec: InvitationSpec = { ...input, email, roles };
    const found = await existing.lookup(email);
    if (found === "member" || (found && !input.replacePending)) {
      await ctx.audit({ outcome: "refused", inviteeEmail: email, roles: roles.map((r) => r.name), detail: skipReason(found) });
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
        await management().organizations.invitations.delete(ctx.orgId, found.id);
      } catch (error) {
        const mapped = mapAuth0Error(error);
        await ctx.audit({ outcome: "failed", inviteeEmail: email, invitationId: found.id, detail: `Could not revoke the pending invitation: ${mapped.message}` });
        outcomes.push({ email, status: "failed", message: `The pending invitation could not be revoked: ${mapped.message}` });
        continue;
      }
      await ctx.audit({ outcome: "revoked", inviteeEmail: email, invitationId: found.id, detail: "Replaced by a new invitation" });
      const outcome = await createOne(ctx, spec, `Replaces ${found.id}`);
      outcomes.push(outcome.status === "created" ? { ...outcome, status: "replaced" } : outcome);
      continue;
    }
    outcomes.push(await createOne(ctx, spec));
  }
  return outcomes;
}
