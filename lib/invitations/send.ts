import "server-only";
import { tenantRoles } from "@/lib/auth0/directory";
import type { InvitationField } from "@/lib/auth0/errors";
import { revokeInvitation, sendInvitation, type WriteFailure, type WriteResult } from "@/lib/auth0/invitation-writer";
import { invitationsCreatedSince, type Auth0Invitation, type NewInvitation } from "@/lib/auth0/organization-data";
import type { AuditAction, AuditOutcome } from "@/lib/audit/vocabulary";
import type { OrgAccess } from "@/lib/authz/access";
import { roleCeiling, topRoleName, type Authorized, type RoleCeiling } from "@/lib/authz/gate";
import { Refusal } from "@/lib/authz/refusal";
import { beginAuditEvent, recordAuditEvent, settleAuditEvent } from "@/lib/db/audit";
import type { NewAuditEvent } from "@/lib/db/schema";
import { store, type Database } from "@/lib/db/store";
import { sendInvitationEmail } from "@/lib/email/invitation-email";
import { ownEmail } from "@/lib/email/transport";
import { env } from "@/lib/env";
import { recordRequest } from "@/lib/ledger/approvals";
import { applyEvidence, recordCreated, type InviterRecord } from "@/lib/ledger/ledger";
import { logger } from "@/lib/log/logger";
import { invitationWritePacer } from "@/lib/pacing/pacer";
import { approvalNotAsked, sentForApproval, type ApprovalNeed } from "@/lib/policy/check";
import { existingMessages, type ExistingLookup, type PendingInvitation } from "./existing";
import { approvalNeeded, policyRefusal } from "./policies";
import { releaseSeat, reserveSeat, seatRule } from "./seats";

// The one send pipeline. Every way to create, replace or revoke an invitation goes through it — the invite
// form (one address or many), resend, re-invite, renew-all, replace-pending and each bulk row — so that each
// rule is enforced once, everywhere, in this order:
//   1. authority: who sends, on which grant (the gate's, or lib/authz's re-check for work that outlives a request)
//   2. the role ceiling (lib/authz's one rule)
//   3. the one "already a member / already invited" rule (./existing.ts)
//   4. the operator's policies (./policies.ts); an invitation that needs approval becomes a request in the
//      ledger here instead (./approvals.ts sends it, through this pipeline, once approved)
//   5. write-ahead: the attempt is in the audit trail before Auth0 is called
//   5b. seats: under a seat limit, a new invitation (not a replacement) reserves a seat before Auth0 is
//      called, under a per-organization lock in the store (./seats.ts); settling ends the reservation
//   6. the shared pacer of Auth0's invitation-write bucket, for every path and instance
//   7. the Auth0 call, through lib/auth0
//   8. settle once: the audit event, the ledger, the seat reservation (and a bulk row) in one transaction

export type InvitationSpec = {
  email: string;
  inviterName: string;
  clientId: string;
  connectionId?: string;
  roles: { id: string; name: string }[];
  ttlSeconds: number;
  sendEmail: boolean;
};

/** Step 1: who sends, with the grant and the ceiling that proves they may, and the trail's word for what they do. */
export type Sender = {
  db: Database;
  access: OrgAccess;
  ceiling: RoleCeiling;
  /** Whom the trail and the ledger name: the signed-in person, or a bulk job's creator; support's reason. */
  inviter: InviterRecord;
  action: AuditAction;
};

/** An invitation being revoked or replaced, as the trail names it. */
export type ExistingInvitation = PendingInvitation & { email: string; roleNames: string[]; clientId?: string; connectionId?: string };

export type SendOutcome =
  | { status: "created" | "replaced"; invitation: Auth0Invitation }
  /** Step 3 said no: recorded as skipped. */
  | { status: "skipped"; message: string; pending?: PendingInvitation }
  /** Steps 2, 4 or 5b said no: recorded as refused. */
  | { status: "refused"; code: string; message: string; field?: InvitationField }
  /** Step 4 asked for a second person's yes: recorded as a request awaiting approval; Auth0 is not called. */
  | { status: "awaiting_approval"; requestId: string; message: string }
  /**
   * Auth0 said no, or did not answer. `settled` is false only for a lane's attempt that will be tried again;
   * `predecessorRevoked` says that the invitation being replaced was revoked before the new one failed.
   */
  | { status: "failed"; failure: WriteFailure; message: string; field?: InvitationField; settled: boolean; predecessorRevoked?: boolean };

