import "server-only";
import { ManagementClient } from "auth0";
import type { OrgAccess } from "@/lib/authz/access";
import { env } from "@/lib/env";
import { auth0ErrorParts, mapAuth0Error } from "./errors";
import { managementToken } from "./management";
import type { Auth0Invitation, NewInvitation } from "./organization-data";

// Bulk onboarding's invitation writes. A client of its own that never retries by itself: the bulk
// workers pace every call by what Auth0's rate-limit headers say, retry 5xx and timeouts with backoff,
// and must look for an invitation whose answer was lost before sending it again — none of which the
// SDK's own retries (which resend at once) can do.

export type RateLimitState = { limit: number; remaining: number; reset: number };

export type WriteResult =
  | { ok: true; invitation: Auth0Invitation; rate?: RateLimitState }
  /** 429: nothing was created. */
  | { ok: false; kind: "rate_limited"; message: string; rate?: RateLimitState }
  /** 5xx or no answer: nothing was created as far as Auth0 said, but a lost answer may hide a creation. */
  | { ok: false; kind: "transient" | "unanswered"; message: string; rate?: RateLimitState }
  /** 4xx other than 429: Auth0 refused this row for good. */
  | { ok: false; kind: "refused"; message: string; rate?: RateLimitState };

const holder = globalThis as typeof globalThis & { __bulkManagementClient?: ManagementClient };

function client(): ManagementClient {
  if (!holder.__bulkManagementClient) {
    const config = env();
    holder.__bulkManagementClient = new ManagementClient({
      domain: config.AUTH0_MANAGEMENT_DOMAIN,
      token: managementToken,
      maxRetries: 0,
      timeoutInSeconds: config.BULK_REQUEST_TIMEOUT_SECONDS,
      withCustomDomainHeader: config.AUTH0_CUSTOM_DOMAIN,
    });
  }
  return holder.__bulkManagementClient;
}

/** Auth0's X-RateLimit-* headers, when the answer carried them. */
export function rateLimitOf(headers: Headers | undefined): RateLimitState | undefined {
  const limit = Number(headers?.get("x-ratelimit-limit"));
  const remaining = Number(headers?.get("x-ratelimit-remaining"));
  const reset = Number(headers?.get("x-ratelimit-reset"));
  if (!headers?.has("x-ratelimit-limit") || ![limit, remaining, reset].every(Number.isFinite)) return undefined;
  return { limit, remaining, reset };
}

/** One POST /organizations/{id}/invitations, never retried here; says what became of it. */
export async function sendInvitation(access: OrgAccess, invitation: NewInvitation): Promise<WriteResult> {
  try {
    const { data, rawResponse } = await client().organizations.invitations.create(access.orgId, invitation).withRawResponse();
    return { ok: true, invitation: data, rate: rateLimitOf(rawResponse.headers) };
  } catch (error) {
    const parts = auth0ErrorParts(error);
    const rate = rateLimitOf((error as { rawResponse?: { headers?: Headers } }).rawResponse?.headers);
    const { message } = mapAuth0Error(error);
    if (!parts || parts.status === undefined) return { ok: false, kind: "unanswered", message, rate };
    if (parts.status === 429) return { ok: false, kind: "rate_limited", message, rate };
    if (parts.status >= 500 || parts.status === 408) return { ok: false, kind: "transient", message, rate };
    return { ok: false, kind: "refused", message, rate };
  }
}
