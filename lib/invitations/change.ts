import "server-only";
import { management } from "@/lib/auth0/management";
import { mapAuth0Error } from "@/lib/auth0/errors";
import { tenantRoles } from "@/lib/auth0/directory";
import type { ActionContext } from "@/lib/authz/action";
import { Refusal } from "@/lib/authz/refusal";
import { createOne, type InviteOutcome } from "./create";

const DEFAULT_TTL_SECONDS = 604_800;

/** Reads the invitation through the organization's own path, so another organization's id finds nothing. */
async function invitationOf(orgId: string, invitationId: string) {
  try {
    return await management().organizations.invitations.get(orgId, invitationId);
  } catch (error) {
    const mapped = mapAuth0Error(error);
    throw new Refusal(mapped.code, mapped.message);
  }
}

async function roleNames(roleIds: string[] = []): Promise<{ id: string; name: string }[]> {
  const names = new Map((await tenantRoles()).map((role) => [role.id, role.name]));
  return roleIds.map((id) => ({ id, name: names.get(id) ?? id }));
}

type Auth0Invitation = Awaited<ReturnType<typeof invitationOf>>;

export async function revokeInvitation(ctx: ActionContext, invitationId: string): Promise<{ email: string }> {
  return revoke(ctx, await invitationOf(ctx.orgId, invitationId));
}

async function revoke(ctx: ActionContext, invitation: Auth0Invitation): Promise<{ email: string }> {
  const invitationId = invitation.id ?? "";
  const audit = {
    inviteeEmail: invitation.invitee?.email ?? null,
    invitationId,
    roles: (await roleNames(invitation.roles)).map((role) => role.name),
    clientId: invitation.client_id ?? null,
    connectionId: invitation.connection_id ?? null,
  };
  try {
    await management().organizations.invitations.delete(ctx.orgId, invitationId);
  } catch (error) {
    const mapped = mapAuth0Error(error);
    await ctx.audit({ ...audit, outcome: "failed", detail: mapped.message });
    throw new Refusal(mapped.code, mapped.message);
  }
  await ctx.audit({ ...audit, outcome: "revoked" });
  return { email: invitation.invitee?.email ?? "" };
}

/**
 * Auth0 has no resend: revoke, then create again with the same email, application, connection and roles,
 * and a fresh expiry of the same length. Each step is audited; a failed second step is reported as such.
 */
export async function resendInvitation(ctx: ActionContext, invitationId: string): Promise<InviteOutcome> {
  const original = await invitationOf(ctx.orgId, invitationId);
  const lifetime = (Date.parse(original.expires_at ?? "") - Date.parse(original.created_at ?? "")) / 1000;
  const { email } = await revoke(ctx, original);
  const outcome = await createOne(
    ctx,
    {
      email,
      inviterName: ctx.user.name || original.inviter?.name || ctx.user.email,
      clientId: original.client_id ?? "",
      connectionId: original.connection_id,
      roles: await roleNames(original.roles),
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
