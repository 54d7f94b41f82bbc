import "server-only";
import type { OrgAccess } from "@/lib/authz/access";
import { roleCeiling, type Authorized } from "@/lib/authz/gate";
import { mayControlJob, type ControlDecision } from "@/lib/authz/job-controls";
import { Refusal } from "@/lib/authz/refusal";
import type { BulkJob } from "@/lib/db/schema";
import { store, type Database } from "@/lib/db/store";
import { cancelJob, createDraftJob, jobOf, jobProgress, jobRoleIds, jobRows, pauseJob, recentJobs, resumeJob, retryFailed, type BulkSettings, type JobProgress, type PlannedRow } from "./jobs";
import { resultsCsv } from "./results";

// The bulk jobs of the organization in the gate's grant, for its pages, routes and actions: each opens the
// store itself, so that app/ never reaches it.

export async function createDraftBulkJob(ctx: Authorized, settings: BulkSettings, rows: PlannedRow[]): Promise<string> {
  return createDraftJob((await store()).db, ctx, settings, rows);
}

async function controlsFor(db: Database, ctx: Authorized, jobId: string): Promise<ControlDecision> {
  const [job, roleIds] = await Promise.all([jobOf(db, ctx, jobId), jobRoleIds(db, ctx, jobId)]);
  return mayControlJob(ctx, job, roleIds);
}

/** Whether the viewer may use the job's controls, and if not, why: for its page. */
export async function bulkJobControls(ctx: Authorized, jobId: string): Promise<ControlDecision> {
  return controlsFor((await store()).db, ctx, jobId);
}

/** A control, once lib/authz says this user may use it on this job; a refusal says why (the action records it). */
async function control(ctx: Authorized, jobId: string, change: (db: Database, ctx: Authorized, jobId: string) => Promise<BulkJob>): Promise<BulkJob> {
  const { db } = await store();
  const decision = await controlsFor(db, ctx, jobId);
  if (!decision.allowed) throw new Refusal("role_not_assignable", decision.why);
  return change(db, ctx, jobId);
}

export const pauseBulkJob = (ctx: Authorized, jobId: string) => control(ctx, jobId, pauseJob);
export const resumeBulkJob = (ctx: Authorized, jobId: string) => control(ctx, jobId, resumeJob);
export const retryFailedBulkRows = (ctx: Authorized, jobId: string) => control(ctx, jobId, retryFailed);
export const cancelBulkJob = (ctx: Authorized, jobId: string) => control(ctx, jobId, cancelJob);

export async function bulkJobProgress(access: OrgAccess, jobId: string): Promise<JobProgress> {
  return jobProgress((await store()).db, access, jobId);
}

/** Whether every row's link reaches this viewer in the results: the job grants nothing above their ceiling. */
export async function bulkJobLinksWithinCeiling(ctx: Authorized, jobId: string): Promise<boolean> {
  const [ceiling, roleIds] = await Promise.all([roleCeiling(ctx), jobRoleIds((await store()).db, ctx, jobId)]);
  return ceiling.covers(roleIds);
}

/** The results CSV as this viewer may have it: a row's link only when their ceiling covers its roles. */
export async function bulkJobResultsCsv(ctx: Authorized, jobId: string): Promise<string> {
  const [rows, ceiling] = await Promise.all([jobRows((await store()).db, ctx, jobId), roleCeiling(ctx)]);
  return resultsCsv(rows, ceiling);
}

export async function recentBulkJobs(access: OrgAccess, limit?: number) {
  return recentJobs((await store()).db, access, limit);
}
