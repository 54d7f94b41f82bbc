import "server-only";
import { ManagementClient } from "auth0";
import type { OrgAccess } from "@/lib/authz/access";
import { env } from "@/lib/env";
import { auth0ErrorParts, mapAuth0Error, type MappedError } from "./errors";
import { managementToken } from "./management";
import type { Auth0Invitation, NewInvitation } from "./organization-data";

// Every invitation write (create, revoke) of the one send pipeline (lib/invitations/send.ts), and the client
// and failure kinds the membership writes (./member-writer.ts) share with it. A client of its
// own that never retries by itself: the pipeline paces every call by what Auth0's rate-limit headers say,
// retries 5xx and timeouts with backoff, and looks for an invitation whose answer was lost before sending it
// again — none of which the SDK's own retries (which resend at once) can do.

export type RateLimitState = { limit: number; remaining: number; reset: number };

export type WriteFailure = {
  ok: false;
  /**
   * rate_limited: 429, nothing was done. transient: 5xx or 408, nothing was done as far as Auth0 said.
   * unanswered: no answer, so a lost answer may hide a change. refused: any other 4xx, for good.
   */
  kind: "rate_limited" | "transient" | "unanswered" | "refused";
  error: MappedError;
  rate?: RateLimitState;
};
export type WriteResult<T> = { ok: true; value: T; rate?: RateLimitState } | WriteFailure;

const holder = globalThis as typeof globalThis & { __invitationWriteClient?: ManagementClient };

/** The Management API client for writes: it never retries by itself. */
export function writeClient(): ManagementClient {
  if (!holder.__invitationWriteClient) {
    const config = env();
    holder.__invitationWriteClient = new ManagementClient({
      domain: config.AUTH0_MANAGEMENT_DOMAIN,
      token: managementToken,
      maxRetries: 0,
      timeoutInSeconds: config.BULK_REQUEST_TIMEOUT_SECONDS,
      withCustomDomainHeader: config.AUTH0_CUSTOM_DOMAIN,
    });
  }
  return holder.__invitationWriteClient;
}

/** Auth0's X-RateLimit-* headers, when the answer carried them. */
export function rateLimitOf(headers: Headers | undefined): RateLimitState | undefined {
  const limit = Number(headers?.get("x-ratelimit-limit"));
  const remaining = Number(headers?.get("x-ratelimit-remaining"));
  const reset = Number(headers?.get("x-ratelimit-reset"));
  if (!headers?.has("x-ratelimit-limit") || ![limit, remaining, reset].every(Number.isFinite)) return undefined;
  return { limit, remaining, reset };
}

/** What a failed write means for trying again. */
export function writeFailure(error: unknown): WriteFailure {
  const parts = auth0ErrorParts(error);
  const rate = rateLimitOf((error as { rawResponse?: { headers?: Headers } }).rawResponse?.headers);
  const mapped = mapAuth0Error(error);
  if (!parts || parts.status === undefined) return { ok: false, kind: "unanswered", error: mapped, rate };
  if (parts.status === 429) return { ok: false, kind: "rate_limited", error: mapped, rate };
  if (parts.status >= 500 || parts.status === 408) return { ok: false, kind: "transient", error: mapped, rate };
  return { ok: false, kind: "refused", error: mapped, rate };
}

/** One POST /organizations/{id}/invitations, never retried here. */
export async function sendInvitation(access: OrgAccess, invitation: NewInvitation): Promise<WriteResult<Auth0Invitation>> {
  try {
    const { data, rawResponse } = await writeClient().organizations.invitations.create(access.orgId, invitation).withRawResponse();
    return { ok: true, value: data, rate: rateLimitOf(rawResponse.headers) };
  } catch (error) {
    return writeFailure(error);
  }
}

/** One DELETE /organizations/{id}/invitations/{invitation_id}, never retried here. A 404 means it is gone already. */
export async function revokeInvitation(access: OrgAccess, invitationId: string): Promise<WriteResult<"revoked" | "gone">> {
  try {
    const { rawResponse } = await writeClient().organizations.invitations.delete(access.orgId, invitationId).withRawResponse();
    return { ok: true, value: "revoked", rate: rateLimitOf(rawResponse.headers) };
  } catch (error) {
    if (auth0ErrorParts(error)?.status === 404) return { ok: true, value: "gone" };
    return writeFailure(error);
  }
}