export type SendRequest = {
  spec: InvitationSpec;
  /** Step 3's evidence (./existing.ts). */
  existing: ExistingLookup;
  /** What an address's pending invitation means: the address is skipped, or the invitation is replaced. */
  onPending?: "skip" | "replace";
  /** The pending invitation this one replaces (resend): revoked first, then linked. */
  replaces?: ExistingInvitation;
  /** The ended invitation this one follows (re-invite, renewal): linked in the ledger. */
  follows?: string;
  /** Said in the trail beside the attempt. */
  detail?: string;
  /** The approved request being sent (./approvals.ts): its approval answers step 4's request; the ledger links the two. */
  approvedRequest?: string;
  /**
   * A bulk lane's row: the lane took its pacer token before claiming the row and decides about retries
   * itself; the row keeps one audit event across attempts; its state is settled with the outcome.
   */
  lane?: BulkLane;
};

export type BulkLane = {
  /** The row's audit event from an earlier attempt, if any. */
  auditId: number | null;
  /** Keeps a new audit event's id with the row, at once, so a retry or a lost answer settles the same event. */
  remember: (auditId: number) => Promise<void>;
  /** Whether a 5xx now is the row's last chance (its attempts are used up). */
  lastAttempt: boolean;
  /** Moments before the Auth0 call: false when the row's lease is no longer this lane's, and nothing is sent. */
  stillHeld: () => Promise<boolean>;
  /** Written in the same transaction as the settled outcome. */
  settled: (tx: Database, outcome: SendOutcome) => Promise<void>;
};

type Doer = Omit<NewAuditEvent, "outcome">;

const NOT_RECORDED =
  "Nothing was sent to Auth0: this app could not record the action in its audit trail. Try again, and tell your administrator if it keeps happening.";

function doer(sender: Sender, fields: Partial<Doer> = {}): Doer {
  return { action: sender.action, ...sender.inviter, reason: sender.inviter.reason ?? null, organizationId: sender.access.orgId, ...fields };
}

/**
 * Step 5: the attempt is recorded before Auth0 is called; a store that cannot record it means nothing is sent.
 * Membership changes (lib/members) write ahead the same way.
 */
export async function writeAhead(sender: Sender, fields: Partial<Doer>): Promise<number> {
  try {
    return await beginAuditEvent(sender.db, doer(sender, fields));
  } catch (error) {
    logger().error({ err: error, action: sender.action }, "the audit trail refused an attempt");
    throw new Refusal("not_recorded", NOT_RECORDED, undefined, true);
  }
}

/** An attempt that ends before any call (a refusal, a skip): written ahead and settled at once. */
export async function record(sender: Sender, outcome: AuditOutcome, fields: Partial<Doer>): Promise<void> {
  await settleAuditEvent(sender.db, await writeAhead(sender, fields), { outcome });
}

// A person waits for the answer: a few 429s (each after the pacer has waited for Auth0's reset)
// mean the tenant's limit is spent by someone else, and the person is better told than kept waiting.
const MAX_RATE_LIMITED = 5;
const MAX_TRANSIENT = 3;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Steps 6 and 7: one paced call. For a request, a 429 waits for the pacer and tries again, and a 5xx is
 * tried again after a short backoff; a lane (which took its token before claiming) gets every answer back.
 */
async function paced<T>(sender: Sender, call: () => Promise<WriteResult<T>>, lane?: BulkLane): Promise<WriteResult<T>> {
  const pace = invitationWritePacer(sender.db, env().BULK_WRITE_RATE_PER_SECOND);
  let limited = 0;
  let transient = 0;
  for (let first = true; ; first = false) {
    if (!(first && lane)) await pace.acquire();
    const result = await call();
    await pace.observe(result.rate, !result.ok && result.kind === "rate_limited");
    if (result.ok || lane) return result;
    if (result.kind === "rate_limited" && ++limited < MAX_RATE_LIMITED) continue;
    if (result.kind === "transient" && ++transient < MAX_TRANSIENT) {
      await sleep(1000 * 2 ** (transient - 1));
      continue;
    }
    return result;
  }
}

/** A lost answer's invitation, if Auth0 made it: the newest invitations for the address and application since it was sent. */
export async function findLost(access: OrgAccess, spec: Pick<InvitationSpec, "email" | "clientId">, sentSince: Date): Promise<Auth0Invitation | "unknown" | undefined> {
  // A minute's margin for the difference between our clock and Auth0's.
  const { invitations, complete } = await invitationsCreatedSince(access, new Date(sentSince.getTime() - 60_000));
  const found = invitations.find((invitation) => invitation.invitee?.email?.toLowerCase() === spec.email.toLowerCase() && invitation.client_id === spec.clientId);
  return found ?? (complete ? undefined : "unknown");
}

