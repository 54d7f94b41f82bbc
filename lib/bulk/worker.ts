import "server-only";
import { and, eq, inArray, sql } from "drizzle-orm";
import { sendInvitation } from "@/lib/auth0/invitation-writer";
import { listInvitations, type Auth0Invitation } from "@/lib/auth0/organization-data";
import { grantOrgAccess, type OrgAccess } from "@/lib/authz/access";
import { whyNoLongerAllowed } from "@/lib/authz/gate";
import { beginAuditEvent, recordAuditEvent, settleAuditEvent } from "@/lib/db/audit";
import { rawRows } from "@/lib/db/raw";
import { bulkJobs, bulkRows, type BulkJob } from "@/lib/db/schema";
import type { Database } from "@/lib/db/store";
import { env } from "@/lib/env";
import { recordCreated } from "@/lib/ledger/ledger";
import { pacer, type Pacer } from "@/lib/pacing/pacer";

// One slice of work on a bulk job, by one worker of one instance. Rows are taken one at a time with
// SELECT … FOR UPDATE SKIP LOCKED and a lease, so two workers never take the same row; a row is marked
// `sending` (in the store, before Auth0 is called) so a crash leaves it known to be in doubt. A row in doubt
// (its lease ran out, or its answer was lost) is looked for among the organization's pending invitations
// before it is sent again: never twice.

export type SliceOutcome = { kind: "finished" } | { kind: "more"; delaySeconds: number };

/** Auth0's invitation-write bucket; its size is learned from the first answer. https://auth0.com/docs/troubleshoot/customer-support/operational-policies/rate-limit-policy/management-api-endpoint-rate-limits */
export const INVITATION_WRITES = "invitation-writes";
/** The creator's right to invite is read again at least this often while the job runs. */
const RECHECK_MS = 40_000;
const MAX_ATTEMPTS = 5;
const MAX_BACKOFF_SECONDS = 30;

type ClaimedRow = {
  line: number;
  email: string;
  role_ids: string[];
  role_names: string[];
  connection_id: string | null;
  attempts: number;
  uncertain_since: Date | string | null;
};

function leaseSeconds(): number {
  // Longer than any one request may take, so a live worker's row is never taken from it.
  return Math.max(30, env().BULK_REQUEST_TIMEOUT_SECONDS * 3);
}

/** Takes the next row to send, or none. A row whose lease ran out was being sent by a worker that stopped. */
async function claim(db: Database, jobId: string): Promise<ClaimedRow | undefined> {
  const [row] = await rawRows<ClaimedRow>(
    db,
    sql`with picked as (
          select r.job_id, r.line, r.state as was, r.lease_until as lease
          from bulk_rows r join bulk_jobs j on j.id = r.job_id and j.status = 'running'
          where r.job_id = ${jobId}
            and ((r.state = 'queued' and (r.retry_at is null or r.retry_at <= clock_timestamp()))
                 or (r.state = 'sending' and r.lease_until < clock_timestamp()))
          order by r.line
          limit 1
          for update of r skip locked)
        update bulk_rows b set
          state = 'sending',
          lease_until = clock_timestamp() + make_interval(secs => ${leaseSeconds()}),
          attempts = b.attempts + 1,
          uncertain_since = case when picked.was = 'sending' then coalesce(b.uncertain_since, picked.lease) else b.uncertain_since end,
          updated_at = clock_timestamp()
        from picked
        where b.job_id = picked.job_id and b.line = picked.line
        returning b.line, b.email, b.role_ids, b.role_names, b.connection_id, b.attempts, b.uncertain_since`,
  );
  return row;
}

/** The organization's pending invitations by address, read again whenever a row fell in doubt after the last read. */
function pendingInvitations(access: OrgAccess) {
  let read: { at: number; byEmail: Promise<Map<string, Auth0Invitation[]>> } | undefined;
  return (since: Date) => {
    if (!read || read.at <= since.getTime()) {
      const at = Date.now();
      const byEmail = listInvitations(access).then((all) => {
        const map = new Map<string, Auth0Invitation[]>();
        for (const invitation of all) {
          const email = (invitation.invitee?.email ?? "").toLowerCase();
          map.set(email, [...(map.get(email) ?? []), invitation]);
        }
        return map;
      });
      read = { at, byEmail };
      byEmail.catch(() => (read = undefined));
    }
    return read.byEmail;
  };
}

