import "server-only";
import { isMemberByEmail, listInvitations, listMembers, type OrgAccess } from "@/lib/auth0/organization-data";
import { store, type Database } from "@/lib/db/store";
import { pendingForAddresses } from "@/lib/ledger/ledger";

// The one "already a member / already invited" rule, for every way to send: the form, re-invites and
// renewals, the bulk preview, and each bulk row when it is sent. Where the evidence comes from differs by
// cost; what it means is decided here, once.

/**
 * Why an address is not invited again: the invite form and bulk onboarding add what the person can do about it.
 * The pending invitation's expiry travels beside the words, for the page to show in the reader's time.
 */
export const existingMessages = {
  member: "Already a member of this organization",
  pending: "Already has a pending invitation",
};

export type PendingInvitation = { id: string; expiresAt: string; roleIds: string[] };
export type Standing = { kind: "member" } | { kind: "invited"; invitation: PendingInvitation };

/**
 * Whether an invitation still stands in the way of a new one: only until it expires. Auth0 keeps expired
 * invitations listed for a while, and they can no longer be accepted.
 */
export function standsInTheWay(invitation: { expiresAt: string }, now = Date.now()): boolean {
  return Date.parse(invitation.expiresAt) > now;
}

/** What is known of one address, decided by the one rule: a member first, then an unexpired invitation. */
export function standingOf(evidence: { member: boolean; invitations: PendingInvitation[] }, now = Date.now()): Standing | undefined {
  if (evidence.member) return { kind: "member" };
  const invitation = evidence.invitations.find((candidate) => standsInTheWay(candidate, now));
  return invitation ? { kind: "invited", invitation } : undefined;
}

/** Up to this many addresses, members are looked up one by one; beyond, the organization's members are read once. */
const PER_ADDRESS_LOOKUPS_UP_TO = 10;

export type ExistingLookup = (email: string) => Promise<Standing | undefined>;

/** Auth0 lists at most this many invitations of an organization from its newest end. */
const LIST_CAP = 1000;

/**
 * Finds who is already invited or a member among `emails`. Pending invitations: Auth0's list of the
 * organization's invitations (one read per 100, newest first); when that list stops at its 1,000 cap, the
 * ledger's pending invitations older than what it reached, which the list could not show. Members:
 * `per-address` asks Auth0 about each address when looked up (users with that email, then their
 * organizations: at most 2 reads), the default for a few addresses; `list` reads every member once (one read
 * per 100), the default for more.
 */
export async function existingInvitees(
  access: OrgAccess,
  emails: string[],
  { members = emails.length > PER_ADDRESS_LOOKUPS_UP_TO ? "list" : "per-address" }: { members?: "per-address" | "list" } = {},
): Promise<ExistingLookup> {
  const [listed, memberEmails] = await Promise.all([
    listInvitations(access),
    members === "list" ? listMembers(access).then((all) => new Set(all.flatMap((member) => (member.email ? [member.email.toLowerCase()] : [])))) : undefined,
  ]);
  const pending = new Map<string, PendingInvitation[]>();
  const add = (email: string, invitation: PendingInvitation) => pending.set(email, [...(pending.get(email) ?? []), invitation]);
  for (const invitation of listed) {
    const email = invitation.invitee?.email?.toLowerCase();
    if (email && invitation.id) add(email, { id: invitation.id, expiresAt: invitation.expires_at ?? "", roleIds: invitation.roles ?? [] });
  }
  if (listed.length >= LIST_CAP) {
    // Where Auth0's list is whole, it is the truth (the ledger may not have heard yet of a revoke done elsewhere);
    // beyond its reach, the ledger is all there is.
    const reached = Math.min(...listed.map((invitation) => Date.parse(invitation.created_at ?? "")));
    const { db } = await store();
    for (const entry of await pendingForAddresses(db, access, emails)) {
      if (entry.createdAt.getTime() <= reached && !pending.get(entry.inviteeEmail)?.some((known) => known.id === entry.id)) {
        add(entry.inviteeEmail, { id: entry.id, expiresAt: entry.expiresAt.toISOString(), roleIds: entry.roleIds });
      }
    }
  }
  return async (email) => {
    const key = email.toLowerCase();
    const member = memberEmails ? memberEmails.has(key) : await isMemberByEmail(access, key);
    return standingOf({ member, invitations: pending.get(key) ?? [] });
  };
}

/**
 * The same rule from the store alone, for a bulk row at the moment it is sent: its preview asked Auth0;
 * this catches an invitation this app sent to the address since (by the form, or another job).
 */
export async function invitedSince(db: Database, access: OrgAccess, email: string, since: Date): Promise<Standing | undefined> {
  const remembered = (await pendingForAddresses(db, access, [email])).filter((entry) => entry.createdAt >= since);
  return standingOf({ member: false, invitations: remembered.map((entry) => ({ id: entry.id, expiresAt: entry.expiresAt.toISOString(), roleIds: entry.roleIds })) });
}
