import "server-only";
import type { ActionContext } from "@/lib/authz/action";
import { roleCeiling, type RoleCeiling } from "@/lib/authz/gate";
import type { OrgAccess } from "@/lib/authz/access";
import type { LedgerInvitation } from "@/lib/db/schema";
import { Refusal } from "@/lib/authz/refusal";
import { store, type Database } from "@/lib/db/store";
import { env } from "@/lib/env";
import { issueJoinLink } from "@/lib/ledger/join-links";
import { ledgerEntry, renewableExpired } from "@/lib/ledger/ledger";
import { reinvite } from "./change";
import { existingInvitees } from "./existing";
import { requestSender } from "./send";

export type RenewSummary = { renewed: number; failed: { email: string; message: string }[]; beyondCeiling: number };

/**
 * The expired invitations renewing would send again: those the ledger may re-invite (not renewed since, one by
 * one or all at once) and within the actor's role ceiling. The page's count and the renewal read it alike.
 */
export async function renewalCandidates(db: Database, access: OrgAccess, ceiling: RoleCeiling): Promise<{ sendable: LedgerInvitation[]; beyondCeiling: number }> {
  const expired = await renewableExpired(db, access);
  const sendable = expired.filter((entry) => ceiling.covers(entry.roleIds));
  return { sendable, beyondCeiling: expired.length - sendable.length };
}

/**
 * Invites again everyone whose invitation expired unused and was not renewed since, with the same
 * settings and a fresh expiry. Invitations granting roles above the actor's are left (and counted).
 */
export async function renewExpired(ctx: ActionContext): Promise<RenewSummary> {
  const sender = await requestSender(ctx, "reinvite");
  const { sendable, beyondCeiling } = await renewalCandidates(sender.db, ctx, sender.ceiling);
  const existing = await existingInvitees(ctx, sendable.map((entry) => entry.inviteeEmail));
  const summary: RenewSummary = { renewed: 0, failed: [], beyondCeiling };
  for (const entry of sendable) {
    try {
      await reinvite(ctx, entry, { sender, existing });
      summary.renewed++;
    } catch (error) {
      if (!(error instanceof Refusal)) throw error;
      summary.failed.push({ email: entry.inviteeEmail, message: error.message });
    }
  }
  return summary;
}

/**
 * The link of an invitation sent without email, for the inviter to share — only to someone who could
 * have issued it (the role ceiling), and on the record: whoever holds the link can accept it. `landingPage`
 * gives the app's landing page for it instead (/join/{token}), which signs out whoever is signed in to Auth0
 * before leading on to the same link, so the wrong account cannot use it up.
 */
export async function copyInvitationLink(ctx: ActionContext, invitationId: string, { landingPage = false } = {}): Promise<{ url: string }> {
  const { db } = await store();
  const entry = await ledgerEntry(db, ctx, invitationId);
  // An emailed invitation keeps its link too when the app emails it itself (for the landing page): not to share.
  if (!entry?.invitationUrl || entry.sendEmail || entry.status !== "pending") {
    throw new Refusal("no_link", "This invitation has no link to share: it was emailed, or it is no longer pending.");
  }
  if (!(await roleCeiling(ctx)).covers(entry.roleIds)) throw new Refusal("role_not_assignable", "This invitation grants roles above yours.");
  await ctx.audit({ outcome: "copied", inviteeEmail: entry.inviteeEmail, invitationId: entry.id });
  if (!landingPage) return { url: entry.invitationUrl };
  const token = await issueJoinLink(db, entry);
  return { url: `${env().NEXTAUTH_URL.replace(/\/+$/, "")}/join/${token}` };
}