function backoffSeconds(attempts: number): number {
  return Math.min(MAX_BACKOFF_SECONDS, 2 ** Math.max(0, attempts - 1));
}

/** Works on the job until `until` (epoch ms) or until nothing is left to take. */
export async function workJob(db: Database, jobId: string, { until, concurrency }: { until: number; concurrency: number }): Promise<SliceOutcome> {
  const [job] = await db.select().from(bulkJobs).where(eq(bulkJobs.id, jobId));
  if (!job || job.status !== "running") return { kind: "finished" };
  if (!(await stillAllowed(db, job))) return { kind: "finished" };

  // The gate let the creator through when the job was made, and is asked again while it runs.
  const access = grantOrgAccess(job.organizationId);
  const pace = pacer(db, INVITATION_WRITES, { perSecond: env().BULK_WRITE_RATE_PER_SECOND });
  const pending = pendingInvitations(access);
  const context = { db, job, access, pace, pending };

  let deadlineReached = false;
  async function lane() {
    while (Date.now() < until) {
      const row = await claim(db, jobId);
      if (!row) return;
      await sendRow(context, row);
    }
    deadlineReached = true;
  }
  await Promise.all(Array.from({ length: concurrency }, lane));
  return finishOrContinue(db, jobId, deadlineReached);
}

async function finishOrContinue(db: Database, jobId: string, deadlineReached: boolean): Promise<SliceOutcome> {
  const [{ open }] = await rawRows<{ open: number }>(
    db,
    sql`select count(*)::int as open from bulk_rows where job_id = ${jobId} and state in ('queued', 'sending')`,
  );
  if (Number(open) === 0) {
    await db
      .update(bulkJobs)
      .set({ status: "done", finishedAt: new Date() })
      .where(and(eq(bulkJobs.id, jobId), eq(bulkJobs.status, "running")));
    return { kind: "finished" };
  }
  const [job] = await db.select({ status: bulkJobs.status }).from(bulkJobs).where(eq(bulkJobs.id, jobId));
  if (job?.status !== "running") return { kind: "finished" };
  // Rows wait for a backoff, or are held by another worker: look again shortly.
  return { kind: "more", delaySeconds: deadlineReached ? 0 : 1 };
}

/** Asks Auth0 again whether the creator may still invite; stops the job (and records it) when not. */
async function stillAllowed(db: Database, job: BulkJob): Promise<boolean> {
  if (job.authorizedAt && Date.now() - job.authorizedAt.getTime() < RECHECK_MS) return true;
  const why = await whyNoLongerAllowed(job);
  if (!why) {
    await db.update(bulkJobs).set({ authorizedAt: new Date() }).where(eq(bulkJobs.id, job.id));
    return true;
  }
  const detail = `${why} The job stopped; rows not yet sent stay queued.`;
  const [stopped] = await db
    .update(bulkJobs)
    .set({ status: "stopped", statusDetail: detail })
    .where(and(eq(bulkJobs.id, job.id), eq(bulkJobs.status, "running")))
    .returning({ id: bulkJobs.id });
  if (stopped) await recordAuditEvent(db, { ...doer(job), outcome: "refused", detail: `Bulk job ${job.id}: ${detail}` });
  return false;
}

/** The creator, as the audit trail and the ledger name whoever invited. */
function doer(job: BulkJob) {
  return {
    action: "invite",
    actorId: job.actorId,
    actorEmail: job.actorEmail,
    actorName: job.actorName,
    actorKind: job.actorKind,
    reason: job.reason,
    organizationId: job.organizationId,
  };
}

type Context = {
  db: Database;
  job: BulkJob;
  access: OrgAccess;
  pace: Pacer;
  pending: (since: Date) => Promise<Map<string, Auth0Invitation[]>>;
};

