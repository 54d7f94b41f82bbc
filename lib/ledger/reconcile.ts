import "server-only";
import { eq } from "drizzle-orm";
import { getInvitation, listInvitationsFromBothEnds, listMembers, memberSummary, type InvitationListing, type OrgAccess } from "@/lib/auth0/organization-data";
import type { Database } from "@/lib/db/store";
import { env } from "@/lib/env";
import { rememberMembers } from "@/lib/members/copy";
import { pacer } from "@/lib/pacing/pacer";
import { adopt, applyEvidence, pendingEntries } from "./ledger";
import { logsCover, readTenantLogs, readerState, type LogReadResult } from "./log-reader";
import { invitations, type LedgerInvitation } from "./table";

/** How long a refresh waits for a reader on another instance to finish with the logs (background work, never a page). */
const READER_WAIT_MS = 5_000;
/**
 * Pending invitations that neither end of Auth0's list reaches are read one by one, at most this many per
 * refresh (least recently verified first), so an organization of 5,000 pending invitations costs a refresh
 * at most 20 list calls and this many reads; the rest wait for the next refresh, still pending.
 */
export const READS_PER_REFRESH = 100;
/** The Auth0 rate-limit bucket the list and the one-by-one reads spend (emulator and pacer share the name). */
const INVITATION_READS = "invitation-reads";

export type Reconciled = {
  logs: LogReadResult;
  /** Invitations Auth0's list showed. */
  listed: number;
  /** Pending ones the list could not show, not settled by their expiry: read one by one, or left for the next refresh. */
  beyondList: number;
  /** Of those, how many were read (one call each). */
  read: number;
};

/** Pending entries the capped list cannot show: created within the range neither end of the list reached. */
function beyondTheList(entry: LedgerInvitation, listing: InvitationListing): boolean {
  if (!listing.unseen) return false;
  const created = entry.createdAt.getTime();
  return created >= Date.parse(listing.unseen.from) && created <= Date.parse(listing.unseen.to);
}

/**
 * Brings the ledger of one organization up to date: applies new tenant logs, adopts invitations first seen
 * in Auth0's list, and settles the pending ones that are gone. Background work only (the ledger refresh job
 * and "Refresh from Auth0"): it calls Auth0 up to 20 times for the list, plus reads of single invitations.
 *
 * Auth0 lists at most 1,000 invitations from either end, so an entry missing from the list is gone only when
 * the list could have shown it. One it could not (an organization of more than 2,000) is unknown, not gone:
 * its expiry settles it if passed (Auth0 drops expired invitations anyway), the tenant logs settle an
 * acceptance, and otherwise it is read by id, paced on Auth0's invitation-read bucket. Only entries recorded
 * before `now` (the refresh's start, on the store's clock, as entries are recorded) are judged: one recorded
 * since may be newer than the list.
 * When the logs cannot tell (no read:logs, or a gap since the invitation was made), acceptance is inferred
 * from membership and expiry.
 */
export async function reconcileOrganization(db: Database, access: OrgAccess, now = new Date()): Promise<Reconciled> {
  const pace = pacer(db, INVITATION_READS, { perSecond: env().INVITATION_READ_RATE_PER_SECOND });
  const logs = await readTenantLogs(db, { waitMs: READER_WAIT_MS });
  const listing = await listInvitationsFromBothEnds(access, pace);
  await adopt(db, listing.invitations);
  const result: Reconciled = { logs, listed: listing.invitations.length, beyondList: 0, read: 0 };

  const listedIds = new Set(listing.invitations.map((invitation) => invitation.id));
  for (const invitation of listing.invitations) {
    if (Date.parse(invitation.expires_at ?? "") <= now.getTime()) {
      await applyEvidence(db, invitation.id ?? "", { kind: "listed", expired: true }, now);
    }
  }

  // While another reader still holds the logs, what they say is not applied yet: leave the missing ones
  // pending rather than guess; the next refresh settles them.
  if (logs.kind === "busy") return result;
  const unlisted = (await pendingEntries(db, access)).filter((entry) => !listedIds.has(entry.id) && entry.statusAt < now);
  const missing = unlisted.filter((entry) => !beyondTheList(entry, listing) || entry.expiresAt <= now);
  const unknown = unlisted
    .filter((entry) => !missing.includes(entry))
    .sort((a, b) => (a.verifiedAt?.getTime() ?? 0) - (b.verifiedAt?.getTime() ?? 0) || a.createdAt.getTime() - b.createdAt.getTime());
  result.beyondList = unknown.length;
  for (const entry of unknown.slice(0, READS_PER_REFRESH)) {
    result.read++;
    if (await getInvitation(access, entry.id, pace)) {
      await db.update(invitations).set({ verifiedAt: now }).where(eq(invitations.id, entry.id));
    } else {
      missing.push(entry);
    }
  }
  if (missing.length === 0) return result;

  const state = await readerState(db);
  const needsMembers = missing.some((entry) => !logsCover(state, entry.createdAt) && entry.expiresAt > now);
  const members = needsMembers ? await listMembers(access) : [];
  const memberEmails = new Set(members.map((member) => member.email?.toLowerCase()).filter(Boolean));
  // Those whose acceptance is inferred here join the members copy now, as the logs would have told it, so that
  // a seat moves from pending to member rather than out of the count (lib/invitations/seats.ts).
  const joined = members.filter((member) => missing.some((entry) => entry.inviteeEmail === member.email?.toLowerCase()));
  await rememberMembers(db, access, joined.map(memberSummary));
  for (const entry of missing) {
    await applyEvidence(
      db,
      entry.id,
      { kind: "missing", expired: entry.expiresAt <= now, member: memberEmails.has(entry.inviteeEmail), logsRead: logsCover(state, entry.createdAt) },
      now,
    );
  }
  return result;
}
