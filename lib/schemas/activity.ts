import { z } from "zod";
import { AUDIT_ACTIONS, AUDIT_OUTCOMES, type AuditAction, type AuditOutcome } from "@/lib/audit/vocabulary";
import { MAX_SEARCH } from "./invitation";
import { optionalText } from "./text";
import { pageNumberSchema, single, type SearchParams } from "./url";

// The Activity page's URL: its filters survive a reload and can be shared, and the CSV export reads the
// same parameters, so it exports exactly what the page shows. A value that cannot be read means no filter.

const actions = Object.keys(AUDIT_ACTIONS) as [AuditAction, ...AuditAction[]];
const outcomes = Object.keys(AUDIT_OUTCOMES) as [AuditOutcome, ...AuditOutcome[]];

/** True for a day that exists, written as <input type="date"> sends it: 2026-02-28, not 2026-02-30. */
export function isCalendarDay(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const day = new Date(`${value}T00:00:00.000Z`);
  return !Number.isNaN(day.getTime()) && day.toISOString().slice(0, 10) === value;
}

const daySchema = z
  .string()
  .trim()
  .optional()
  .transform((value) => (value && isCalendarDay(value) ? value : undefined));

export const activityQuerySchema = z.object({
  /** Part of the actor's name or email, any case. */
  actor: optionalText({ label: "actor", max: MAX_SEARCH }),
  action: z.enum(actions).optional().catch(undefined),
  outcome: z.enum(outcomes).optional().catch(undefined),
  /** Inclusive UTC days. */
  from: daySchema,
  to: daySchema,
  page: pageNumberSchema,
});
export type ActivityQuery = z.output<typeof activityQuerySchema>;
/** Every filter is optional: absent means not filtered. */
export type ActivityFilters = Partial<Omit<ActivityQuery, "page">>;


/** The page's (or the export's) query; an actor text the text rules refuse is dropped and its message kept. */
export function parseActivityQuery(raw: SearchParams): { query: ActivityQuery; actorError?: string } {
  const input = {
    actor: single(raw.actor),
    action: single(raw.action),
    outcome: single(raw.outcome),
    from: single(raw.from),
    to: single(raw.to),
    page: single(raw.page),
  };
  const parsed = activityQuerySchema.safeParse(input);
  if (parsed.success) return { query: parsed.data };
  return { query: activityQuerySchema.parse({ ...input, actor: undefined }), actorError: parsed.error.issues[0]?.message };
}

/** The URL query for these filters (and a 0-based page, written 1-based and only past the first). */
export function activitySearch(filters: ActivityFilters, page = 0): string {
  const params = new URLSearchParams();
  for (const key of ["actor", "action", "outcome", "from", "to"] as const) {
    const value = filters[key];
    if (value) params.set(key, value);
  }
  if (page > 0) params.set("page", String(page + 1));
  const text = params.toString();
  return text ? `?${text}` : "";
}
