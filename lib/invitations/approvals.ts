import "server-only";
import { topRoleName, type Authorized } from "@/lib/authz/gate";
import { reauthorizeJob, type AuthorityWords } from "@/lib/authz/job-authority";
import { Refusal } from "@/lib/authz/refusal";
import { settleAuditEvent } from "@/lib/db/audit";
import { store } from "@/lib/db/store";
import { approvalRequest, decideRequest, reopenRequest, type PendingRequest } from "@/lib/ledger/approvals";
import type { InviterRecord } from "@/lib/ledger/ledger";
import { decisionRefusal } from "./approval-rule";
import { existingInvitees } from "./existing";
import { record, requestSender, roleNamesOf, sendOne, writeAhead, type InvitationSpec, type Sender, type SendOutcome } from "./send";

// Answering a request for approval (made by the send pipeline, ./send.ts step 4). Each answer passes the
// gate as the server action's, then the one rule of who may answer (./approval-rule.ts), then claims the
// request in the store: of two answers at once, one wins, so an approval sends once. The approved invitation
// goes through the one pipeline, every policy checked again, in the requester's name with the approver's
// ceiling; the approver is named beside the requester in the trail and in the ledger (the request).

export type Answered = { email: string; status: "approved" | "denied"; invitationId?: string };

const MISSING = "This app has no such request in this organization. Reload the list.";
const ANSWERED_MEANWHILE = "This request was answered, or expired, a moment ago. Reload the list to see what became of it.";

const who = (person: InviterRecord) => (person.actorName && person.actorEmail ? `${person.actorName} (${person.actorEmail})` : person.actorName || person.actorEmail);

/** The request, read through the organization's own ledger, and what the trail says of it. */
async function requestOf(ctx: Authorized, requestId: string) {
  const { db } = await store();
  const found = await approvalRequest(db, ctx, requestId);
  if (!found) throw new Refusal("request_missing", MISSING);
  const roleNames = await roleNamesOf(found.entry.roleIds);
  const about = {
    inviteeEmail: found.entry.inviteeEmail,
    invitationId: found.entry.id,
    roles: roleNames,
    clientId: found.entry.clientId,
    connectionId: found.entry.connectionId,
  };
  return { db, found, roleNames, about };
}

/** Refuses, in the trail, anyone the rule does not let answer this request. */
async function checkDecider(ctx: Authorized, sender: Sender, { entry }: PendingRequest, about: Record<string, unknown>) {
  const refusal = decisionRefusal({
    decider: { userId: ctx.user.id, email: ctx.user.email, actor: ctx.actor },
    request: { requesterId: entry.actorId, requesterEmail: entry.actorEmail, status: entry.status, expiresAt: entry.expiresAt, roleIds: entry.roleIds },
    ceiling: sender.ceiling,
    approverRole: topRoleName(),
  });
  if (!refusal) return;
  await record(sender, "refused", { ...about, detail: refusal.message });
  throw new Refusal(refusal.code, refusal.message, undefined, true);
}

const REQUESTER_WORDS: AuthorityWords = {
  subject: (name) => `The requester, ${name},`,
  remedy: (restore) => `The invitation cannot go out in their name: deny the request, or invite the address yourself (${restore.toLowerCase()} first to approve it).`,
  engagementOver: "Deny the request, or invite the address yourself.",
  giveUp: "Deny the request, or invite the address yourself.",
};

/** The requester as the authority re-check reads them; a request keeps no support engagement, so none is held to. */
function requestCreator({ entry }: PendingRequest) {
  return {
    organizationId: entry.organizationId,
    actorId: entry.actorId ?? "",
    actorEmail: entry.actorEmail ?? "",
    actorName: entry.actorName ?? "",
    actorKind: entry.actorKind ?? "member",
    reason: entry.reason,
  };
}

function requesterOf({ entry }: PendingRequest): InviterRecord {
  return { actorId: entry.actorId ?? "", actorEmail: entry.actorEmail ?? "", actorName: entry.actorName ?? "", actorKind: entry.actorKind ?? "member", reason: entry.reason };
}

