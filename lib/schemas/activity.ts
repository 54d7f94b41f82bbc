import { z } from "zod/mini";
import { AUDIT_ACTIONS, AUDIT_OUTCOMES, type AuditAction, type AuditOutcome } from "@/lib/audit/vocabulary";
import { MAX_SEARCH } from "./invitation";
import { optionalText } from "./text";
import { pageNumberSchema, single, type SearchParams } from "./url";

// The Activity pages' URL: their filters survive a reload and can be shared, and each CSV export reads the
// same parameters, so it exports exactly what its page shows. A value that cannot be read means no filter.

/** Whose trail a page shows: one organization's, or the support desk's across organizations. */
export type ActivityScope = "organization" | "support";

const actions = Object.keys(AUDIT_ACTIONS) as [AuditAction, ...AuditAction[]];
const outcomes = Object.keys(AUDIT_OUTCOMES) as [AuditOutcome, ...AuditOutcome[]];

/** True for a day that exists, written as <input type="date"> sends it: 2026-02-28, not 2026-02-30. */
export function isCalendarDay(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const day = new Date(`${value}T00:00:00.000Z`);
  return !Number.isNaN(day.getTime()) && day.toISOString().slice(0, 10) === value;
}

const daySchema = z.pipe(
  z.optional(z.string().check(z.trim())),
  z.transform((value: string | undefined) => (value && isCalendarDay(value) ? value : undefined)),
);

export const activityQuerySchema = z.object({
  /** Part of the actor's name or email, any case. */
  actor: optionalText({ label: "actor", max: MAX_SEARCH }),
  /** Support's trail: part of the organization's id, name or display name, any case. */
  organization: optionalText({ label: "organization", max: MAX_SEARCH }),
  /** Support's trail: part of the reason support staff gave, any case. */
  reason: optionalText({ label: "reason", max: MAX_SEARCH }),
  action: z.catch(z.optional(z.enum(actions)), undefined),
  outcome: z.catch(z.optional(z.enum(outcomes)), undefined),
  /** Inclusive UTC days. */
  from: daySchema,
  to: daySchema,
  page: pageNumberSchema,
});
export type ActivityQuery = z.output<typeof activityQuerySchema>;
/** Every filter is optional: absent means not filtered. */
export type ActivityFilters = Partial<Omit<ActivityQuery, "page">>;
export type ActivityFilter = keyof ActivityFilters;

/** The filters each trail offers; an organization's trail is one organization's, so it has no organization filter. */
export const ACTIVITY_FILTERS = {
  organization: ["actor", "action", "outcome", "from", "to"],
  support: ["actor", "organization", "reason", "action", "outcome", "from", "to"],
} as const satisfies Record<ActivityScope, readonly ActivityFilter[]>;

const TEXT_FILTERS = ["actor", "organization", "reason"] as const;
export type TextFilterErrors = Partial<Record<(typeof TEXT_FILTERS)[number], string>>;
const isTextFilter = (key: PropertyKey | undefined): key is (typeof TEXT_FILTERS)[number] => TEXT_FILTERS.some((text) => text === key);

/**
 * A page's (or its export's) query, reading only the filters its scope offers. A text the text rules refuse
 * is dropped, the other filters kept, and its message returned for the field.
 */
export function parseActivityQuery(raw: SearchParams, scope: ActivityScope): { query: ActivityQuery; errors: TextFilterErrors } {
  const input: Record<string, string | undefined> = { page: single(raw.page) };
  for (const key of ACTIVITY_FILTERS[scope]) input[key] = single(raw[key]);
  const parsed = activityQuerySchema.safeParse(input);
  if (parsed.success) return { query: parsed.data, errors: {} };
  const errors: TextFilterErrors = {};
  for (const issue of parsed.error.issues) {
    const key = issue.path[0];
    if (isTextFilter(key)) errors[key] ??= issue.message;
  }
  const dropped = Object.fromEntries(Object.keys(errors).map((key) => [key, undefined]));
  return { query: activityQuerySchema.parse({ ...input, ...dropped }), errors };
}

/** The URL query for these filters (and a 0-based page, written 1-based and only past the first). */
export function activitySearch(filters: ActivityFilters, page = 0): string {
  const params = new URLSearchParams();
  // The support trail offers every filter.
  for (const key of ACTIVITY_FILTERS.support) {
    const value = filters[key];
    if (value) params.set(key, value);
  }
  if (page > 0) params.set("page", String(page + 1));
  const text = params.toString();
  return text ? `?${text}` : "";
}
