import "server-only";
import { and, eq, inArray } from "drizzle-orm";
import type { OrgAccess } from "@/lib/authz/access";
import { auditEvents, type ApprovalRequest, type EmailDelivery, type LedgerInvitation } from "@/lib/db/schema";
import { store } from "@/lib/db/store";
import { auth0UserText } from "@/lib/format/auth0-user";
import { requestsAmong } from "./approvals";
import { answerForPeople, deliveriesAmong, deliveryProblem } from "./email-deliveries";
import { invitationChain } from "./ledger";
import { stepsAbout } from "./steps";
import type { InvitationStep } from "./table";

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

/** Our own email (SMTP_URL set): queued, sent, or what went wrong and what to do next. */
function deliveryEntry(delivery: EmailDelivery): HistoryEntry {
  const what = delivery.kind === "reminder" ? "Reminder email" : "Invitation email";
  const at = delivery.settledAt ?? delivery.attemptedAt ?? delivery.queuedAt;
  if (delivery.status === "sent") return { at, what: `${what} sent by this app`, note: delivery.smtpResponse ? `The mail server said: ${answerForPeople(delivery.smtpResponse)}` : null };
  if (delivery.status === "queued") {
    const tried = delivery.attempts > 0 ? `; tried ${delivery.attempts} time${delivery.attempts === 1 ? "" : "s"}, trying again (${answerForPeople(delivery.smtpResponse)})` : "";
    return { at, what: `${what} waiting to be sent${tried}` };
  }
  return { at, what: `${what} ${delivery.status === "bounced" ? "bounced" : "not delivered"}`, note: deliveryProblem(delivery) };
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

/** A reminder or renewal by the organization's policy, in words: what it did, or why it was skipped. */
function policyStep(step: InvitationStep): HistoryEntry {
  const [kind, number] = step.step.split(":");
  const name = kind === "reminder" ? `Reminder ${number}` : `Automatic renewal ${number}`;
  const text: Record<string, string> = {
    started: `${name}, by the organization's policy: begun, outcome unknown`,
    emailed: `${name}, by the organization's policy: the invitation email sent again, with the same link`,
    renewed: kind === "reminder" ? `${name}, by the organization's policy: replaced by a new invitation, which Auth0 emailed` : `${name}, by the organization's policy: invited again`,
    skipped: `${name}, by the organization's policy: skipped`,
    failed: `${name}, by the organization's policy: failed`,
  };
  const links = step.successorId ? [{ invitationId: step.successorId, label: "the new invitation" }] : undefined;
  const note = step.outcome === "skipped" || step.outcome === "failed" ? step.detail : null;
  return { at: step.settledAt ?? step.claimedAt, what: text[step.outcome] ?? `${name}: ${step.outcome}`, note, ...(links && { links }) };
}

/**
 * One invitation's life as a timeline, oldest first: created (by whom, with support's reason), links
 * copied, each resend (old → new), the policy's reminders and renewals (and skips, with why), and how it
 * ended. Spans the whole chain of invitations that replaced one another.
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
  for (const step of await stepsAbout(db, access, chain.map((entry) => entry.id))) entries.push(policyStep(step));
  for (const delivery of await deliveriesAmong(db, chain.map((entry) => entry.id))) entries.push(deliveryEntry(delivery));
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
