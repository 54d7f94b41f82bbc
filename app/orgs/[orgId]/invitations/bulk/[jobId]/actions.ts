"use server";

// A running bulk job's controls. Each passes the organization's gate, like every write; the job itself is
// found through that grant, so another organization's job cannot be touched. Then lib/authz decides whether
// this user may control this job (its creator, or someone whose ceiling covers its roles); a refusal is
// recorded in the trail by the action's wrapper, and nothing changes.

import { z } from "zod/mini";
import { organizationAction } from "@/lib/authz/action";
import { cancelBulkJob, pauseBulkJob, resumeBulkJob, retryFailedBulkRows } from "@/lib/bulk/organization-jobs";
import { bulkQueue } from "@/lib/bulk/queue";
import { organizationIdSchema } from "@/lib/schemas/invitation";

const jobActionSchema = z.object({ orgId: organizationIdSchema, jobId: z.uuid("Not a bulk job id.") });

const CONTROLS = {
  pause: { change: pauseBulkJob, done: "Paused", enqueue: false },
  resume: { change: resumeBulkJob, done: "Resumed", enqueue: true },
  cancel: { change: cancelBulkJob, done: "Cancelled", enqueue: false },
  retry: { change: retryFailedBulkRows, done: "Queued the failed rows of", enqueue: true },
} as const;

function control(kind: keyof typeof CONTROLS) {
  return organizationAction({ schema: jobActionSchema, action: "bulk_job" }, async ({ input, ctx }) => {
    const { change, done, enqueue } = CONTROLS[kind];
    const job = await change(ctx, input.jobId);
    if (enqueue) await (await bulkQueue()).enqueue(job.id);
    await ctx.audit({ outcome: "done", detail: `${done} bulk job ${job.id}` });
    return { ok: true, data: { status: job.status } };
  });
}

export const pauseBulkJobAction = control("pause");
export const resumeBulkJobAction = control("resume");
export const cancelBulkJobAction = control("cancel");
export const retryFailedRowsAction = control("retry");
