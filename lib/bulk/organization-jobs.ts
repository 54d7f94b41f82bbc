import "server-only";
import type { OrgAccess } from "@/lib/authz/access";
import type { Authorized } from "@/lib/authz/gate";
import type { BulkJob, BulkRow } from "@/lib/db/schema";
import { store } from "@/lib/db/store";
import { cancelJob, createDraftJob, jobProgress, jobRows, pauseJob, recentJobs, resumeJob, retryFailed, type BulkSettings, type JobProgress, type PlannedRow } from "./jobs";

// The bulk jobs of the organization in the gate's grant, for its pages, routes and actions: each opens the
// store itself, so that app/ never reaches it.

export async function createDraftBulkJob(ctx: Authorized, settings: BulkSettings, rows: PlannedRow[]): Promise<string> {
  return createDraftJob((await store()).db, ctx, settings, rows);
}

export async function pauseBulkJob(access: OrgAccess, jobId: string): Promise<BulkJob> {
  return pauseJob((await store()).db, access, jobId);
}

export async function resumeBulkJob(access: OrgAccess, jobId: string): Promise<BulkJob> {
  return resumeJob((await store()).db, access, jobId);
}

export async function cancelBulkJob(access: OrgAccess, jobId: string): Promise<BulkJob> {
  return cancelJob((await store()).db, access, jobId);
}

export async function retryFailedBulkRows(access: OrgAccess, jobId: string): Promise<BulkJob> {
  return retryFailed((await store()).db, access, jobId);
}

export async function bulkJobProgress(access: OrgAccess, jobId: string): Promise<JobProgress> {
  return jobProgress((await store()).db, access, jobId);
}

export async function bulkJobRows(access: OrgAccess, jobId: string): Promise<BulkRow[]> {
  return jobRows((await store()).db, access, jobId);
}

export async function recentBulkJobs(access: OrgAccess, limit?: number) {
  return recentJobs((await store()).db, access, limit);
}
