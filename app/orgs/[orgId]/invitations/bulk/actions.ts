"use server";

import { organizationAction } from "@/lib/authz/action";
import { createDraftBulkJob } from "@/lib/bulk/organization-jobs";
import type { BulkSource } from "@/lib/bulk/list-format";
import { planBulkJob, previewSummary, withMergedLines, type PreviewCounts, type PreviewSummaryRow } from "@/lib/bulk/preview";
import { bulkJobPath, startPreviewedJob } from "@/lib/bulk/start";
import { previewBulkSchema, startBulkJobSchema } from "@/lib/schemas/bulk";

export type BulkPreviewResult = { jobId: string; source: BulkSource; sendEmail: boolean; rows: PreviewSummaryRow[]; counts: PreviewCounts };

/** Checks every row and records the plan as a draft job; nothing is sent to Auth0. */
export const previewBulkAction = organizationAction({ schema: previewBulkSchema, action: "invite" }, async ({ input, ctx }) => {
  const plan = await planBulkJob(ctx, input);
  const jobId = await createDraftBulkJob(ctx, plan.settings, withMergedLines(plan.rows, input.list.source));
  return { ok: true, data: { jobId, source: input.list.source, sendEmail: plan.settings.sendEmail, ...previewSummary(plan.rows) } satisfies BulkPreviewResult };
});

/** Sends a previewed list: the job starts, and its page follows the progress. */
export const startBulkJobAction = organizationAction({ schema: startBulkJobSchema, action: "bulk_job" }, async ({ input, ctx }) => {
  const job = await startPreviewedJob(ctx, input.jobId);
  // Recorded as the job page's controls record theirs; each row's invitation is recorded as it is sent.
  await ctx.audit({ outcome: "done", detail: `Started bulk job ${job.id}` });
  return { ok: true, data: { url: bulkJobPath(ctx.orgId, input.jobId) } };
});
