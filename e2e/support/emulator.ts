// Talks to the running emulator from tests: its /__emulator controls, and its Management API (trusting
// the emulator's certificate explicitly, so the test process needs no NODE_EXTRA_CA_CERTS).
import { readFileSync } from "node:fs";
import https from "node:https";
import { ADMIN_M2M } from "../auth0-emulator/app-env.ts";
import { E2E } from "./addresses.ts";

async function control<T>(method: string, path: string, body?: unknown): Promise<T> {
  const response = await fetch(`${E2E.signInUrl}/__emulator/${path}`, {
    method,
    headers: body === undefined ? undefined : { "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`emulator ${method} ${path}: ${response.status} ${await response.text()}`);
  const text = await response.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

export type EmulatedInvitation = {
  id: string;
  organization_id: string;
  invitee: { email: string };
  inviter: { name: string };
  invitation_url: string;
  ticket_id: string;
  client_id: string;
  connection_id?: string;
  roles?: string[];
  created_at: string;
  expires_at: string;
};
export type EmulatorState = {
  invitations: EmulatedInvitation[];
  organizations: { id: string; name: string; members: { user_id: string; roles: string[] }[] }[];
  users: { user_id: string; email: string }[];
};
export type MailMessage = {
  to: string;
  subject: string;
  invitation_id: string;
  invitation_url: string;
  custom_domain?: string;
  /** Auth0's own email, or the app's through the SMTP sink (with its parts and links). */
  sent_by: "auth0" | "app";
  html?: string;
  text?: string;
  links?: string[];
};
export type RequestLogEntry = {
  method: string;
  path: string;
  /** The path with its query. */
  url: string;
  status: number;
  time: string;
  bucket?: RateLimitBucket;
  outcome?: "rate-limited" | "fault" | "timed-out";
};
export type RateLimitBucket = "invitation-writes" | "invitation-reads" | "general";
type RateLimit = { burst: number; perSecond: number };
/** A tenant log event (`si`, `fi`, `organization_member_added`, `s`), as GET /api/v2/logs returns it. */
export type TenantLogEvent = {
  log_id: string;
  date: string;
  type: string;
  description: string;
  client_id?: string;
  user_id?: string;
  user_name?: string;
  organization_id?: string;
  organization_name?: string;
  details: Record<string, unknown>;
};
export type ClockSummary = {
  advancedSeconds: number;
  expiredGraceSeconds: number;
  deletedInvitations: string[];
  invitations: { id: string; created_at: string; expires_at: string }[];
  logs: number;
  rateLimits: Record<RateLimitBucket, (RateLimit & { remaining: number }) | null>;
};

export const emulator = {
  reset: () => control<void>("POST", "reset"),
  state: () => control<EmulatorState>("GET", "state"),
  mailbox: () => control<MailMessage[]>("GET", "mailbox"),
  requests: () => control<RequestLogEntry[]>("GET", "requests"),
  clearRequests: () => control<void>("DELETE", "requests"),
  fault: (fault: { method?: string; path: string; status?: number; delayMs?: number; count: number; body?: unknown; headers?: Record<string, string> }) =>
    control<void>("POST", "faults", fault),
  /** A limit per bucket (null: off); buckets not named keep theirs. */
  rateLimits: (limits: Partial<Record<RateLimitBucket, RateLimit | null>>) => control<void>("PUT", "rate-limit", limits),
  /** Moves the tenant's clock forward: stored times age, the rate limit refills, long-expired invitations go. */
  advanceClock: (advanceSeconds: number, expiredGraceSeconds?: number) =>
    control<ClockSummary>("POST", "clock", { advanceSeconds, ...(expiredGraceSeconds === undefined ? {} : { expiredGraceSeconds }) }),
  /** Drops tenant log events older than `days`, as Auth0's retention does. */
  logRetention: (days: number) => control<{ days: number; dropped: number; logs: number }>("POST", "logs/retention", { days }),
  logs: () => control<TenantLogEvent[]>("GET", "logs"),
  /** An operator editing an organization's metadata in Auth0: keys merged, `null` removes one; reset restores the seed's. */
  organizationMetadata: (organizationId: string, metadata: Record<string, string | null>) =>
    control<{ organization_id: string; metadata: Record<string, string> }>("POST", "organizations/metadata", { organization_id: organizationId, metadata }),
  /** An administrator blocking (or unblocking) the user in Auth0. */
  block: (userId: string, blocked = true) => control<void>("POST", "users/blocked", { user_id: userId, blocked }),
  /** The SMTP sink (own-email run) answers the next messages with these reply codes, then accepts again. */
  /** The SMTP sink's next answers to mail for `to` (other mail is accepted meanwhile). */
  smtpAnswers: (to: string, codes: number[]) => control<void>("POST", "smtp-answers", { to, codes }),
};

const ca = readFileSync(E2E.certPath, "utf8");

function managementRequest<T>(method: string, path: string, token: string | undefined, body?: unknown): Promise<{ status: number; body: T }> {
  return new Promise((resolve, reject) => {
    const request = https.request(`${E2E.apiUrl}${path}`, {
      method,
      ca,
      headers: {
        "content-type": "application/json",
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
    });
    request.on("response", (response) => {
      let text = "";
      response.setEncoding("utf8");
      response.on("data", (chunk: string) => (text += chunk));
      response.on("end", () => resolve({ status: response.statusCode ?? 0, body: (text ? JSON.parse(text) : undefined) as T }));
    });
    request.on("error", reject);
    request.end(body === undefined ? undefined : JSON.stringify(body));
  });
}

/** Calls the emulator's Management API as the app's machine-to-machine client. */
export async function managementApi<T>(method: string, path: string, body?: unknown) {
  const token = await managementRequest<{ access_token: string }>("POST", "/oauth/token", undefined, {
    grant_type: "client_credentials",
    client_id: ADMIN_M2M.client_id,
    client_secret: ADMIN_M2M.client_secret,
    audience: `${E2E.apiUrl}/api/v2/`,
  });
  return managementRequest<T>(method, `/api/v2${path}`, token.body.access_token, body);
}

/**
 * The calls a test caused, less one refill of the blocked-flag cache (GET /users/{id}), which expires on its
 * own clock and may fall due between a test's two steps. Token requests are left out too.
 */
export function withoutCacheRefills(requests: RequestLogEntry[]): string[] {
  const paths = requests.map((r) => r.path.replace(/\?.*/, "")).filter((path) => path !== "/oauth/token");
  const refills = paths.filter((path) => /^\/api\/v2\/users\/[^/]+$/.test(path));
  if (new Set(refills).size !== refills.length) throw new Error(`a cached flag was read twice: ${refills.join(", ")}`);
  return paths.filter((path) => !refills.includes(path));
}
