import { refusedDownload } from "@/lib/audit/download";
import { authorizeView } from "@/lib/authz/action";
import { bulkJobProgress } from "@/lib/bulk/organization-jobs";
import { progressJson } from "@/lib/bulk/results";
import { Refusal } from "@/lib/authz/refusal";

// The job page polls this while the job runs: the same gate as the page, live each time. Support staff's
// looking was recorded when they opened the page; each poll is not.
export async function GET(_request: Request, { params }: { params: Promise<{ orgId: string; jobId: string }> }) {
  const { orgId, jobId } = await params;
  const access = await authorizeView(orgId);
  if (!access.ok) return refusedDownload(access);
  try {
    return Response.json(progressJson(await bulkJobProgress(access.ctx, jobId)), { headers: { "cache-control": "no-store" } });
  } catch (error) {
    if (error instanceof Refusal) return refusedDownload({ code: "not_found", message: error.message });
    throw error;
  }
}
