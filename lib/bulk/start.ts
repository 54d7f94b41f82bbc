import "server-only";
import type { Authorized } from "@/lib/authz/gate";
import { Refusal } from "@/lib/authz/refusal";
import type { BulkJob } from "@/lib/db/schema";
import { store } from "@/lib/db/store";
import { jobOf, startJob } from "./jobs";

/** The page that follows a started job's progress. */
export const bulkJobPath = (orgId: string, jobId: string) => `/orgs/${orgId}/invitations/bulk/${jobId}`;

/**
 * Starts a previewed job (draft → running); the job engine hands it to its workers from here. Only the
 * person who previewed it may: its rows were checked against their role ceiling, which another inviter of
 * the organization may not reach.
 */
export async function startPreviewedJob(ctx: Authorized, jobId: string): Promise<BulkJob> {
  const { db } = await store();
  const job = await jobOf(db, ctx, jobId);
  if (job.actorId !== ctx.user.id) {
    throw new Refusal("job_not_yours", "Only the person who previewed this list can send it. Preview the list yourself to send it.");
  }
  return startJob(db, ctx, jobId);
}
