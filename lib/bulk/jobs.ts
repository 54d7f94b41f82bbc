import "server-only";
import { randomUUID } from "node:crypto";
import { and, asc, count, desc, eq, gte, inArray, sql } from "drizzle-orm";
import type { OrgAccess } from "@/lib/authz/access";
import type { Authorized } from "@/lib/authz/gate";
import { creatorsEngagement } from "@/lib/authz/job-authority";
import { Refusal } from "@/lib/authz/refusal";
import { settleStartedEvents } from "@/lib/db/audit";
import { rawRows } from "@/lib/db/raw";
import { bulkJobs, bulkRows, type BulkJob, type BulkRow } from "@/lib/db/schema";
import type { Database } from "@/lib/db/store";
import { type JobStatus, type RowState } from "./states";

// Bulk jobs in the store: a previewed draft, started by its creator, then worked by every instance's
// workers (lib/bulk/worker.ts). Every function takes the gate's grant for the job's organization, so a
// job of another organization is never found through these.

export type BulkSettings = { clientId: string; connectionId?: string; ttlSeconds: number; sendEmail: boolean; inviterName: string };

/** A row as the preview left it: to be sent, skipped with the reason, or merged into an earlier line of its address. */
export type PlannedRow = { line: number; email: string; name?: string; roleIds: string[]; roleNames: string[]; connectionId?: string } & (
  | { state: "queued" }
  | { state: "skipped"; detail: string }
  | { state: "merged"; detail: string }
);

const INSERT_CHUNK = 500;

/** Records a previewed job and its rows; nothing is sent until it is started. */
export async function createDraftJob(db: Database, ctx: Authorized, settings: BulkSettings, rows: PlannedRow[]): Promise<string> {
  const id = randomUUID();
  await db.transaction(async (tx) => {
    await tx.insert(bulkJobs).values({
      id,
      organizationId: ctx.orgId,
      actorId: ctx.user.id,
      actorEmail: ctx.user.email,
      actorName: ctx.user.name,
      actorKind: ctx.actor.kind,
      reason: ctx.reason ?? null,
      engagementId: ctx.engagementId ?? null,
      status: "draft",
      clientId: settings.clientId,
      connectionId: settings.connectionId ?? null,
      ttlSeconds: settings.ttlSeconds,
      sendEmail: settings.sendEmail,
      inviterName: settings.inviterName,
      authorizedAt: new Date(),
    });
    for (let start = 0; start < rows.length; start += INSERT_CHUNK) {
      await tx.insert(bulkRows).values(
        rows.slice(start, start + INSERT_CHUNK).map((row) => ({
          jobId: id,
          line: row.line,
          email: row.email,
          name: row.name ?? null,
          roleIds: row.roleIds,
          roleNames: row.roleNames,
          connectionId: row.connectionId ?? null,
          state: row.state,
          detail: row.state === "queued" ? null : row.detail,
        })),
      );
    }
  });
  return id;
}

/** The organization's job, or a refusal that says it does not exist (another organization's looks the same). */
export async function jobOf(db: Database, access: OrgAccess, jobId: string): Promise<BulkJob> {
  const [job] = await db
    .select()
    .from(bulkJobs)
    .where(and(eq(bulkJobs.id, jobId), eq(bulkJobs.organizationId, access.orgId)));
  if (!job) throw new Refusal("job_missing", "There is no such bulk job in this organization.");
  return job;
}

/** Moves a job from one of `from` to `to`, atomically: two clicks (or two instances) cannot both do it. */
async function transition(db: Database, access: OrgAccess, jobId: string, from: JobStatus[], to: JobStatus, extra: Partial<BulkJob> = {}): Promise<BulkJob> {
  const [job] = await db
    .update(bulkJobs)
    .set({ status: to, ...extra })
    .where(and(eq(bulkJobs.id, jobId), eq(bulkJobs.organizationId, access.orgId), inArray(bulkJobs.status, from)))
    .returning();
  if (job) return job;
  const current = await jobOf(db, access, jobId);
  throw new Refusal("job_state", `This job is ${current.status}; it cannot be ${TO_WORDS[to]} now.`);
}

const TO_WORDS: Record<JobStatus, string> = {
  draft: "previewed",
  running: "started",
  paused: "paused",
  cancelled: "cancelled",
  stopped: "stopped",
  done: "finished",
};

/** Every role any row of the job grants: what it takes to control it (lib/authz/job-controls.ts). */
export async function jobRoleIds(db: Database, access: OrgAccess, jobId: string): Promise<string[]> {
  await jobOf(db, access, jobId);
  const rows = await rawRows<{ id: string }>(db, sql`select distinct unnest(role_ids) as id from bulk_rows where job_id = ${jobId} order by id`);
  return rows.map((row) => row.id);
}

/** Its support creator starting, resuming or retrying it gives the job the engagement they act under now. */
async function renewal(db: Database, ctx: Authorized, jobId: string): Promise<Partial<BulkJob>> {
  return creatorsEngagement(ctx, await jobOf(db, ctx, jobId)) ?? {};
}

/**
 * Starts a previewed job. The gate let its creator in just now, but the rows were checked against their ceiling
 * at the preview: the first slice asks Auth0 again at once, against the rows' roles.
 */
export async function startJob(db: Database, ctx: Authorized, jobId: string): Promise<BulkJob> {
  return transition(db, ctx, jobId, ["draft"], "running", { startedAt: new Date(), authorizedAt: null, ...(await renewal(db, ctx, jobId)) });
}

