import "server-only";
import { randomUUID } from "node:crypto";
import { and, eq, sql } from "drizzle-orm";
import { auth0ErrorParts } from "@/lib/auth0/errors";
import {
  invitationEvent,
  logExists,
  logsAfter,
  LOGS_PER_READ,
  membershipEvent,
  newestLog,
  oldestLogs,
  type InvitationLogEvent,
  type MembershipLogEvent,
  type TenantLog,
} from "@/lib/auth0/logs";
import { leaseEnd, leaseFree } from "@/lib/db/lease";
import type { Database } from "@/lib/db/store";
import { applyMembershipEvent, joinersOf, type Joiners } from "@/lib/members/copy";
import { applyEvidence } from "./ledger";
import { appliedLogEvents, invitations, logReader } from "./table";

// Learns what happened to invitations from Auth0's tenant logs: `si` (accepted) and `fi` (used up by a
// failed acceptance) name the invitation by id; membership changes (lib/auth0/logs.ts `membershipEvent`) go
// to the copy of organizations' members (lib/members/copy.ts). The checkpoint lives in the store; a lease
// there lets one reader at a time call Auth0, and each batch is applied in one transaction that moves the
// checkpoint only from where this reader found it — so every event is applied exactly once, across
// restarts and app instances. https://auth0.com/docs/deploy-monitor/logs/retrieve-log-events-using-mgmt-api

const READER_ROW = 1;
const LEASE_SECONDS = 60;
/** The checkpoint of a reader that started on a tenant with no logs: read from the oldest. */
const FROM_THE_START = "";
/** Once the reader has been idle this long, it checks that its checkpoint is still within retention. */
const DEFAULT_GAP_CHECK_AFTER_MS = 60 * 60_000;
const LEASE_POLL_MS = 100;
/** Enough for one reading pass; the lease covers it. */
const MAX_BATCHES = 50;

export type LogReadResult =
  | { kind: "read"; applied: number; calls: number }
  | { kind: "busy" }
  | { kind: "gap"; from: Date | null; calls: number }
  | { kind: "unavailable"; problem: string; calls: number };

export type ReaderState = typeof logReader.$inferSelect;

export async function readerState(db: Database): Promise<ReaderState | undefined> {
  const [row] = await db.select().from(logReader).where(eq(logReader.id, READER_ROW));
  return row;
}

/**
 * Whether the logs that could tell this invitation's fate have all been applied: the reader is healthy,
 * was already reading when the invitation was created, and no gap has opened since.
 */
export function logsCover(state: ReaderState | undefined, createdAt: Date): boolean {
  if (state?.checkpoint == null || state.problem) return false;
  if (!state.coveredSince || createdAt < state.coveredSince) return false;
  return !(state.gapFoundAt && state.gapFoundAt > createdAt);
}

async function takeLease(db: Database, holder: string): Promise<ReaderState | undefined> {
  await db.insert(logReader).values({ id: READER_ROW }).onConflictDoNothing();
  const [row] = await db
    .update(logReader)
    .set({ leaseHolder: holder, leaseUntil: leaseEnd(LEASE_SECONDS) })
    .where(and(eq(logReader.id, READER_ROW), leaseFree(logReader.leaseUntil)))
    .returning();
  return row;
}

async function releaseLease(db: Database, holder: string) {
  await db.update(logReader).set({ leaseHolder: null, leaseUntil: null }).where(and(eq(logReader.id, READER_ROW), eq(logReader.leaseHolder, holder)));
}

/** A log event that tells the ledger, the members' copy, or both (an acceptance) something. */
type AppliedEvent = { log: TenantLog & { log_id: string }; invitation?: InvitationLogEvent; membership?: MembershipLogEvent };

function eventOf(log: TenantLog): AppliedEvent | undefined {
  const invitation = invitationEvent(log);
  const membership = membershipEvent(log);
  if (!log.log_id || (!invitation && !membership)) return undefined;
  return { log: log as AppliedEvent["log"], invitation, membership };
}

/** Applies one event unless it was applied before (the primary key on log_id decides). */
async function applyOnce(tx: Database, { log, invitation, membership }: AppliedEvent, joiners: Joiners): Promise<boolean> {
  const inserted = await tx
    .insert(appliedLogEvents)
    .values({
      logId: log.log_id,
      type: log.type ?? "",
      invitationId: invitation?.invitationId ?? null,
      organizationId: invitation?.organizationId ?? membership?.organizationId ?? null,
      occurredAt: invitation?.date ?? membership!.date,
    })
    .onConflictDoNothing()
    .returning({ logId: appliedLogEvents.logId });
  if (inserted.length === 0) return false;
  if (invitation) {
    const by = { id: invitation.userId ?? "", name: invitation.userName ?? "" };
    await adoptFromLog(tx, invitation);
    await applyEvidence(tx, invitation.invitationId, { kind: invitation.type === "si" ? "accepted" : "consumed", by }, invitation.date);
  }
  if (membership) await applyMembershipEvent(tx, membership, joiners);
  return true;
}

