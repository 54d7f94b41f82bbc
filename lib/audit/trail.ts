import "server-only";
import { auditTrail, type AuditPage, type TrailScope } from "@/lib/db/audit";
import { store } from "@/lib/db/store";
import type { ActivityFilters } from "@/lib/schemas/activity";

export type { AuditPage, TrailEvent } from "@/lib/db/audit";

/** One page of the scope's trail with the page's filters, for an Activity page (see auditTrail). */
export async function activityTrail(scope: TrailScope, filters: ActivityFilters, paging: { page: number; perPage: number }): Promise<AuditPage> {
  const { db } = await store();
  return auditTrail(db, scope, filters, paging);
}
