import { refusedDownload, trailDownload } from "@/lib/audit/download";
import { authorizeView } from "@/lib/authz/action";
import { parseActivityQuery } from "@/lib/schemas/activity";

// The Activity page's "Download CSV": the same gate and the same filters as the page, every page of them.
// Support staff's looking is audited by the gate.

export async function GET(request: Request, { params }: { params: Promise<{ orgId: string }> }) {
  const { orgId } = await params;
  const access = await authorizeView(orgId, { viewing: "the activity CSV" });
  if (!access.ok) return refusedDownload(access);
  const { query } = parseActivityQuery(Object.fromEntries(new URL(request.url).searchParams), "organization");
  return trailDownload({ organization: access.ctx }, query, orgId);
}