function body(spec: InvitationSpec): NewInvitation {
  return {
    inviter: { name: spec.inviterName },
    invitee: { email: spec.email },
    client_id: spec.clientId,
    ...(spec.connectionId && { connection_id: spec.connectionId }),
    ...(spec.roles.length > 0 && { roles: spec.roles.map((role) => role.id) }),
    ttl_sec: spec.ttlSeconds,
    // With our own email on, Auth0 only makes the link; the app emails the invitee once it is settled.
    send_invitation_email: spec.sendEmail && !ownEmail(),
  };
}

const LEASE_LOST = "Another worker holds this row now.";
const ABOVE_CEILING = "The pending invitation grants roles above yours, so you cannot replace it.";

type Unsent = Extract<SendOutcome, { status: "skipped" | "refused" | "failed" }>;

/** Role names for the trail, in the order of the ids. */
export async function roleNamesOf(roleIds: string[]): Promise<string[]> {
  const names = new Map((await tenantRoles()).map((role) => [role.id, role.name]));
  return roleIds.map((id) => names.get(id) ?? id);
}

/** Steps 2–4 for a new invitation: the reason it may not be sent, what it will replace, or the rule that asks for approval. */
async function admissible(sender: Sender, request: SendRequest): Promise<Unsent | { replaces?: ExistingInvitation; needs?: ApprovalNeed }> {
  const { spec } = request;
  const roleIds = spec.roles.map((role) => role.id);
  if (!sender.ceiling.covers(roleIds)) {
    const names = spec.roles.filter((role) => !sender.ceiling.covers([role.id])).map((role) => role.name);
    return { status: "refused", code: "role_not_assignable", message: `You may not assign ${names.join(", ")}.`, field: "roleIds" };
  }

  const standing = await request.existing(spec.email);
  let replaces = request.replaces;
  if (standing?.kind === "member") return { status: "skipped", message: `${existingMessages.member}; not invited.` };
  if (standing?.kind === "invited" && standing.invitation.id !== replaces?.id) {
    if (request.onPending !== "replace" || replaces) {
      return { status: "skipped", message: existingMessages.pending, pending: standing.invitation };
    }
    replaces = { ...standing.invitation, email: spec.email, roleNames: await roleNamesOf(standing.invitation.roleIds) };
  }
  if (replaces && !sender.ceiling.covers(replaces.roleIds)) return { status: "refused", code: "role_not_assignable", message: ABOVE_CEILING };

  const refusal = await policyRefusal(sender.access, spec);
  if (refusal) return { status: "refused", ...refusal };
  if (request.approvedRequest) return { replaces };
  const needs = await approvalNeeded(sender.access, { email: spec.email, roleNames: spec.roles.map((role) => role.name) });
  // Only a new invitation from the invite form becomes a request: what replaces or follows another one, or a
  // bulk row, says why it was not sent.
  if (needs && (replaces || request.follows || request.lane)) return { status: "refused", code: "needs_approval", message: approvalNotAsked(needs, topRoleName()) };
  return { replaces, needs };
}

/** Step 4's request for approval: recorded in the ledger and the trail together; Auth0 is not called. */
async function askApproval(sender: Sender, spec: InvitationSpec, needs: ApprovalNeed, attempted: Partial<Doer>): Promise<SendOutcome> {
  const message = sentForApproval(needs, topRoleName());
  const expiresAt = new Date(Date.now() + env().APPROVAL_EXPIRES_DAYS * 86_400_000);
  const requestId = await sender.db.transaction(async (tx) => {
    const db = tx as unknown as Database;
    const invitation = { ...spec, roleIds: spec.roles.map((role) => role.id) };
    const id = await recordRequest(db, sender.access, sender.inviter, invitation, { rule: needs.rule, ruleMessage: message, expiresAt });
    await recordAuditEvent(db, { ...doer(sender, { ...attempted, invitationId: id, detail: message }), outcome: "requested" });
    return id;
  });
  return { status: "awaiting_approval", requestId, message };
}

/**
 * Sends one invitation through every step. Refusals and skips are recorded here; nothing reaches Auth0 unless
 * every step before it allowed it.
 */
