import "server-only";
import { and, eq, inArray } from "drizzle-orm";
import type { OrgAccess } from "@/lib/authz/access";
import { auditEvents, type LedgerInvitation } from "@/lib/db/schema";
import { store } from "@/lib/db/store";
import { invitationChain } from "./ledger";

/** `links`: the invitations an entry concerns, each shown as a link to its history, in the order named (old → new). */
export type HistoryEntry = { at: Date; what: string; reason?: string | null; inferred?: boolean; links?: { invitationId: string; label: string }[] };

const who = (name: string | null, email: string | null) => (name && email ? `${name} (${email})` : (name ?? email ?? "someone"));

function creation(entry: LedgerInvitation, previous?: LedgerInvitation): HistoryEntry {
  const by = who(entry.actorName, entry.actorEmail);
  const as = entry.actorKind === "support" ? " as support" : "";
  if (entry.origin === "outside") return { at: entry.createdAt, what: `Created outside this app (inviter shown: ${entry.inviterName})` };
  if (previous) {
    return {
      at: entry.createdAt,
      what: `Sent again by ${by}${as}`,
      reason: entry.reason,
      links: [
        { invitationId: previous.id, label: `the earlier invitation for ${previous.inviteeEmail}` },
        { invitationId: entry.id, label: `the new invitation for ${entry.inviteeEmail}` },
      ],
    };
  }
  return { at: entry.createdAt, what: `Invited by ${by}${as}`, reason: entry.reason };
}

/** How one invitation ended, in words; undefined while pending or when its successor tells the rest. */
function ending(entry: LedgerInvitation): HistoryEntry | undefined {
  const by = entry.statusByName ? ` by ${entry.statusByName}` : "";
  const text: Record<string, string | undefined> = {
    accepted: `Accepted${by}`,
    expired: "Expired unused",
    revoked: `Revoked${by}`,
    consumed: `Used up by a failed acceptance${by ? ` (signed in as ${entry.statusByName})` : ""}`,
    removed: "Removed from Auth0 outside this app",
  };
  const what = text[entry.status];
  return what ? { at: entry.statusAt, what, inferred: entry.statusInferred } : undefined;
}

/**
 * One invitation's life as a timeline, oldest first: created (by whom, with support's reason), links
 * copied, each resend (old → new), and how it ended. Spans the whole chain of invitations that replaced
 * one another.
 */
export async function invitationHistory(access: OrgAccess, id: string): Promise<{ chain: LedgerInvitation[]; entries: HistoryEntry[] }> {
  const { db } = await store();
  const chain = await invitationChain(db, access, id);
  if (chain.length === 0) return { chain, entries: [] };
  const entries: HistoryEntry[] = chain.flatMap((entry, index) => {
    const end = ending(entry);
    return [creation(entry, chain[index - 1]), ...(end ? [end] : [])];
  });
  const copied = await db
    .select()
    .from(auditEvents)
    .where(and(eq(auditEvents.organizationId, access.orgId), inArray(auditEvents.invitationId, chain.map((entry) => entry.id)), eq(auditEvents.outcome, "copied")));
  for (const event of copied) entries.push({ at: event.occurredAt, what: `Link copied by ${who(event.actorName, event.actorEmail)}`, reason: event.reason });
  return { chain, entries: entries.sort((a, b) => a.at.getTime() - b.at.getTime()) };
}
