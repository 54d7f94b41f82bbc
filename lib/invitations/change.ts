import "server-only";
import { management } from "@/lib/auth0/management";
import { auth0ErrorParts, mapAuth0Error } from "@/lib/auth0/errors";
import type { ActionContext } from "@/lib/authz/action";
import { checkRoleCeiling } from "@/lib/authz/gate";
import { Refusal } from "@/lib/authz/refusal";
import { createOne, type InviteOutcome } from "./create";
import { checkTarget } from "./options";

const DEFAULT_TTL_SECONDS = 604_800;

/** Reads the invitation through the organization's own path, so another organization's id finds nothing. */
async function invitationOf(orgId: string, invitationId: string) {
  try {
    return await management().organizations.invitations.get(orgId, invitationId);
  } catch (error) {
    if (auth0ErrorParts(error)?.status !== 404) throw error;
    const mapped = mapAuth0Error(error);
    throw new Refusal(mapped.code, mapped.message);
  }
}
type Auth0Invitation = Awaited<ReturnType<typeof invitationOf>>;

/**
 * An inviter may only undo or re-issue what they could have issued: the invitation's roles must be within
 * their ceiling (so an Inviter cannot revoke, nor re-send, an Org Admin's invitation).
 */
function checkWithinCeiling(ctx: ActionContext, invitation: Auth0Invitation) {
  return checkRoleCeiling(ctx, invitation.roles ?? [], "This invitation grants roles above yours.");
}

function auditFields(invitation: Auth0Invitation, roles: { name: string }[]) {
  return {
    inviteeEmail: invitation.invitee?.email ?? null,
    invitationId: invitation.id ?? null,
    roles: roles.map((role) => role.name),
    clientId: invitation.client_id ?? null,
    connectionId: invitation.connection_id ?? null,
  };
}

async function revoke(ctx: ActionContext, invitation: Auth0Invitation, roles: { name: string }[]): Promise<void> {
  try {
    await management().organizations.invitations.delete(ctx.orgId, invitation.id ?? "");
  } catch (error) {
    const mapped = mapAuth0Error(error);
    await ctx.audit({ ...auditFields(invitation, roles), outcome: "failed", detail: mapped.message });
    throw new Refusal(mapped.code, mapped.message);
  }
  await ctx.audit({ ...auditFields(invitation, roles), outcome: "revoked" });
}

export async function revokeInvitation(ctx: ActionContext, invitationId: string): Promise<{ email: string }> {
  const invitation = await invitationOf(ctx.orgId, invitationId);
  await revoke(ctx, invitation, await checkWithinCeiling(ctx, invitation));
  return { email: invitation.invitee?.email ?? "" };
}

/**
 * Auth0 has no resend: revoke, then create again with the same email, application, connection and roles,
 * and a fresh expiry of the same length. Everything the re-creation needs is checked before the revoke;
 * each step is audited, and a failed second step is reported as such.
 */
export async function resendInvitation(ctx: ActionContext, invitationId: string): Promise<InviteOutcome> {
  const original = await invitationOf(ctx.orgId, invitationId);
  const roles = await checkWithinCeiling(ctx, original);
  await checkTarget(ctx.orgId, original.client_id ?? "", original.connection_id);
  const email = original.invitee?.email ?? "";
  const lifetime = (Date.parse(original.expires_at ?? "") - Date.parse(original.created_at ?? "")) / 1000;

  await revoke(ctx, original, roles);
  const outcome = await createOne(
    ctx,
    {
      email,
      inviterName: ctx.user.name || original.inviter?.name || ctx.user.email,
      clientId: original.client_id ?? "",
      connectionId: original.connection_id,
      roles,
      ttlSeconds: Number.isFinite(lifetime) && lifetime > 0 ? Math.round(lifetime) : DEFAULT_TTL_SECONDS,
      sendEmail: true,
    },
    `Resent; replaces ${invitationId}`,
  );
  if (outcome.status === "failed") {
    throw new Refusal(
      "resend_incomplete",
      `The old invitation was revoked, but a new one could not be created: ${outcome.message} Invite ${email} again.`,
    );
  }
  return outcome;
}
