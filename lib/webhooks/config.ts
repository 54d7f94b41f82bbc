import { z } from "zod";
import { EVENT_TYPES } from "@/lib/ledger/event-types";
import { internalLiteral } from "./address";

// The operator's webhook endpoints, as WEBHOOK_ENDPOINTS holds them (JSON): where each event goes, the secret
// it is signed with (Standard Webhooks: https://www.standardwebhooks.com/), and optionally which organizations
// and event types each endpoint receives (all when left out).

const STANDARD_WEBHOOKS_SECRET = /^whsec_[A-Za-z0-9+/]{32,}={0,2}$/;

export const webhookEndpointSchema = z.object({
  url: z.url({ protocol: /^https?$/, error: "must be an http(s) URL, e.g. https://hooks.example.com/invitations" }),
  secret: z.string().regex(STANDARD_WEBHOOKS_SECRET, "must be a Standard Webhooks secret: whsec_ followed by at least 24 random bytes in base64"),
  organizations: z.array(z.string().min(1)).min(1, "must name at least one organization id, or be left out for all").optional(),
  events: z.array(z.enum(EVENT_TYPES, { error: `must list event types among: ${EVENT_TYPES.join(", ")}` })).min(1).optional(),
});

export type WebhookEndpoint = z.infer<typeof webhookEndpointSchema>;

/** WEBHOOK_ENDPOINTS: a JSON array of endpoints; unset: no webhooks. */
export const webhookEndpointsSetting = z
  .string()
  .optional()
  .transform((value, ctx) => {
    if (value === undefined) return [];
    try {
      return JSON.parse(value) as unknown;
    } catch {
      ctx.addIssue({ code: "custom", message: 'must be JSON, e.g. [{"url":"https://hooks.example.com/invitations","secret":"whsec_…"}]' });
      return z.NEVER;
    }
  })
  .pipe(
    z
      .array(webhookEndpointSchema, { error: "must be a JSON array of endpoints" })
      .refine((endpoints) => new Set(endpoints.map((endpoint) => endpoint.url)).size === endpoints.length, "must not list one URL twice"),
  );

/** Whether the endpoint receives this event. */
export function receives(endpoint: WebhookEndpoint, event: { type: string; organizationId: string }): boolean {
  return (!endpoint.organizations || endpoint.organizations.includes(event.organizationId)) && (!endpoint.events || (endpoint.events as string[]).includes(event.type));
}

/**
 * Refuses, at start-up, endpoints whose host is an internal IP literal unless WEBHOOK_ALLOW_PRIVATE=true:
 * such an endpoint would only ever fail at delivery (lib/webhooks/address.ts), so the operator is told now.
 * Names are checked at delivery, against what they resolve to then.
 */
export function refuseInternalEndpoints(
  config: { WEBHOOK_ENDPOINTS: WebhookEndpoint[]; WEBHOOK_ALLOW_PRIVATE: boolean },
  ctx: z.RefinementCtx,
): void {
  if (config.WEBHOOK_ALLOW_PRIVATE) return;
  config.WEBHOOK_ENDPOINTS.forEach((endpoint, index) => {
    const host = internalLiteral(new URL(endpoint.url));
    if (!host) return;
    ctx.addIssue({
      code: "custom",
      path: ["WEBHOOK_ENDPOINTS", index, "url"],
      message: `${endpoint.url} is at ${host}, a loopback, link-local or private address: refused. Give the endpoint's public address, or set WEBHOOK_ALLOW_PRIVATE=true if it is meant to be internal.`,
    });
  });
}
