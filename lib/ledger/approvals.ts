import "server-only";
import { randomBytes } from "node:crypto";
import { and, eq, gt, inArray } from "drizzle-orm";
import type { OrgAccess } from "@/lib/authz/access";
import type { Database } from "@/lib/db/store";
import { buildEvent, recordEvent } from "./events";
import { applyEvidence, type InviterRecord } from "./ledger";
import { nextStatus } from "./status";
import { approvalRequests, invitations, type ApprovalRequest, type LedgerInvitation } from "./table";

// Requests for approval, kept in the ledger beside the invitations they become: a row in `invitations` with a
// `req_…` id (so the list, its filters and the history page show it like any invitation) and its own row in
// `approval_requests`. Its status moves by lib/ledger/status.ts's rules; a decision claims it atomically, so that
// two approvers, or one approver's double click, send it once.

/** What the requester asked to send, as the ledger keeps it. */
export type RequestedInvitation = {
  email: string;
  inviterName: string;
  clientId: string;
  connectionId?: string;
  roleIds: string[];
  ttlSeconds: number;
  sendEmail: boolean;
};

export type PendingRequest = { entry: LedgerInvitation; request: ApprovalRequest };

const ALPHANUMERIC = /[^A-Za-z0-9]/g;
const newRequestId = () => `req_${randomBytes(18).toString("base64").replace(ALPHANUMERIC, "").slice(0, 20)}`;

/** Records a request awaiting approval until `expiresAt`; returns its id. */
export async function recordRequest(
  db: Database,
  access: OrgAccess,
  requester: InviterRecord,
  invitation: RequestedInvitation,
  { rule, ruleMessage, expiresAt }: { rule: string; ruleMessage: string; expiresAt: Date },
): Promise<string> {
  const id = newRequestId();
  const now = new Date();
  const entry = { id, organizationId: access.orgId, inviteeEmail: invitation.email.toLowerCase(), roleIds: invitation.roleIds };
  await db.transaction(async (tx) => {
    await tx.insert(invitations).values({
      id,
      organizationId: access.orgId,
      inviteeEmail: invitation.email.toLowerCase(),
      roleIds: invitation.roleIds,
      clientId: invitation.clientId,
      connectionId: invitation.connectionId ?? null,
      inviterName: invitation.inviterName,
      ...requester,
      reason: requester.reason ?? null,
      sendEmail: invitation.sendEmail,
      createdAt: now,
      expiresAt,
      origin: "app",
      status: "awaiting_approval",
      statusAt: now,
    });
    await tx.insert(approvalRequests).values({ id, organizationId: access.orgId, rule, ruleMessage, ttlSeconds: invitation.ttlSeconds });
    const requesterActor = { id: requester.actorId, name: requester.actorName || requester.actorEmail, kind: requester.actorKind };
    await recordEvent(tx as unknown as Database, buildEvent(entry, "awaiting_approval", requesterActor, now));
  });
  return id;
}

/** A request of this organization, with its settings and decision; undefined for another organization's. */
export async function approvalRequest(db: Database, access: OrgAccess, id: string): Promise<PendingRequest | undefined> {
  const [row] = await db
    .select({ entry: invitations, request: approvalRequests })
    .from(invitations)
    .innerJoin(approvalRequests, eq(approvalRequests.id, invitations.id))
    .where(and(eq(invitations.organizationId, access.orgId), eq(invitations.id, id)));
  return row;
}

/** The requests among these ledger entries, by id: what the list and the history page say about each. */
export async function requestsAmong(db: Database, access: OrgAccess, ids: string[]): Promise<Map<string, ApprovalRequest>> {
  const wanted = ids.filter((id) => id.startsWith("req_"));
  if (wanted.length === 0) return new Map();
  const rows = await db
    .select()
    .from(approvalRequests)
    .where(and(eq(approvalRequests.organizationId, access.orgId), inArray(approvalRequests.id, wanted)));
  return new Map(rows.map((row) => [row.id, row]));
}

export type Decision = { kind: "approved" | "denied"; decider: InviterRecord; note?: string };

/**
 * Claims a request still awaiting an answer, and not overdue, for this decision, in one conditional update:
 * of two deciders at once, exactly one gets true. The approved request is then sent by its decider.
 */
export async function decideRequest(db: Database, access: OrgAccess, id: string, { kind, decider, note }: Decision, now = new Date()): Promise<boolean> {
  const by = { id: decider.actorId, name: decider.actorName || decider.actorEmail };
  const change = nextStatus({ status: "awaiting_approval", inferred: false }, { kind, by });
  if (!change) return false;
  return db.transaction(async (tx) => {
    const claimed = await tx
      .update(invitations)
      .set({ status: change.status, statusAt: now, statusById: by.id, statusByName: by.name })
      .where(and(eq(invitations.organizationId, access.orgId), eq(invitations.id, id), eq(invitations.status, "awaiting_approval"), gt(invitations.expiresAt, now)))
      .returning();
    if (claimed.length === 0) return false;
    await recordEvent(tx as unknown as Database, buildEvent(claimed[0], change.status, { ...by, kind: decider.actorKind }, now));
    await tx
      .update(approvalRequests)
      .set({
        deciderId: decider.actorId,
        deciderEmail: decider.actorEmail,
        deciderName: decider.actorName,
        deciderKind: decider.actorKind,
        deciderReason: decider.reason ?? null,
        note: note ?? null,
        decidedAt: now,
      })
      .where(eq(approvalRequests.id, id));
    return true;
  });
}

/** An approved request that could not be sent awaits an answer again; the trail keeps the failed approval. */
export async function reopenRequest(db: Database, id: string): Promise<void> {
  await db.transaction(async (tx) => {
      const reopened = await applyEvidence(tx as unknown as Database, id, { kind: "approval_unsent" });
      if (!reopened) return;
      await tx
        .update(approvalRequests)
        .set({ deciderId: null, deciderEmail: null, deciderName: null, deciderKind: null, deciderReason: null, note: null, decidedAt: null })
        .where(eq(approvalRequests.id, id));
  });
}
