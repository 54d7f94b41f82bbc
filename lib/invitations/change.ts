import "server-only";
import { getInvitation, type Auth0Invitation } from "@/lib/auth0/organization-data";
import type { ActionContext } from "@/lib/authz/action";
import type { OrgAccess } from "@/lib/authz/access";
import { Refusal } from "@/lib/authz/refusal";
import { store } from "@/lib/db/store";
import type { LedgerInvitation } from "@/lib/db/schema";
import { ledgerEntry } from "@/lib/ledger/ledger";
import { mayBeReinvited } from "@/lib/ledger/status";
import { inviteOutcome, type InviteOutcome } from "./create";
import { existingInvitees, type ExistingLookup } from "./existing";
import { inviterNameFor } from "./inviter-name";
import { checkTarget } from "./options";
import { requestSender, revokeOne, roleNamesOf, sendOne, type ExistingInvitation, type Sender, type SendOutcome } from "./send";

const DEFAULT_TTL_SECONDS = 604_800;

/** Reads the invitation through the organization's own path, so another organization's id finds nothing. */
async function invitationOf(ctx: ActionContext, invitationId: string): Promise<Auth0Invitation> {
  const invitation = await getInvitation(ctx, invitationId);
  if (!invitation) throw new Refusal("invitation_missing", "This invitation no longer exists in Auth0: it was accepted, revoked or has expired. Reload the list.");
  return invitation;
}

async function described(invitation: Auth0Invitation): Promise<ExistingInvitation> {
  const roleIds = invitation.roles ?? [];
  return {
    id: invitation.id ?? "",
    email: invitation.invitee?.email ?? "",
    expiresAt: invitation.expires_at ?? "",
    roleIds,
    roleNames: await roleNamesOf(roleIds),
    clientId: invitation.client_id,
    connectionId: invitation.connection_id,
  };
}

/** An invitation's expiry length, for its successor; the default when it cannot be told. */
export function lifetimeSeconds(createdAt: string | Date | undefined, expiresAt: string | Date | undefined): number {
  const seconds = (new Date(expiresAt ?? NaN).getTime() - new Date(createdAt ?? NaN).getTime()) / 1000;
  return Number.isFinite(seconds) && seconds > 0 ? Math.round(seconds) : DEFAULT_TTL_SECONDS;
}

export async function revokeInvitation(ctx: ActionContext, invitationId: string): Promise<{ email: string }> {
  const invitation = await described(await invitationOf(ctx, invitationId));
  const revoked = await revokeOne(await requestSender(ctx, "revoke"), invitation);
  if (!revoked.ok) throw new Refusal(revoked.failure.error.code, revoked.failure.error.message, undefined, true);
  return { email: invitation.email };
}

/** What many re-invites of one request share: one sender, and one look at who is already invited. */
export type Shared = { sender: Sender; existing?: ExistingLookup };

export type Reissue = { email: string; clientId: string; connectionId?: string; roleIds: string[]; lifetimeSeconds: number; sendEmail: boolean };

/**
 * Sends a new invitation with the same settings, delivered the same way, and a fresh expiry of the same
 * length, under `inviterName`, through the one pipeline: in place of a pending one (resend, a reminder), or
 * after an ended one (re-invite, renewal).
 */
export async function reissue(
  access: OrgAccess,
  inviterName: string,
  { sender, existing }: Shared,
  original: Reissue,
  place: ({ replaces: ExistingInvitation } | { follows: string }) & { detail?: string },
): Promise<SendOutcome> {
  await checkTarget(access, original.clientId, original.connectionId);
  const names = await roleNamesOf(original.roleIds);
  const spec = {
    email: original.email,
    inviterName,
    clientId: original.clientId,
    connectionId: original.connectionId,
    roles: original.roleIds.map((id, index) => ({ id, name: names[index]! })),
    ttlSeconds: original.lifetimeSeconds,
    sendEmail: original.sendEmail,
  };
  const lookup = existing ?? (await existingInvitees(access, [original.email]));
  return sendOne(sender, { spec, existing: lookup, ...place });
}

const withinCeiling = (sender: Sender, roleIds: string[]) => {
  if (!sender.ceiling.covers(roleIds)) throw new Refusal("role_not_assignable", "This invitation grants roles above yours.");
};

/**
 * Auth0 has no resend: revoke, then create again with the same email, application, connection, roles and
 * delivery, and a fresh expiry of the same length. Each step is audited once; a failed second step is
 * reported as such.
 */
export async function resendInvitation(ctx: ActionContext, invitationId: string): Promise<InviteOutcome> {
  const original = await invitationOf(ctx, invitationId);
  const sender = await requestSender(ctx, "resend");
  withinCeiling(sender, original.roles ?? []);
  const { db } = await store();
  // Auth0 does not say whether it emailed the invitation; the ledger remembers. Unknown: emailed.
  const sendEmail = (await ledgerEntry(db, ctx, invitationId))?.sendEmail ?? true;
  const email = original.invitee?.email ?? "";
  const outcome = await reissue(
    ctx,
    await inviterNameFor(ctx),
    { sender },
    {
      email,
      clientId: original.client_id ?? "",
      connectionId: original.connection_id,
      roleIds: original.roles ?? [],
      lifetimeSeconds: lifetimeSeconds(original.created_at, original.expires_at),
      sendEmail,
    },
    { replaces: await described(original) },
  );
  if (outcome.status === "failed" && outcome.predecessorRevoked) {
    throw new Refusal("resend_incomplete", `The old invitation was revoked, but a new one could not be created: ${outcome.message} Invite ${email} again.`, undefined, true);
  }
  if (!("invitation" in outcome)) {
    throw new Refusal("resend_refused", `The invitation was not sent again: ${outcome.message}`, undefined, true);
  }
  return inviteOutcome(email, outcome, sendEmail);
}

/** Sends a fresh invitation in place of one that can no longer be used (expired, consumed, revoked). */
export async function reinvite(ctx: ActionContext, entry: LedgerInvitation, shared?: Shared): Promise<InviteOutcome> {
  if (!mayBeReinvited(entry)) {
    throw new Refusal("not_reinvitable", "Only an expired, consumed or revoked invitation that has not been renewed can be sent again.");
  }
  const using = shared ?? { sender: await requestSender(ctx, "reinvite") };
  withinCeiling(using.sender, entry.roleIds);
  const outcome = await reissue(
    ctx,
    await inviterNameFor(ctx),
    using,
    {
      email: entry.inviteeEmail,
      clientId: entry.clientId,
      connectionId: entry.connectionId ?? undefined,
      roleIds: entry.roleIds,
      lifetimeSeconds: lifetimeSeconds(entry.createdAt, entry.expiresAt),
      sendEmail: entry.sendEmail ?? true,
    },
    { follows: entry.id },
  );
  if (!("invitation" in outcome)) {
    throw new Refusal("reinvite_failed", `Could not invite ${entry.inviteeEmail} again: ${outcome.message}`, "field" in outcome ? outcome.field : undefined, true);
  }
  return inviteOutcome(entry.inviteeEmail, outcome, entry.sendEmail ?? true);
}

/** The ledger's entry for a re-invite, read through the organization's own ledger. */
export async function reinvitable(ctx: ActionContext, invitationId: string): Promise<LedgerInvitation> {
  const { db } = await store();
  const entry = await ledgerEntry(db, ctx, invitationId);
  if (!entry) throw new Refusal("invitation_missing", "This app has no record of that invitation in this organization.");
  return entry;
}

