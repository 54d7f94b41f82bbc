import "server-only";
import { and, eq, inArray } from "drizzle-orm";
import type { OrgAccess } from "@/lib/authz/access";
import { auditEvents, type ApprovalRequest, type LedgerInvitation } from "@/lib/db/schema";
import { store } from "@/lib/db/store";
import { auth0UserText } from "@/lib/format/auth0-user";
import { requestsAmong } from "./approvals";
import { invitationChain } from "./ledger";

/** `links`: the invitations an entry concerns, each shown as a link to its history, in the order named (old → new). */
export type HistoryEntry = {
  at: Date;
  what: string;
  reason?: string | null;
  /** What an approver wrote with their answer, or the rule that asked for approval. */
  note?: string | null;
  inferred?: boolean;
  links?: { invitationId: string; label: string }[];
};

const who = (name: string | null, email: string | null) => (name && email ? `${name} (${email})` : (name ?? email ?? "someone"));

function creation(entry: LedgerInvitation, previous: LedgerInvitation | undefined, requests: Map<string, ApprovalRequest>): HistoryEntry {
  const by = who(entry.actorName, entry.actorEmail);
  const as = entry.actorKind === "support" ? " as support" : "";
  if (entry.origin === "outside") return { at: entry.createdAt, what: `Created outside this app (inviter shown: ${entry.inviterName})` };
  const request = requests.get(entry.id);
  if (request) return { at: entry.createdAt, what: `Sent for approval by ${by}${as}`, reason: entry.reason, note: request.ruleMessage };
  const approval = previous && requests.get(previous.id);
  if (approval) {
    return {
      at: entry.createdAt,
      what: `Invited by ${by}${as} on the approval of ${who(approval.deciderName, approval.deciderEmail)}`,
      links: [
        { invitationId: previous.id, label: `the request for ${previous.inviteeEmail}` },
        { invitationId: entry.id, label: `the invitation for ${entry.inviteeEmail}` },
      ],
    };
  }
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

const noted = (request: ApprovalRequest) => (request.note ? `Note: ${request.note}` : null);

/** How a request was answered, in words; undefined while it waits. */
function answer(entry: LedgerInvitation, request: ApprovalRequest): HistoryEntry | undefined {
  const by = who(request.deciderName, request.deciderEmail);
  const as = request.deciderKind === "support" ? " as support" : "";
  const at = request.decidedAt ?? entry.statusAt;
  if (entry.status === "approved") return { at, what: `Approved by ${by}${as}`, reason: request.deciderReason, note: noted(request) };
  if (entry.status === "denied") return { at, what: `Denied by ${by}${as}; nothing was sent`, reason: request.deciderReason, note: noted(request) };
  if (entry.status === "request_expired") return { at: entry.statusAt, what: "Expired unanswered; nothing was sent" };
  return undefined;
}

/** How one invitation ended, in words; undefined while pending or when its successor tells the rest. */
function ending(entry: LedgerInvitation): HistoryEntry | undefined {
  const by = entry.statusByName ? ` by ${entry.statusByName}` : "";
  const text: Record<string, string | undefined> = {
    accepted: `Accepted${by}`,
    expired: "Expired unused",
    revoked: `Revoked${by}`,
    consumed: `Used up by another account: ${auth0UserText({ name: entry.statusByName, id: entry.statusById })} signed in instead of ${entry.inviteeEmail}`,
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
  const requests = await requestsAmong(db, access, chain.map((entry) => entry.id));
  const entries: HistoryEntry[] = chain.flatMap((entry, index) => {
    const request = requests.get(entry.id);
    const end = request ? answer(entry, request) : ending(entry);
    return [creation(entry, chain[index - 1], requests), ...(end ? [end] : [])];
  });
  const copied = await db
    .select()
    .from(auditEvents)
    .where(and(eq(auditEvents.organizationId, access.orgId), inArray(auditEvents.invitationId, chain.map((entry) => entry.id)), eq(auditEvents.outcome, "copied")));
  for (const event of copied) entries.push({ at: event.occurredAt, what: `Link copied by ${who(event.actorName, event.actorEmail)}`, reason: event.reason });
  // Answers to a request that did not stand: refused (the requester's own, say) or approved but not sent.
  const unanswered = requests.size === 0 ? [] : await db
    .select()
    .from(auditEvents)
    .where(
      and(
        eq(auditEvents.organizationId, access.orgId),
        inArray(auditEvents.invitationId, [...requests.keys()]),
        inArray(auditEvents.action, ["approve", "deny"]),
        inArray(auditEvents.outcome, ["refused", "failed"]),
      ),
    );
  for (const event of unanswered) {
    const tried = event.action === "approve" ? "approve" : "deny";
    entries.push({ at: event.occurredAt, what: `${who(event.actorName, event.actorEmail)} tried to ${tried} it`, reason: event.reason, note: event.detail });
  }
  return { chain, entries: entries.sort((a, b) => a.at.getTime() - b.at.getTime()) };
}