export async function pauseJob(db: Database, access: OrgAccess, jobId: string): Promise<BulkJob> {
  return transition(db, access, jobId, ["running"], "paused");
}

/** Resumes; the first slice asks Auth0 again whether the job's creator may still invite. */
export async function resumeJob(db: Database, ctx: Authorized, jobId: string): Promise<BulkJob> {
  return transition(db, ctx, jobId, ["paused", "stopped"], "running", { statusDetail: null, authorizedAt: null, ...(await renewal(db, ctx, jobId)) });
}

/** Cancels: rows not yet taken are skipped; a row being sent finishes (its outcome is recorded). */
export async function cancelJob(db: Database, access: OrgAccess, jobId: string): Promise<BulkJob> {
  const job = await transition(db, access, jobId, ["draft", "running", "paused", "stopped"], "cancelled", { finishedAt: new Date() });
  const cancelled = await db
    .update(bulkRows)
    .set({ state: "skipped", detail: CANCELLED, updatedAt: new Date() })
    .where(and(eq(bulkRows.jobId, jobId), eq(bulkRows.state, "queued")))
    .returning({ auditEventId: bulkRows.auditEventId });
  // A row that met a 429 or a 5xx before keeps its event `started`, for the next attempt: now there is none.
  const open = cancelled.flatMap((row) => (row.auditEventId === null ? [] : [row.auditEventId]));
  if (open.length > 0) await settleStartedEvents(db, open, { outcome: "skipped", detail: CANCELLED });
  return job;
}

const CANCELLED = "Cancelled before it was sent.";

/** Queues the failed rows again and runs the job again. */
export async function retryFailed(db: Database, ctx: Authorized, jobId: string): Promise<BulkJob> {
  return db.transaction(async (tx) => {
    const job = await transition(tx as Database, ctx, jobId, ["done", "stopped", "cancelled"], "running", {
      statusDetail: null,
      finishedAt: null,
      authorizedAt: null,
      ...(await renewal(tx as Database, ctx, jobId)),
    });
    const retried = await tx
      .update(bulkRows)
      .set({ state: "queued", detail: null, updatedAt: new Date(), auditEventId: null })
      .where(and(eq(bulkRows.jobId, jobId), eq(bulkRows.state, "failed")))
      .returning({ line: bulkRows.line });
    if (retried.length === 0) throw new Refusal("nothing_to_retry", "No row of this job failed: there is nothing to retry.");
    return job;
  });
}

export type RowCounts = Record<RowState, number>;
export type JobProgress = {
  job: Pick<BulkJob, "id" | "status" | "statusDetail" | "createdAt" | "startedAt" | "finishedAt" | "actorName" | "actorKind" | "reason" | "sendEmail">;
  counts: RowCounts;
  total: number;
  /** Rows sent per second over the last minute (or since the start, if shorter). */
  rate: number;
  /** Seconds left at that rate; null when nothing is moving. */
  secondsLeft: number | null;
};

const RATE_WINDOW_SECONDS = 60;

export async function jobProgress(db: Database, access: OrgAccess, jobId: string): Promise<JobProgress> {
  const job = await jobOf(db, access, jobId);
  const byState = await db.select({ state: bulkRows.state, n: count() }).from(bulkRows).where(eq(bulkRows.jobId, jobId)).groupBy(bulkRows.state);
  const counts: RowCounts = { queued: 0, sending: 0, sent: 0, skipped: 0, failed: 0, merged: 0 };
  for (const { state, n } of byState) counts[state as RowState] = Number(n);
  const total = Object.values(counts).reduce((sum, n) => sum + n, 0);

  const now = Date.now();
  const windowStart = new Date(Math.max(now - RATE_WINDOW_SECONDS * 1000, job.startedAt?.getTime() ?? now));
  const [{ recent }] = (await db
    .select({ recent: count() })
    .from(bulkRows)
    .where(and(eq(bulkRows.jobId, jobId), eq(bulkRows.state, "sent"), gte(bulkRows.updatedAt, windowStart)))) as [{ recent: number }];
  const seconds = (now - windowStart.getTime()) / 1000;
  const rate = seconds >= 1 ? Number(recent) / seconds : 0;
  const left = counts.queued + counts.sending;
  return {
    job,
    counts,
    total,
    rate,
    secondsLeft: job.status === "running" && rate > 0 ? Math.ceil(left / rate) : null,
  };
}

/** The organization's jobs, newest first. */
export async function recentJobs(db: Database, access: OrgAccess, limit = 20) {
  return db
    .select({
      id: bulkJobs.id,
      status: bulkJobs.status,
      createdAt: bulkJobs.createdAt,
      actorName: bulkJobs.actorName,
      rows: sql<number>`(select count(*) from ${bulkRows} where ${bulkRows.jobId} = ${bulkJobs.id})`.mapWith(Number),
      sent: sql<number>`(select count(*) from ${bulkRows} where ${bulkRows.jobId} = ${bulkJobs.id} and ${bulkRows.state} = 'sent')`.mapWith(Number),
    })
    .from(bulkJobs)
    .where(and(eq(bulkJobs.organizationId, access.orgId), sql`${bulkJobs.status} <> 'draft'`))
    .orderBy(desc(bulkJobs.createdAt))
    .limit(limit);
}

/** Every row with its outcome, in upload order: the preview and the result CSV. */
export async function jobRows(db: Database, access: OrgAccess, jobId: string): Promise<BulkRow[]> {
  await jobOf(db, access, jobId);
  return db.select().from(bulkRows).where(eq(bulkRows.jobId, jobId)).orderBy(asc(bulkRows.line));
}
