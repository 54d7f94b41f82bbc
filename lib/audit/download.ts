import "server-only";
import { auditTrail, type TrailScope } from "@/lib/db/audit";
import { store } from "@/lib/db/store";
import type { ActivityFilters } from "@/lib/schemas/activity";
import { activityCsv, EXPORT_LIMIT, exportFileName } from "./export";

// What an Activity page's "Download CSV" route answers, after passing the same gate as its page: a GET, so
// the link can carry the page's filters; it changes nothing in Auth0.

const REFUSED_STATUS: Record<string, number> = { unauthenticated: 401, not_found: 404, throttled: 429 };

/** The gate's refusal as plain text: 401 signed out, 404 no such organization, 429 too many requests, 403 otherwise. */
export function refusedDownload({ code, message }: { code: string; message: string }): Response {
  return new Response(message, {
    status: REFUSED_STATUS[code] ?? 403,
    headers: { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store" },
  });
}

/** The scope's trail with the page's filters, every page of it (up to EXPORT_LIMIT), as a CSV file named after `subject`. */
export async function trailDownload(scope: TrailScope, filters: ActivityFilters, subject: string): Promise<Response> {
  const { db } = await store();
  const { events } = await auditTrail(db, scope, filters, { page: 0, perPage: EXPORT_LIMIT });
  return csvDownload(activityCsv(events, "desk" in scope ? "support" : "organization"), exportFileName(subject, new Date()));
}

/** A CSV file to download, never cached; `fileName` is made of safe characters by its caller. */
export function csvDownload(csv: string, fileName: string): Response {
  return new Response(csv, {
    headers: {
      "content-type": "text/csv; charset=utf-8; header=present",
      "content-disposition": `attachment; filename="${fileName}"`,
      "cache-control": "no-store",
      "x-content-type-options": "nosniff",
    },
  });
}