/** An invitation the ledger never saw (created outside the app and used before it was listed) is adopted from the log's copy. */
async function adoptFromLog(tx: Database, event: InvitationLogEvent) {
  const details = event.details as {
    invitee?: { email?: string };
    inviter?: { name?: string };
    roles?: string[];
    client_id?: string;
    created_at?: string;
    expires_at?: string;
    ticket_id?: string;
  };
  if (!event.organizationId || !details.invitee?.email) return;
  await tx
    .insert(invitations)
    .values({
      id: event.invitationId,
      organizationId: event.organizationId,
      inviteeEmail: details.invitee.email.toLowerCase(),
      roleIds: details.roles ?? [],
      clientId: details.client_id ?? "",
      inviterName: details.inviter?.name ?? "",
      ticketId: details.ticket_id ?? null,
      createdAt: new Date(details.created_at ?? event.date),
      expiresAt: new Date(details.expires_at ?? event.date),
      origin: "outside",
      status: "pending",
      statusAt: event.date,
    })
    .onConflictDoNothing();
}

/** Applies a batch and moves the checkpoint, only if it is still where this reader found it. */
async function applyBatch(db: Database, from: string, events: AppliedEvent[], last: string): Promise<number | undefined> {
  // Addresses of members added through the Management API are read from Auth0 first, outside the transaction.
  const joiners = await joinersOf(db, events.flatMap((event) => (event.membership ? [event.membership] : [])));
  return db.transaction(async (tx) => {
    const [row] = await tx.select({ checkpoint: logReader.checkpoint }).from(logReader).where(eq(logReader.id, READER_ROW)).for("update");
    if (row?.checkpoint !== from) return undefined;
    let applied = 0;
    for (const event of events) if (await applyOnce(tx, event, joiners)) applied++;
    await tx.update(logReader).set({ checkpoint: last, readAt: new Date(), problem: null, problemSince: null }).where(eq(logReader.id, READER_ROW));
    return applied;
  });
}

async function recordProblem(db: Database, problem: string) {
  await db
    .update(logReader)
    .set({ problem, problemSince: sql`coalesce(${logReader.problemSince}, now())` })
    .where(eq(logReader.id, READER_ROW));
}

/**
 * Reads the tenant logs since the checkpoint and applies them: one Management API call per 100 new
 * events, plus one when there are none. With no checkpoint yet, it starts at the newest event.
 */
export async function readTenantLogs(
  db: Database,
  options: { gapCheckAfterMs?: number; now?: Date; waitMs?: number } = {},
): Promise<LogReadResult> {
  const holder = randomUUID();
  let state = await takeLease(db, holder);
  // Someone who needs the logs applied now (a page being opened) waits for the current reader to finish.
  for (let waited = 0; !state && waited < (options.waitMs ?? 0); waited += LEASE_POLL_MS) {
    await new Promise((resolve) => setTimeout(resolve, LEASE_POLL_MS));
    state = await takeLease(db, holder);
  }
  if (!state) return { kind: "busy" };
  let calls = 0;
  try {
    if (state.checkpoint === null) {
      calls++;
      const newest = await newestLog();
      const now = new Date();
      await db
        .update(logReader)
        .set({ checkpoint: newest?.log_id ?? FROM_THE_START, coveredSince: now, readAt: now, problem: null, problemSince: null })
        .where(eq(logReader.id, READER_ROW));
      return { kind: "read", applied: 0, calls };
    }

    const idleFor = (options.now ?? new Date()).getTime() - (state.readAt?.getTime() ?? 0);
    if (state.checkpoint !== FROM_THE_START && idleFor >= (options.gapCheckAfterMs ?? DEFAULT_GAP_CHECK_AFTER_MS)) {
      calls++;
      if (!(await logExists(state.checkpoint))) {
        // Auth0 no longer keeps the checkpoint: events since it are lost. Start again at the newest, and
        // say so; what went missing meanwhile is inferred from membership and expiry.
        calls++;
        const newest = await newestLog();
        await db
          .update(logReader)
          .set({ checkpoint: newest?.log_id ?? FROM_THE_START, readAt: new Date(), gapFrom: state.readAt, gapFoundAt: new Date() })
          .where(eq(logReader.id, READER_ROW));
        return { kind: "gap", from: state.readAt, calls };
      }
    }

    let from = state.checkpoint;
    let applied = 0;
    for (let batch = 0; batch < MAX_BATCHES; batch++) {
      calls++;
      const { logs, next } = from === FROM_THE_START ? { logs: await oldestLogs(), next: undefined } : await logsAfter(from);
      // Auth0's Link header names where to go on; the last event's id is the same place, and serves where
      // there is no header (the first read of a tenant that had no logs).
      const last = logs.length > 0 ? (next ?? logs.at(-1)?.log_id) : undefined;
      if (!last) {
        await db.update(logReader).set({ readAt: new Date(), problem: null, problemSince: null }).where(eq(logReader.id, READER_ROW));
        break;
      }
      const events = logs.map(eventOf).filter((event): event is AppliedEvent => event !== undefined);
      const done = await applyBatch(db, from, events, last);
      if (done === undefined) break;
      applied += done;
      from = last;
      if (logs.length < LOGS_PER_READ) break;
    }
    return { kind: "read", applied, calls };
  } catch (error) {
    const status = auth0ErrorParts(error)?.status;
    if (status === 403 || status === 401) {
      const problem = "This app's machine-to-machine application cannot read Auth0's tenant logs (it needs read:logs).";
      await recordProblem(db, problem);
      return { kind: "unavailable", problem, calls };
    }
    throw error;
  } finally {
    await releaseLease(db, holder);
  }
}

/** Whether a gap was found recently enough to mention (a day). */
export function recentGap(state: ReaderState | undefined, now = new Date()): { from: Date | null; foundAt: Date } | undefined {
  if (!state?.gapFoundAt || now.getTime() - state.gapFoundAt.getTime() > 86_400_000) return undefined;
  return { from: state.gapFrom, foundAt: state.gapFoundAt };
}
