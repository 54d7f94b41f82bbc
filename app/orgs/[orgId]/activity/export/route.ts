import { activityCsv, EXPORT_LIMIT, exportFileName } from "@/lib/audit/export";
import { authorizeView } from "@/lib/authz/action";
import { auditTrail } from "@/lib/db/audit";
import { store } from "@/lib/db/store";
import { parseActivityQuery } from "@/lib/schemas/activity";

// The Activity page's "Download CSV": the same gate and the same filters as the page, every page of them.
// A GET, so the link can carry the filters; it changes nothing (support staff's looking is audited by the gate).

const REFUSED_STATUS: Record<string, number> = { unauthenticated: 401, not_found: 404 };

export async function GET(request: Request, { params }: { params: Promise<{ orgId: string }> }) {
  const { orgId } = await params;
  const access = await authorizeView(orgId);
  if (!access.ok) {
    return new Response(access.message, {
      status: REFUSED_STATUS[access.code] ?? 403,
      headers: { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store" },
    });
  }
  const { query } = parseActivityQuery(Object.fromEntries(new URL(request.url).searchParams));
  const { db } = await store();
  const { events } = await auditTrail(db, access.ctx, query, { page: 0, perPage: EXPORT_LIMIT });
  return new Response(activityCsv(events), {
    headers: {
      "content-type": "text/csv; charset=utf-8; header=present",
      "content-disposition": `attachment; filename="${exportFileName(orgId, new Date())}"`,
      "cache-control": "no-store",
      "x-content-type-options": "nosniff",
    },
  });
}