async function settleRow(db: Database, jobId: string, line: number, fields: Partial<typeof bulkRows.$inferInsert>) {
  await db
    .update(bulkRows)
    .set({ leaseUntil: null, updatedAt: new Date(), ...fields })
    .where(and(eq(bulkRows.jobId, jobId), eq(bulkRows.line, line), inArray(bulkRows.state, ["sending"])));
}

async function markSent(context: Context, row: ClaimedRow, invitation: Auth0Invitation) {
  const { db, job } = context;
  await settleRow(db, job.id, row.line, {
    state: "sent",
    detail: null,
    invitationId: invitation.id ?? null,
    invitationUrl: job.sendEmail ? null : (invitation.invitation_url ?? null),
    uncertainSince: null,
    retryAt: null,
  });
  const { action: _action, organizationId: _org, ...inviter } = doer(job);
  await recordCreated(db, invitation, inviter, { sendEmail: job.sendEmail });
}

async function sendRow(context: Context, row: ClaimedRow): Promise<void> {
  const { db, job, access, pace } = context;
  const email = row.email.toLowerCase();

  if (row.uncertain_since) {
    // Its answer was lost: Auth0 may hold it already. Look before sending again.
    const since = new Date(row.uncertain_since);
    const found = (await context.pending(since)).get(email)?.find((invitation) => invitation.client_id === job.clientId);
    if (found) {
      await markSent(context, row, found);
      await recordAuditEvent(db, { ...doer(job), outcome: "created", inviteeEmail: email, invitationId: found.id ?? null, detail: `Bulk job ${job.id}, line ${row.line}: found in Auth0 after its answer was lost` });
      return;
    }
  }

  const auditId = await beginAuditEvent(db, {
    ...doer(job),
    inviteeEmail: email,
    roles: row.role_names,
    clientId: job.clientId,
    connectionId: row.connection_id ?? job.connectionId,
    sendEmail: job.sendEmail,
    inviterName: job.inviterName,
    detail: `Bulk job ${job.id}, line ${row.line}`,
  });
  const connectionId = row.connection_id ?? job.connectionId;
  await pace.acquire();
  const sentAt = new Date();
  const result = await sendInvitation(access, {
    inviter: { name: job.inviterName },
    invitee: { email },
    client_id: job.clientId,
    ...(connectionId && { connection_id: connectionId }),
    ...(row.role_ids.length > 0 && { roles: row.role_ids }),
    ttl_sec: job.ttlSeconds,
    send_invitation_email: job.sendEmail,
  });
  await pace.observe(result.rate, !result.ok && result.kind === "rate_limited");

  if (result.ok) {
    await markSent(context, row, result.invitation);
    await settleAuditEvent(db, auditId, { outcome: "created", invitationId: result.invitation.id ?? null });
    return;
  }
  switch (result.kind) {
    case "rate_limited":
      // Nothing was created; the pacer now knows the bucket is empty. Not the row's fault: no attempt counted.
      await settleRow(db, job.id, row.line, { state: "queued", attempts: row.attempts - 1 });
      await settleAuditEvent(db, auditId, { outcome: "skipped", detail: "Auth0's rate limit was reached; the row was queued again." });
      return;
    case "unanswered":
      // The answer was lost, not necessarily the invitation: the row is in doubt from the moment it was sent.
      await settleRow(db, job.id, row.line, { state: "queued", uncertainSince: sentAt, retryAt: new Date(Date.now() + 1000) });
      return; // the audit row stays `started`: its outcome is unknown, which is what it says
    case "transient":
      if (row.attempts < MAX_ATTEMPTS) {
        await settleRow(db, job.id, row.line, { state: "queued", retryAt: new Date(Date.now() + backoffSeconds(row.attempts) * 1000) });
        await settleAuditEvent(db, auditId, { outcome: "failed", detail: `${result.message} It will be tried again.` });
        return;
      }
      break;
    case "refused":
      break;
  }
  await settleRow(db, job.id, row.line, { state: "failed", detail: result.message });
  await settleAuditEvent(db, auditId, { outcome: "failed", detail: result.message });
}
