// The JSON bodies the /__emulator controls accept, checked: a malformed one is a 400 that says the right shape.
import type { ClockStep } from "./clock.ts";
import type { InvitationSeed } from "./management/resources/create-invitation.ts";
import { BUCKET_NAMES, isBucketName, type RateLimitSettings } from "./management/buckets.ts";
import { ApiError } from "./management/errors.ts";
import type { Fault } from "./management/faults.ts";
import type { RateLimit } from "./management/rate-limit.ts";

const invalid = (message: string) => new ApiError(400, message);

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

const isCount = (v: unknown): v is number => Number.isInteger(v) && (v as number) >= 1;
const isStatus = (v: unknown): v is number => Number.isInteger(v) && (v as number) >= 100 && (v as number) <= 599;
/** A duration (milliseconds or seconds) or a count of days: finite and ≥ 0. */
const isAmount = (v: unknown): v is number => typeof v === "number" && Number.isFinite(v) && v >= 0;
const isProbability = (v: unknown): v is number => typeof v === "number" && v > 0 && v <= 1;
const isSeed = (v: unknown): v is number => Number.isInteger(v) && (v as number) >= 0 && (v as number) < 2 ** 32;

function parsePattern(body: Record<string, unknown>): string {
  const pattern = body.path ?? body.pathPattern;
  if (typeof pattern !== "string") throw invalid("a fault needs `path` (or `pathPattern`), a regular expression");
  try {
    new RegExp(pattern);
  } catch {
    throw invalid(`\`path\` is not a regular expression: ${pattern}`);
  }
  return pattern;
}

/**
 * `{path | pathPattern, method?, kind?, status?, body?, headers?, delayMs?, count?, probability?, seed?}`.
 * Without `probability` a fault fires on every match and lasts `count` uses (1 by default); with it, it fires at
 * that rate and lasts until cleared unless `count` is given.
 */
export function parseFault(body: unknown): Fault {
  if (!isRecord(body)) throw invalid("a fault is a JSON object");
  const pathPattern = parsePattern(body);
  const { method, kind = "respond", status, delayMs, headers, count, probability = 1, seed } = body;
  if (method !== undefined && typeof method !== "string") throw invalid("`method` must be a string");
  if (kind !== "respond" && kind !== "timeout-after-handling") throw invalid('`kind` is "respond" or "timeout-after-handling"');
  if (count !== undefined && !isCount(count)) throw invalid("`count` must be a positive integer");
  if (!isProbability(probability)) throw invalid("`probability` must be a number above 0 and at most 1");
  if (seed !== undefined && !isSeed(seed)) throw invalid("`seed` must be an integer from 0 to 2^32 − 1");
  if (status !== undefined && !isStatus(status)) throw invalid("`status` must be an HTTP status code");
  if (delayMs !== undefined && !isAmount(delayMs)) throw invalid("`delayMs` must be a number of milliseconds");
  if (headers !== undefined && !isRecord(headers)) throw invalid("`headers` must be an object");
  if (kind === "timeout-after-handling") {
    if (delayMs === undefined) throw invalid("a timeout needs `delayMs`: how long to hold the answer before dropping the connection");
    if (status !== undefined || body.body !== undefined || headers !== undefined) {
      throw invalid("a timeout answers nothing: no `status`, `body` or `headers`");
    }
  }
  return {
    kind,
    pathPattern,
    method: method?.toUpperCase(),
    status,
    delayMs,
    body: body.body,
    headers: headers as Record<string, string> | undefined,
    remaining: count ?? (probability < 1 ? null : 1),
    probability,
    seed,
  };
}

function parseLimit(value: unknown, name: string): RateLimit | undefined {
  if (value === null) return undefined;
  if (isRecord(value) && isCount(value.burst) && typeof value.perSecond === "number" && value.perSecond > 0) {
    return { burst: value.burst, perSecond: value.perSecond };
  }
  throw invalid(`${name} is \`{burst, perSecond}\` (burst a positive integer, perSecond > 0) or null`);
}

