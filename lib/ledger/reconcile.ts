import "server-only";
import { listInvitations, listMembers, type OrgAccess } from "@/lib/auth0/organization-data";
import type { Database } from "@/lib/db/store";
import { adopt, applyEvidence, pendingEntries } from "./ledger";
import { logsCover, readTenantLogs, readerState, type LogReadResult } from "./log-reader";

/** How long opening a page waits for a background reader to finish with the logs. */
const READER_WAIT_MS = 5_000;

/**
 * Brings the ledger of one organization up to date: applies new tenant logs, adopts invitations first seen
 * in Auth0's list, and settles the pending ones Auth0 no longer lists. When the logs cannot tell (no
 * read:logs, or a gap since the invitation was made), acceptance is inferred from membership and expiry.
 */
export async function reconcileOrganization(db: Database, access: OrgAccess, now = new Date()): Promise<LogReadResult> {
  const logs = await readTenantLogs(db, { waitMs: READER_WAIT_MS });
  const listed = await listInvitations(access);
  await adopt(db, listed);

  const listedIds = new Set(listed.map((invitation) => invitation.id));
  for (const invitation of listed) {
    if (Date.parse(invitation.expires_at ?? "") <= now.getTime()) {
      await applyEvidence(db, invitation.id ?? "", { kind: "listed", expired: true }, now);
    }
  }

  // While another reader still holds the logs, what they say is not applied yet: leave the missing ones
  // pending rather than guess; the next look settles them.
  if (logs.kind === "busy") return logs;
  const missing = (await pendingEntries(db, access)).filter((entry) => !listedIds.has(entry.id));
  if (missing.length === 0) return logs;
  const state = await readerState(db);
  const needsMembers = missing.some((entry) => !logsCover(state, entry.createdAt) && entry.expiresAt > now);
  const memberEmails = needsMembers
    ? new Set((await listMembers(access)).map((member) => member.email?.toLowerCase()).filter(Boolean))
    : new Set<string | undefined>();
  for (const entry of missing) {
    await applyEvidence(
      db,
      entry.id,
      { kind: "missing", expired: entry.expiresAt <= now, member: memberEmails.has(entry.inviteeEmail), logsRead: logsCover(state, entry.createdAt) },
      now,
    );
  }
  return logs;
}
