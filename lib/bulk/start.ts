import "server-only";
import type { Authorized } from "@/lib/authz/gate";
import { mayStartJob } from "@/lib/authz/job-controls";
import { Refusal } from "@/lib/authz/refusal";
import type { BulkJob } from "@/lib/db/schema";
import { store } from "@/lib/db/store";
import { jobOf, startJob } from "./jobs";
import { bulkQueue } from "./queue";

/** The page that follows a started job's progress. */
export const bulkJobPath = (orgId: string, jobId: string) => `/orgs/${orgId}/invitations/bulk/${jobId}`;

/** Starts a previewed job (draft → running) and queues it for the workers, when lib/authz says this user may. */
export async function startPreviewedJob(ctx: Authorized, jobId: string): Promise<BulkJob> {
  const { db } = await store();
  const decision = mayStartJob(ctx, await jobOf(db, ctx, jobId));
  if (!decision.allowed) throw new Refusal("job_not_yours", decision.why);
  const started = await startJob(db, ctx, jobId);
  await (await bulkQueue()).enqueue(started.id);
  return started;
}