/**
 * `null`: every bucket off. `{burst, perSecond}`: the general bucket (the tenant-wide limit of EMULATOR_RATE_LIMIT).
 * `{"invitation-writes": {burst, perSecond} | null, …}`: the named buckets; the others keep theirs.
 */
export function parseRateLimits(body: unknown): Partial<RateLimitSettings> {
  if (body === null || body === undefined) return { "invitation-writes": undefined, "invitation-reads": undefined, general: undefined };
  if (isRecord(body) && "burst" in body) return { general: parseLimit(body, "the rate limit") };
  if (!isRecord(body)) throw invalid("the rate limit is null, `{burst, perSecond}` or an object of buckets");
  const settings: Partial<RateLimitSettings> = {};
  for (const [name, value] of Object.entries(body)) {
    if (!isBucketName(name)) throw invalid(`unknown rate-limit bucket "${name}"; the buckets are ${BUCKET_NAMES.join(", ")}`);
    settings[name] = parseLimit(value, `bucket "${name}"`);
  }
  return settings;
}

/** `{latencyMs}`, milliseconds ≥ 0. */
export function parseLatency(body: unknown): number {
  if (isRecord(body) && isAmount(body.latencyMs)) return body.latencyMs;
  throw invalid("the latency is `{latencyMs}`, a number of milliseconds ≥ 0");
}

export function parseClockStep(body: unknown): ClockStep {
  if (!isRecord(body) || !isAmount(body.advanceSeconds)) {
    throw invalid("the clock step is `{advanceSeconds}` (a number of seconds ≥ 0), optionally with `expiredGraceSeconds`");
  }
  if (body.expiredGraceSeconds !== undefined && !isAmount(body.expiredGraceSeconds)) {
    throw invalid("`expiredGraceSeconds` must be a number of seconds ≥ 0");
  }
  return { advanceSeconds: body.advanceSeconds, expiredGraceSeconds: body.expiredGraceSeconds };
}

/** `{ticket, email, password}`: what an invitee types on the login page an invitation link opens. */
export function parseAcceptance(body: unknown): { ticket: string; email: string; password: string } {
  if (isRecord(body) && typeof body.ticket === "string" && typeof body.email === "string" && typeof body.password === "string") {
    return { ticket: body.ticket, email: body.email, password: body.password };
  }
  throw invalid("the acceptance is `{ticket, email, password}`");
}

export function parseRetentionDays(body: unknown): number {
  if (isRecord(body) && isAmount(body.days)) return body.days;
  throw invalid("the retention is `{days}`, a number ≥ 0");
}

/** `{user_id, blocked}`. */
export function parseBlocked(body: unknown): { user_id: string; blocked: boolean } {
  if (!isRecord(body) || typeof body.user_id !== "string" || typeof body.blocked !== "boolean") {
    throw invalid("give `user_id` (a string) and `blocked` (true or false)");
  }
  return { user_id: body.user_id, blocked: body.blocked };
}

/** An operator's metadata edit on one organization: keys merged, `null` removes one. */
export function parseOrganizationMetadata(body: unknown): { organization_id: string; metadata: Record<string, string | null> } {
  const metadata = isRecord(body) ? body.metadata : undefined;
  if (!isRecord(body) || typeof body.organization_id !== "string" || !isRecord(metadata) || !Object.values(metadata).every((value) => value === null || typeof value === "string")) {
    throw invalid("give `organization_id` (a string) and `metadata` (an object of strings, or null to remove a key)");
  }
  return { organization_id: body.organization_id, metadata: metadata as Record<string, string | null> };
}

/** How many invitations one seeding may make: enough for an organization past Auth0's list caps. */
const MAX_SEEDED = 10_000;

