import { refusedDownload } from "@/lib/audit/download";
import { authorizeView } from "@/lib/authz/action";
import { Refusal } from "@/lib/authz/refusal";
import { bulkJobResultsCsv } from "@/lib/bulk/organization-jobs";

// Every row's result as CSV: behind the organization's gate, like the page; a row's link only to a viewer
// whose role ceiling covers the row's roles.
export async function GET(_request: Request, { params }: { params: Promise<{ orgId: string; jobId: string }> }) {
  const { orgId, jobId } = await params;
  const access = await authorizeView(orgId, { viewing: "the results CSV of a bulk job" });
  if (!access.ok) return refusedDownload(access);
  try {
    return new Response(await bulkJobResultsCsv(access.ctx, jobId), {
      headers: {
        "content-type": "text/csv; charset=utf-8; header=present",
        "content-disposition": `attachment; filename="bulk-${jobId.slice(0, 8)}-results.csv"`,
        "cache-control": "no-store",
        "x-content-type-options": "nosniff",
      },
    });
  } catch (error) {
    if (error instanceof Refusal) return refusedDownload({ code: "not_found", message: error.message });
    throw error;
  }
}