export async function sendOne(sender: Sender, request: SendRequest): Promise<SendOutcome> {
  const { spec, lane } = request;
  const attempted = {
    inviteeEmail: spec.email,
    roles: spec.roles.map((role) => role.name),
    clientId: spec.clientId,
    connectionId: spec.connectionId ?? null,
    sendEmail: spec.sendEmail,
    inviterName: spec.inviterName,
  };
  const checked = await admissible(sender, request);
  if ("status" in checked) {
    await settleUnsent(sender, lane, checked, attempted);
    return checked;
  }

  const { replaces, needs } = checked;
  if (needs) return askApproval(sender, spec, needs, attempted);
  // Step 5b's limit and member count, read before anything is written.
  const seats = replaces ? undefined : await seatRule(sender.access);
  if (replaces) {
    const revoked = await revokeOne(sender, replaces, { detail: "Replaced by a new invitation", partOfReplacement: true });
    if (!revoked.ok) {
      const outcome: SendOutcome = { status: "failed", failure: revoked.failure, message: `The pending invitation could not be revoked: ${revoked.failure.error.message}`, settled: true };
      await settleUnsent(sender, lane, outcome);
      return outcome;
    }
  }

  // A lane sends only while the row is still its own; the check renews the lease for the write-ahead and the call.
  if (lane && !(await lane.stillHeld())) {
    return { status: "failed", failure: { ok: false, kind: "unanswered", error: { code: "lease_lost", message: LEASE_LOST } }, message: LEASE_LOST, settled: false };
  }
  const replacedId = replaces?.id ?? request.follows;
  const predecessorId = replacedId ?? request.approvedRequest;
  const auditId = lane?.auditId ?? (await writeAhead(sender, { ...attempted, detail: [request.detail, replacedId && `Replaces ${replacedId}`].filter(Boolean).join("; ") || null }));
  if (lane && lane.auditId === null) await lane.remember(auditId);
  const noSeat = seats && (await reserveSeat(sender.db, sender.access, seats, auditId));
  if (noSeat) {
    const outcome: SendOutcome = { status: "refused", ...noSeat };
    await settleUnsent(sender, lane, outcome, undefined, auditId);
    return outcome;
  }

  const sentAt = new Date();
  let result = await paced(sender, () => sendInvitation(sender.access, body(spec)), lane);
  if (!result.ok && result.kind === "unanswered" && !lane) {
    // The answer was lost, not necessarily the invitation: look before saying it failed.
    const lost = await findLost(sender.access, spec, sentAt);
    if (lost && lost !== "unknown") result = { ok: true, value: lost };
  }

  if (result.ok) {
    const outcome: SendOutcome = { status: replacedId ? "replaced" : "created", invitation: result.value };
    await settleCreated(sender, auditId, outcome, { sendEmail: spec.sendEmail, predecessorId }, lane);
    return outcome;
  }
  const final = !lane || result.kind === "refused" || (result.kind === "transient" && lane.lastAttempt);
  const outcome: SendOutcome = { status: "failed", failure: result, message: result.error.message, field: result.error.field, settled: final, ...(replaces && { predecessorRevoked: true }) };
  if (final) {
    await sender.db.transaction(async (tx) => {
      await settleAuditEvent(tx as unknown as Database, auditId, { outcome: "failed", detail: result.error.message });
      await releaseSeat(tx as unknown as Database, auditId);
      // A predecessor revoked as the first step of a replacement stays revoked when no successor came.
      if (replaces) await applyEvidence(tx as unknown as Database, replaces.id, { kind: "revoked", by: revokedBy(sender) });
      await lane?.settled(tx as unknown as Database, outcome);
    });
  }
  return outcome;
}

/** Step 8 for a created invitation: the audit event, the ledger and the lane's row, in one transaction. */
export async function settleCreated(
  sender: Sender,
  auditId: number,
  outcome: Extract<SendOutcome, { status: "created" | "replaced" }>,
  { sendEmail, predecessorId, detail }: { sendEmail: boolean; predecessorId?: string; detail?: string },
  lane?: Pick<BulkLane, "settled">,
) {
  const { invitation } = outcome;
  await sender.db.transaction(async (tx) => {
    const db = tx as unknown as Database;
    await settleAuditEvent(db, auditId, { outcome: outcome.status, invitationId: invitation.id ?? null, ...(detail && { detail }) });
    await recordCreated(db, invitation, sender.inviter, { sendEmail, predecessorId, ...(sendEmail && ownEmail() && { keepUrl: true }) });
    // The seat held while sending passes to the ledger's pending invitation, in the same transaction.
    await releaseSeat(db, auditId);
    await lane?.settled(db, outcome);
  });
  if (sendEmail && ownEmail() && invitation.id) await queueOwnEmail(sender.db, invitation.id);
}