/** `{organization_id, client_id, emails, roles?, ttl_sec?, created_at?, step_ms?}`. */
export function parseInvitationSeed(body: unknown): InvitationSeed {
  const shape = "the seed is `{organization_id, client_id, emails: [addresses], roles?, ttl_sec?, created_at?, step_ms?}`";
  if (!isRecord(body) || typeof body.organization_id !== "string" || typeof body.client_id !== "string" || !Array.isArray(body.emails)) {
    throw invalid(shape);
  }
  const { emails, roles, ttl_sec, created_at, step_ms } = body;
  if (emails.length === 0 || emails.length > MAX_SEEDED || !emails.every((email) => typeof email === "string" && email.includes("@"))) {
    throw invalid(`\`emails\` must hold 1 to ${MAX_SEEDED} addresses`);
  }
  if (roles !== undefined && !(Array.isArray(roles) && roles.length > 0 && roles.every((role) => typeof role === "string"))) {
    throw invalid("`roles` must be a non-empty array of role ids");
  }
  if (ttl_sec !== undefined && !(Number.isInteger(ttl_sec) && (ttl_sec as number) >= 1 && (ttl_sec as number) <= 2_592_000)) {
    throw invalid("`ttl_sec` must be a whole number of seconds from 1 to 2592000");
  }
  if (created_at !== undefined && (typeof created_at !== "string" || Number.isNaN(Date.parse(created_at)))) {
    throw invalid("`created_at` must be an ISO-8601 time");
  }
  if (step_ms !== undefined && !isAmount(step_ms)) throw invalid("`step_ms` must be a number of milliseconds ≥ 0");
  return {
    organizationId: body.organization_id,
    clientId: body.client_id,
    emails: emails as string[],
    roles: roles as string[] | undefined,
    ttlSeconds: ttl_sec as number | undefined,
    createdAt: created_at === undefined ? undefined : new Date(created_at as string),
    stepMs: step_ms as number | undefined,
  };
}

/** How many users one seeding may add: a tenant of Auth0's larger customers, in one request. */
const MAX_SEEDED_USERS = 200_000;

export type UserSeed = { count: number; organization_id?: string; members?: number; roles: string[] };

/** `{count, organization_id?, members?, roles?}`: `members` (≤ count, all by default) of them join the organization. */
export function parseUserSeed(body: unknown): UserSeed {
  const shape = `the seed is \`{count (1–${MAX_SEEDED_USERS}), organization_id?, members? (≤ count), roles?: [role ids]}\``;
  if (!isRecord(body) || !isCount(body.count) || body.count > MAX_SEEDED_USERS) throw invalid(shape);
  const { count, organization_id, members, roles = [] } = body;
  if (organization_id !== undefined && typeof organization_id !== "string") throw invalid(shape);
  if (members !== undefined && (organization_id === undefined || !Number.isInteger(members) || (members as number) < 0 || (members as number) > count)) {
    throw invalid(shape);
  }
  if (!Array.isArray(roles) || !roles.every((r) => typeof r === "string")) throw invalid(shape);
  return { count, organization_id, members: members as number | undefined, roles: roles as string[] };
}

/** `{codes: [451, 250, 550]}`: SMTP reply codes (2xx accept, 4xx refuse for now, 5xx refuse for good). */
/** Reply codes for the next messages, in order; with `to`, only for messages to that address. */
export type SmtpAnswers = { codes: number[]; to?: string };

export function parseSmtpAnswers(body: unknown): SmtpAnswers {
  const codes = isRecord(body) ? body.codes : undefined;
  const to = isRecord(body) ? body.to : undefined;
  const validCodes = Array.isArray(codes) && codes.every((code) => Number.isInteger(code) && code >= 200 && code <= 599);
  if (validCodes && (to === undefined || typeof to === "string")) return { codes: codes as number[], ...(to !== undefined && { to: to.toLowerCase() }) };
  throw invalid("the SMTP answers are `{codes, to?}`: reply codes from 200 to 599 in order, and optionally the one address they are for");
}