/**
 * Approves a request and sends its invitation through the one pipeline. Not sent (a policy, the ceiling or
 * Auth0 said no), the request awaits an answer again and the approver is told why.
 */
export async function approveRequest(ctx: Authorized, requestId: string, note?: string): Promise<Answered> {
  const { db, found, roleNames, about } = await requestOf(ctx, requestId);
  const sender = await requestSender(ctx, "approve");
  await checkDecider(ctx, sender, found, about);

  // The invitation goes out in the requester's name: their authority is read again, live, as a bulk job's
  // creator's is (they may have lost the inviter role, or been blocked, since they asked).
  const standing = await reauthorizeJob(requestCreator(found), found.entry.roleIds, REQUESTER_WORDS);
  if (!standing.ok) {
    await record(sender, "refused", { ...about, detail: standing.why });
    throw new Refusal("requester_unauthorized", standing.why, undefined, true);
  }

  // Read before the claim: once claimed, only the pipeline's own answer decides what becomes of the request.
  const existing = await existingInvitees(ctx, [found.entry.inviteeEmail]);
  const auditId = await writeAhead(sender, { ...about, detail: note ?? null });
  if (!(await decideRequest(db, ctx, requestId, { kind: "approved", decider: sender.inviter, note }))) {
    await settleAuditEvent(db, auditId, { outcome: "refused", detail: ANSWERED_MEANWHILE });
    throw new Refusal("already_decided", ANSWERED_MEANWHILE, undefined, true);
  }

  const { entry, request } = found;
  const spec: InvitationSpec = {
    email: entry.inviteeEmail,
    inviterName: entry.inviterName,
    clientId: entry.clientId,
    connectionId: entry.connectionId ?? undefined,
    roles: entry.roleIds.map((id, index) => ({ id, name: roleNames[index] ?? id })),
    ttlSeconds: request.ttlSeconds,
    sendEmail: entry.sendEmail ?? true,
  };
  // The requester is the inviter of record; the approver's ceiling is the one that must cover the roles.
  let outcome: SendOutcome;
  try {
    outcome = await sendOne({ ...sender, inviter: requesterOf(found), action: "invite" }, { spec, existing, approvedRequest: requestId, detail: `Approved by ${who(sender.inviter)}` });
  } catch (error) {
    // Claimed but not sent (the store or Auth0 failed before an answer): the request awaits an answer again.
    await reopenRequest(db, requestId);
    await settleAuditEvent(db, auditId, { outcome: "failed", detail: "Approved, but not sent: something failed on the way. The request awaits an answer again." });
    throw error;
  }
  if ("invitation" in outcome) {
    const sent = outcome.invitation.id ?? "";
    await settleAuditEvent(db, auditId, { outcome: "done", detail: [note, `Sent as ${sent}`].filter(Boolean).join("; ") });
    return { email: entry.inviteeEmail, status: "approved", invitationId: sent };
  }
  await reopenRequest(db, requestId);
  const why = `Approved, but not sent: ${outcome.message} The request awaits an answer again.`;
  await settleAuditEvent(db, auditId, { outcome: outcome.status === "failed" ? "failed" : "refused", detail: why });
  throw new Refusal("approval_not_sent", why, undefined, true);
}

/** Denies a request: nothing is sent, and the requester sees the note on the request. */
export async function denyRequest(ctx: Authorized, requestId: string, note?: string): Promise<Answered> {
  const { db, found, about } = await requestOf(ctx, requestId);
  const sender = await requestSender(ctx, "deny");
  await checkDecider(ctx, sender, found, about);
  if (!(await decideRequest(db, ctx, requestId, { kind: "denied", decider: sender.inviter, note }))) {
    await record(sender, "refused", { ...about, detail: ANSWERED_MEANWHILE });
    throw new Refusal("already_decided", ANSWERED_MEANWHILE, undefined, true);
  }
  await record(sender, "done", { ...about, detail: note ?? null });
  return { email: found.entry.inviteeEmail, status: "denied" };
}
