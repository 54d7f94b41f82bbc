import "server-only";
import { randomUUID } from "node:crypto";
import { and, eq, sql } from "drizzle-orm";
import { reauthorizeJob } from "@/lib/authz/job-authority";
import { recordAuditEvent } from "@/lib/db/audit";
import { rawRows } from "@/lib/db/raw";
import { bulkJobs, bulkRows, type BulkJob } from "@/lib/db/schema";
import type { Database } from "@/lib/db/store";
import { env } from "@/lib/env";
import { invitedSince } from "@/lib/invitations/existing";
import { findLost, sendOne, settleFound, type BulkLane, type InvitationSpec, type Sender, type SendOutcome } from "@/lib/invitations/send";
import { invitationWritePacer, type Pacer } from "@/lib/pacing/pacer";

// One slice of work on a bulk job, by one worker of one instance. Each row is sent through the one send
// pipeline (lib/invitations/send.ts), as the form sends; what the worker adds is taking rows safely:
// - a lane waits for the pacer's token *before* it claims a row, so a claimed row is sent at once and never
//   waits for the pacer while its lease runs out;
// - rows are claimed one at a time with SELECT … FOR UPDATE SKIP LOCKED, a lease and a holder id, and the
//   holder checks (and extends) its lease just before Auth0 is called: a row is never sent while another
//   holder might be sending it;
// - a row in doubt (its lease ran out, or its answer was lost) is looked for in Auth0 before it is sent again;
// - the row keeps its one audit event across retries and a lost answer, so each address has one event.

export type SliceOutcome = { kind: "finished" } | { kind: "more"; delaySeconds: number };

/** The creator's authority is read again at least this often while the job runs (each slice reads it first). */
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
  audit_event_id: number | string | null;
};

function leaseSeconds(): number {
  // Longer than any one request may take, so a live worker's row is never taken from it.
  return Math.max(30, env().BULK_REQUEST_TIMEOUT_SECONDS * 3);
}