/**
 * Our own invitation email, queued once the invitation is settled. The invitation stands whatever happens here:
 * a store that cannot queue the email is logged, and the invitation shows no delivery, so it can be resent.
 */
async function queueOwnEmail(db: Database, invitationId: string) {
  try {
    await sendInvitationEmail(db, invitationId, "invitation");
  } catch (error) {
    logger().error({ err: error, invitation: invitationId }, "the invitation email could not be queued");
  }
}

/** A lane's row whose answer was lost, found in Auth0 after all: settled as created, on the event written ahead of that send. */
export async function settleFound(sender: Sender, spec: InvitationSpec, lane: BulkLane, invitation: Auth0Invitation, detail: string) {
  const auditId = lane.auditId ?? (await writeAhead(sender, { inviteeEmail: spec.email, roles: spec.roles.map((role) => role.name), clientId: spec.clientId }));
  await settleCreated(sender, auditId, { status: "created", invitation }, { sendEmail: spec.sendEmail, detail }, lane);
}

/**
 * Settles an outcome that sent nothing: the audit event written ahead (by this attempt, or an earlier one of a
 * lane's row) and a lane's row; otherwise, for a skip or refusal, one audit row saying so.
 */
async function settleUnsent(sender: Sender, lane: BulkLane | undefined, outcome: Unsent, attempted?: Partial<Doer>, auditId = lane?.auditId) {
  const word: AuditOutcome = outcome.status === "failed" ? "failed" : outcome.status;
  if (auditId) await settleAuditEvent(sender.db, auditId, { outcome: word, detail: outcome.message });
  else if (attempted) await record(sender, word, { ...attempted, detail: outcome.message });
  if (lane) await sender.db.transaction((tx) => lane.settled(tx as unknown as Database, outcome));
}

const revokedBy = (sender: Sender) => ({ id: sender.inviter.actorId, name: sender.inviter.actorName || sender.inviter.actorEmail });

/**
 * Revokes one invitation through the same steps: the ceiling (an actor may undo only what they could have
 * issued), write-ahead, the pacer, Auth0, settled once; the ledger records who revoked it unless it is the
 * first step of a replacement (the ledger then links the two). A revoke is safe to repeat, so a lost answer
 * or a 5xx is tried again; an invitation already gone counts as revoked.
 */
export async function revokeOne(
  sender: Sender,
  invitation: ExistingInvitation,
  { detail, partOfReplacement = false }: { detail?: string; partOfReplacement?: boolean } = {},
): Promise<{ ok: true } | { ok: false; failure: WriteFailure }> {
  if (!sender.ceiling.covers(invitation.roleIds)) {
    await record(sender, "refused", { inviteeEmail: invitation.email, invitationId: invitation.id, detail: "This invitation grants roles above yours." });
    throw new Refusal("role_not_assignable", "This invitation grants roles above yours.", undefined, true);
  }
  const auditId = await writeAhead(sender, {
    inviteeEmail: invitation.email,
    invitationId: invitation.id,
    roles: invitation.roleNames,
    clientId: invitation.clientId ?? null,
    connectionId: invitation.connectionId ?? null,
    detail: detail ?? null,
  });
  let result = await paced(sender, () => revokeInvitation(sender.access, invitation.id));
  if (!result.ok && result.kind === "unanswered") result = await paced(sender, () => revokeInvitation(sender.access, invitation.id));
  if (!result.ok) {
    await settleAuditEvent(sender.db, auditId, { outcome: "failed", detail: result.error.message });
    return { ok: false, failure: result };
  }
  await sender.db.transaction(async (tx) => {
    await settleAuditEvent(tx as unknown as Database, auditId, { outcome: "revoked" });
    if (!partOfReplacement) await applyEvidence(tx as unknown as Database, invitation.id, { kind: "revoked", by: revokedBy(sender) });
  });
  return { ok: true };
}

/** The sender of a request that passed the gate: the signed-in person, their live ceiling, and support's reason. */
export async function requestSender(ctx: Authorized, action: AuditAction): Promise<Sender> {
  const [{ db }, ceiling] = await Promise.all([store(), roleCeiling(ctx)]);
  return {
    db,
    access: ctx,
    ceiling,
    inviter: { actorId: ctx.user.id, actorEmail: ctx.user.email, actorName: ctx.user.name, actorKind: ctx.actor.kind, reason: ctx.reason ?? null },
    action,
  };
}
