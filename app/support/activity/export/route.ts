import { describeFilters } from "@/lib/audit/describe";
import { refusedDownload, trailDownload } from "@/lib/audit/download";
import { authorizeDeskView } from "@/lib/authz/action";
import { parseActivityQuery } from "@/lib/schemas/activity";

// Support activity's "Download CSV": the page's gate and filters, every page of them. A download is a look
// at every organization's data at once, so it is recorded like the page.

export async function GET(request: Request) {
  const { query } = parseActivityQuery(Object.fromEntries(new URL(request.url).searchParams), "support");
  const { page: _page, ...filters } = query;
  const access = await authorizeDeskView("view_support_activity", { auditors: true, viewing: `CSV download, ${describeFilters(filters)}` });
  if (!access.ok) return refusedDownload(access);
  return trailDownload({ desk: access.ctx }, filters, "support");
}