/** Takes the next row to send, or none. A row whose lease ran out was being sent by a worker that stopped. */
async function claim(db: Database, jobId: string, holder: string): Promise<ClaimedRow | undefined> {
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
          lease_holder = ${holder},
          attempts = b.attempts + 1,
          uncertain_since = case when picked.was = 'sending' then coalesce(b.uncertain_since, picked.lease) else b.uncertain_since end,
          updated_at = clock_timestamp()
        from picked
        where b.job_id = picked.job_id and b.line = picked.line
        returning b.line, b.email, b.role_ids, b.role_names, b.connection_id, b.attempts, b.uncertain_since, b.audit_event_id`,
  );
  return row;
}

/** Whether this holder still holds the row's lease; if so, it is renewed for the call about to be made. */
async function stillHeld(db: Database, jobId: string, line: number, holder: string): Promise<boolean> {
  const renewed = await rawRows<{ line: number }>(
    db,
    sql`update bulk_rows set lease_until = clock_timestamp() + make_interval(secs => ${leaseSeconds()})
        where job_id = ${jobId} and line = ${line} and state = 'sending' and lease_holder = ${holder} and lease_until > clock_timestamp()
        returning line`,
  );
  return renewed.length > 0;
}

function backoffSeconds(attempts: number): number {
  return Math.min(MAX_BACKOFF_SECONDS, 2 ** Math.max(0, attempts - 1));
}

/** The role ids the job still has to send: the creator's ceiling must cover them. */
async function rolesToSend(db: Database, jobId: string): Promise<string[]> {
  const rows = await rawRows<{ role_id: string }>(
    db,
    sql`select distinct unnest(role_ids) as role_id from bulk_rows where job_id = ${jobId} and state in ('queued', 'sending')`,
  );
  return rows.map((row) => row.role_id);
}

/**
 * Asks lib/authz, live, whether the creator may still send what the job still holds: at the start of every
 * slice (so at once after a resume or retry), and at least every RECHECK_MS. When not, the job stops and
 * why is recorded, once (only the one who moves it from running to stopped records it).
 */
async function authority(db: Database, job: BulkJob): Promise<Sender | undefined> {
  const decision = await reauthorizeJob(job, await rolesToSend(db, job.id));
  if (decision.ok) {
    await db.update(bulkJobs).set({ authorizedAt: new Date() }).where(eq(bulkJobs.id, job.id));
    return { db, action: "invite", ...decision.authority };
  }
  const detail = `${decision.why} The job stopped; rows not yet sent stay queued.`;
  const [stopped] = await db
    .update(bulkJobs)
    .set({ status: "stopped", statusDetail: detail })
    .where(and(eq(bulkJobs.id, job.id), eq(bulkJobs.status, "running")))
    .returning({ id: bulkJobs.id });
  if (stopped) {
    await recordAuditEvent(db, {
      action: "invite",
      outcome: "refused",
      actorId: job.actorId,
      actorEmail: job.actorEmail,
      actorName: job.actorName,
      actorKind: job.actorKind,
      reason: job.reason,
      organizationId: job.organizationId,
      detail: `Bulk job ${job.id}: ${detail}`,
    });
  }
  return undefined;
}

type Context = { db: Database; job: BulkJob; sender: Sender; pace: Pacer };

/** Works on the job until `until` (epoch ms) or until nothing is left to take. */
export async function workJob(db: Database, jobId: string, { until, concurrency }: { until: number; concurrency: number }): Promise<SliceOutcome> {
  const [job] = await db.select().from(bulkJobs).where(eq(bulkJobs.id, jobId));
  if (!job || job.status !== "running") return { kind: "finished" };
  const sender = await authority(db, job);
  if (!sender) return { kind: "finished" };
  // Lanes stop for the next slice to ask again; slices are shorter than RECHECK_MS anyway.
  const recheckAt = Date.now() + RECHECK_MS;
  const context: Context = { db, job, sender, pace: invitationWritePacer(db, env().BULK_WRITE_RATE_PER_SECOND) };

  let deadlineReached = false;
  async function lane() {
    while (Date.now() < Math.min(until, recheckAt)) {
      // The token first: a row claimed now is sent now.
      await context.pace.acquire();
      const holder = randomUUID();
      const row = await claim(db, jobId, holder);
      if (!row) {
        await context.pace.release();
        return;
      }
      await sendRow(context, row, holder);
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

/** Moves the row on, only while this holder still holds it. */
async function settleRow(db: Database, jobId: string, line: number, holder: string, fields: Partial<typeof bulkRows.$inferInsert>) {
  await db
    .update(bulkRows)
    .set({ leaseUntil: null, leaseHolder: null, updatedAt: new Date(), ...fields })
    .where(and(eq(bulkRows.jobId, jobId), eq(bulkRows.line, line), eq(bulkRows.state, "sending"), eq(bulkRows.leaseHolder, holder)));
}

/** A settled outcome as the row keeps it. */
function rowFields(job: BulkJob, outcome: SendOutcome): Partial<typeof bulkRows.$inferInsert> {
  switch (outcome.status) {
    case "created":
    case "replaced":
      return {
        state: "sent",
        detail: null,
        invitationId: outcome.invitation.id ?? null,
        invitationUrl: job.sendEmail ? null : (outcome.invitation.invitation_url ?? null),
        uncertainSince: null,
        retryAt: null,
      };
    case "skipped":
    // A lane's row never becomes a request (the pipeline refuses it instead), but it would be a skipped row.
    case "awaiting_approval":
      return { state: "skipped", detail: outcome.message };
    case "refused":
    case "failed":
      return { state: "failed", detail: outcome.message };
  }
}

/** Whether the pacer's token went to a call to Auth0; when not, it is given back. */
const calledAuth0 = (outcome: SendOutcome) =>
  outcome.status === "created" || outcome.status === "replaced" || (outcome.status === "failed" && outcome.failure.error.code !== "lease_lost");

async function sendRow(context: Context, row: ClaimedRow, holder: string): Promise<void> {
  const { db, job, sender, pace } = context;
  const spec: InvitationSpec = {
    email: row.email.toLowerCase(),
    inviterName: job.inviterName,
    clientId: job.clientId,
    connectionId: row.connection_id ?? job.connectionId ?? undefined,
    roles: row.role_ids.map((id, index) => ({ id, name: row.role_names[index] ?? id })),
    ttlSeconds: job.ttlSeconds,
    sendEmail: job.sendEmail,
  };
  const lane: BulkLane = {
    auditId: row.audit_event_id === null ? null : Number(row.audit_event_id),
    remember: async (auditId) => {
      await db
        .update(bulkRows)
        .set({ auditEventId: auditId })
        .where(and(eq(bulkRows.jobId, job.id), eq(bulkRows.line, row.line), eq(bulkRows.leaseHolder, holder)));
    },
    lastAttempt: row.attempts >= MAX_ATTEMPTS,
    stillHeld: () => stillHeld(db, job.id, row.line, holder),
    settled: (tx, outcome) => settleRow(tx, job.id, row.line, holder, rowFields(job, outcome)),
  };

  if (row.uncertain_since) {
    // Its answer was lost: Auth0 may hold it already. Look before sending again.
    const found = await findLost(sender.access, spec, new Date(row.uncertain_since));
    if (found === "unknown") {
      // More invitations were made since than Auth0 lists: that it is not among them proves nothing. Ask again later.
      await pace.release();
      await settleRow(db, job.id, row.line, holder, { state: "queued", retryAt: new Date(Date.now() + backoffSeconds(row.attempts) * 1000) });
      return;
    }
    if (found) {
      await pace.release();
      await settleFound(sender, spec, lane, found, `Bulk job ${job.id}, line ${row.line}: found in Auth0 after its answer was lost`);
      return;
    }
  }

  const sentAt = new Date();
  const outcome = await sendOne(sender, {
    spec,
    existing: (email) => invitedSince(db, sender.access, email, job.createdAt),
    detail: `Bulk job ${job.id}, line ${row.line}`,
    lane,
  });
  if (!calledAuth0(outcome)) await pace.release();
  if (outcome.status !== "failed" || outcome.settled) return;

  switch (outcome.failure.kind) {
    case "rate_limited":
      // Nothing was created; the pacer now knows the bucket is empty. Not the row's fault: no attempt counted.
      await settleRow(db, job.id, row.line, holder, { state: "queued", attempts: row.attempts - 1 });
      return;
    case "unanswered":
      if (outcome.failure.error.code === "lease_lost") return; // another holder has it now
      // The answer was lost, not necessarily the invitation: the row is in doubt from the moment it was sent.
      await settleRow(db, job.id, row.line, holder, { state: "queued", uncertainSince: sentAt, retryAt: new Date(Date.now() + 1000) });
      return;
    case "transient":
      await settleRow(db, job.id, row.line, holder, { state: "queued", retryAt: new Date(Date.now() + backoffSeconds(row.attempts) * 1000) });
      return;
    case "refused":
      return; // settled by the pipeline
  }
}
