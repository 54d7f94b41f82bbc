import { z } from "zod/mini";
import { single, pageNumberSchema, type SearchParams } from "./url";

// The webhook delivery log's URL (/support/webhooks and its CSV): a status and an organization id. A value that
// cannot be read means no filter, so a shared link never fails.

/** A delivery's states (lib/webhooks/deliver.ts), in the words the page and the CSV use. */
export const DELIVERY_STATUSES = { pending: "Pending", delivered: "Delivered", given_up: "Given up" } as const;
export type DeliveryStatus = keyof typeof DELIVERY_STATUSES;
const statuses = Object.keys(DELIVERY_STATUSES) as [DeliveryStatus, ...DeliveryStatus[]];

/** Auth0's organization ids: org_ followed by letters and digits. */
const ORGANIZATION_ID = /^org_[A-Za-z0-9]{1,64}$/;

export const webhookLogQuerySchema = z.object({
  status: z.catch(z.optional(z.enum(statuses)), undefined),
  organization: z.catch(z.optional(z.string().check(z.trim(), z.regex(ORGANIZATION_ID))), undefined),
  page: pageNumberSchema,
});
export type WebhookLogQuery = z.output<typeof webhookLogQuerySchema>;
export type WebhookLogFilters = Omit<WebhookLogQuery, "page">;

export function parseWebhookLogQuery(raw: SearchParams): WebhookLogQuery {
  return webhookLogQuerySchema.parse({ status: single(raw.status), organization: single(raw.organization), page: single(raw.page) });
}

/** The URL query for these filters (and a 0-based page, written 1-based and only past the first). */
export function webhookLogSearch(filters: WebhookLogFilters, page = 0): string {
  const params = new URLSearchParams();
  if (filters.status) params.set("status", filters.status);
  if (filters.organization) params.set("organization", filters.organization);
  if (page > 0) params.set("page", String(page + 1));
  const text = params.toString();
  return text ? `?${text}` : "";
}

/** What the log shows, in words, for the trail's record of a look. */
export function describeWebhookLogFilters({ status, organization }: WebhookLogFilters): string {
  const parts = [status && `status ${DELIVERY_STATUSES[status]}`, organization && `organization ${organization}`].filter(Boolean);
  return parts.length > 0 ? parts.join(", ") : "unfiltered";
}
