import "server-only";
import { tenantRoles } from "@/lib/auth0/directory";
import { getInvitation, type Auth0Invitation } from "@/lib/auth0/organization-data";
import type { ActionContext } from "@/lib/authz/action";
import { checkRoleCeiling } from "@/lib/authz/gate";
import { Refusal } from "@/lib/authz/refusal";
import { store } from "@/lib/db/store";
import type { LedgerInvitation } from "@/lib/db/schema";
import { ledgerEntry } from "@/lib/ledger/ledger";
import { mayBeReinvited } from "@/lib/ledger/status";
import { createOne, revokeOne, type InviteOutcome } from "./create";
import { inviterNameFor } from "./inviter-name";
import { checkTarget } from "./options";

const DEFAULT_TTL_SECONDS = 604_800;

/** Reads the invitation through the organization's own path, so another organization's id finds nothing. */
async function invitationOf(ctx: ActionContext, invitationId: string): Promise<Auth0Invitation> {
  const invitation = await getInvitation(ctx, invitationId);
  if (!invitation) throw new Refusal("invitation_missing", "This invitation no longer exists in Auth0: it was accepted, revoked or has expired. Reload the list.");
  return invitation;
}

/**
 * An inviter may only undo or re-issue what they could have issued: the invitation's roles must be within
 * their ceiling (so an Inviter cannot revoke, nor re-send, an Org Admin's invitation).
 */
function checkWithinCeiling(ctx: ActionContext, roleIds: string[]) {
  return checkRoleCeiling(ctx, roleIds, "This invitation grants roles above yours.");
}

const summary = (invitation: Auth0Invitation, roles: { name: string }[]) => ({
  id: invitation.id ?? "",
  email: invitation.invitee?.email ?? "",
  roles: roles.map((role) => role.name),
  clientId: invitation.client_id,
  connectionId: invitation.connection_id,
});

export async function revokeInvitation(ctx: ActionContext, invitationId: string): Promise<{ email: string }> {
  const invitation = await invitationOf(ctx, invitationId);
  await revokeOne(ctx, summary(invitation, await checkWithinCeiling(ctx, invitation.roles ?? [])));
  return { email: invitation.invitee?.email ?? "" };
}

type Reissue = { email: string; clientId: string; connectionId?: string; roleIds: string[]; lifetimeSeconds: number };

/** Sends a new invitation with the same settings and a fresh expiry of the same length, in the resender's name. */
async function reissue(ctx: ActionContext, original: Reissue, replaces?: string): Promise<InviteOutcome> {
  const roles = await checkWithinCeiling(ctx, original.roleIds);
  return createOne(
    ctx,
    {
      email: original.email,
      inviterName: await inviterNameFor(ctx),
      clientId: original.clientId,
      connectionId: original.connectionId,
      roles,
      ttlSeconds: Number.isFinite(original.lifetimeSeconds) && original.lifetimeSeconds > 0 ? Math.round(original.lifetimeSeconds) : DEFAULT_TTL_SECONDS,
      sendEmail: true,
    },
    replaces,
  );
}

/**
 * Auth0 has no resend: revoke, then create again with the same email, application, connection and roles,
 * and a fresh expiry of the same length. Everything the re-creation needs is checked before the revoke;
 * each step is audited once, and a failed second step is reported as such.
 */
export async function resendInvitation(ctx: ActionContext, invitationId: string): Promise<InviteOutcome> {
  const original = await invitationOf(ctx, invitationId);
  const roles = await checkWithinCeiling(ctx, original.roles ?? []);
  await checkTarget(ctx, original.client_id ?? "", original.connection_id);
  const email = original.invitee?.email ?? "";

  await revokeOne(ctx, summary(original, roles), `Resent: replaced by a new invitation`);
  const outcome = await reissue(
    ctx,
    {
      email,
      clientId: original.client_id ?? "",
      connectionId: original.connection_id,
      roleIds: original.roles ?? [],
      lifetimeSeconds: (Date.parse(original.expires_at ?? "") - Date.parse(original.created_at ?? "")) / 1000,
    },
    invitationId,
  );
  if (outcome.status === "failed") {
    throw new Refusal(
      "resend_incomplete",
      `The old invitation was revoked, but a new one could not be created: ${outcome.message} Invite ${email} again.`,
      undefined,
      true,
    );
  }
  return outcome;
}

/** Sends a fresh invitation in place of one that can no longer be used (expired, consumed, revoked). */
export async function reinvite(ctx: ActionContext, entry: LedgerInvitation): Promise<InviteOutcome> {
  if (!mayBeReinvited(entry)) {
    throw new Refusal("not_reinvitable", "Only an expired, consumed or revoked invitation that has not been renewed can be sent again.");
  }
  await checkTarget(ctx, entry.clientId, entry.connectionId ?? undefined);
  const outcome = await reissue(
    ctx,
    {
      email: entry.inviteeEmail,
      clientId: entry.clientId,
      connectionId: entry.connectionId ?? undefined,
      roleIds: entry.roleIds,
      lifetimeSeconds: (entry.expiresAt.getTime() - entry.createdAt.getTime()) / 1000,
    },
    entry.id,
  );
  if (outcome.status === "failed") throw new Refusal("reinvite_failed", `Could not invite ${entry.inviteeEmail} again: ${outcome.message}`, outcome.field, true);
  return outcome;
}

/** The ledger's entry for a re-invite, read through the organization's own ledger. */
export async function reinvitable(ctx: ActionContext, invitationId: string): Promise<LedgerInvitation> {
  const { db } = await store();
  const entry = await ledgerEntry(db, ctx, invitationId);
  if (!entry) throw new Refusal("invitation_missing", "This app has no record of that invitation in this organization.");
  return entry;
}

/** Role names for display and audit. */
export async function roleNames(roleIds: string[]): Promise<string[]> {
  const names = new Map((await tenantRoles()).map((role) => [role.id, role.name]));
  return roleIds.map((id) => names.get(id) ?? id);
}
