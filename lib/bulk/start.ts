import "server-only";
import type { Authorized } from "@/lib/authz/gate";
import { Refusal } from "@/lib/authz/refusal";
import type { BulkJob } from "@/lib/db/schema";
import { store } from "@/lib/db/store";
import { jobOf, startJob } from "./jobs";
import { bulkQueue } from "./queue";

/** The page that follows a started job's progress. */
export const bulkJobPath = (orgId: string, jobId: string) => `/orgs/${orgId}/invitations/bulk/${jobId}`;

/**
 * Starts a previewed job (draft → running) and queues it for the workers. Only the person who previewed it
 * may: its rows were checked against their role ceiling, which another inviter of the organization may not reach.
 */
export async function startPreviewedJob(ctx: Authorized, jobId: string): Promise<BulkJob> {
  const { db } = await store();
  const job = await jobOf(db, ctx, jobId);
  if (job.actorId !== ctx.user.id) {
    throw new Refusal("job_not_yours", "Only the person who previewed this list can send it. Preview the list yourself to send it.");
  }
  const started = await startJob(db, ctx, jobId);
  await (await bulkQueue()).enqueue(started.id);
  return started;
}
