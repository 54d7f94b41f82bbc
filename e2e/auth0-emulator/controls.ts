// Test controls under /__emulator/ (on both servers): reset the tenant, read the request log and the mailbox,
// inject faults, set the Management API rate limit, move the tenant's clock, apply log retention, and look at
// the tenant's state and logs, and accept an invitation as an invitee would. JSON in and out.
import type { IncomingMessage, ServerResponse } from "node:http";
import { advanceClock, applyLogRetention, type ClockStep } from "./clock.ts";
import type { EmulatorContext, Fault } from "./context.ts";
import { ApiError } from "./management/errors.ts";
import { readPayload, sendJson } from "./management/http.ts";
import { decideLogin } from "./sign-in.ts";
import type { RateLimit } from "./management/rate-limit.ts";

type Handler = (req: IncomingMessage, res: ServerResponse) => void;
type Control = (ctx: EmulatorContext, url: URL, req: IncomingMessage) => unknown;

const invalid = (message: string) => new ApiError(400, message);

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  return (await readPayload(req)).value;
}

/** Back to the seed: tenant, request log, mailbox, faults, and the configured rate limit with a full bucket. */
function resetEmulator(ctx: EmulatorContext): void {
  ctx.tenant.reset();
  ctx.requestLog.length = 0;
  ctx.faults.length = 0;
  ctx.rateLimiter.configure(ctx.config.rateLimit);
}

const isCount = (v: unknown): v is number => Number.isInteger(v) && (v as number) >= 1;
const isStatus = (v: unknown): v is number => Number.isInteger(v) && (v as number) >= 100 && (v as number) <= 599;
const isDelay = (v: unknown): v is number => typeof v === "number" && v >= 0;

function parseFault(body: unknown): Fault {
  if (!isRecord(body) || typeof body.path !== "string") throw invalid("a fault needs `path`, a regular expression");
  try {
    new RegExp(body.path);
  } catch {
    throw invalid(`\`path\` is not a regular expression: ${body.path}`);
  }
  const { method, status, delayMs, headers, count = 1 } = body;
  if (method !== undefined && typeof method !== "string") throw invalid("`method` must be a string");
  if (!isCount(count)) throw invalid("`count` must be a positive integer");
  if (status !== undefined && !isStatus(status)) throw invalid("`status` must be an HTTP status code");
  if (delayMs !== undefined && !isDelay(delayMs)) throw invalid("`delayMs` must be a number of milliseconds");
  if (headers !== undefined && !isRecord(headers)) throw invalid("`headers` must be an object");
  return {
    pathPattern: body.path,
    remaining: count,
    method: method?.toUpperCase(),
    status,
    delayMs,
    body: body.body,
    headers: headers as Record<string, string> | undefined,
  };
}

function parseRateLimit(body: unknown): RateLimit | undefined {
  if (body === null || body === undefined) return undefined;
  if (isRecord(body) && isCount(body.burst) && typeof body.perSecond === "number" && body.perSecond > 0) {
    return { burst: body.burst, perSecond: body.perSecond };
  }
  throw invalid("the rate limit is `{burst, perSecond}` (burst a positive integer, perSecond > 0) or null");
}

const isSeconds = (v: unknown): v is number => typeof v === "number" && Number.isFinite(v) && v >= 0;

function parseClockStep(body: unknown): ClockStep {
  if (!isRecord(body) || !isSeconds(body.advanceSeconds)) {
    throw invalid("the clock step is `{advanceSeconds}` (a number of seconds ≥ 0), optionally with `expiredGraceSeconds`");
  }
  if (body.expiredGraceSeconds !== undefined && !isSeconds(body.expiredGraceSeconds)) {
    throw invalid("`expiredGraceSeconds` must be a number of seconds ≥ 0");
  }
  return { advanceSeconds: body.advanceSeconds, expiredGraceSeconds: body.expiredGraceSeconds };
}

/** `{ticket, email, password}`: what an invitee types on the login page an invitation link opens. */
function parseAcceptance(body: unknown): { ticket: string; email: string; password: string } {
  if (isRecord(body) && typeof body.ticket === "string" && typeof body.email === "string" && typeof body.password === "string") {
    return { ticket: body.ticket, email: body.email, password: body.password };
  }
  throw invalid("the acceptance is `{ticket, email, password}`");
}

function parseRetentionDays(body: unknown): number {
  if (isRecord(body) && isSeconds(body.days)) return body.days;
  throw invalid("the retention is `{days}`, a number ≥ 0");
}

const controls: Record<string, Control> = {
  "POST reset": (ctx) => {
    resetEmulator(ctx);
    return { reset: true };
  },
  "GET requests": (ctx, url) => ctx.requestLog.slice(Number(url.searchParams.get("since") ?? 0) || 0),
  "DELETE requests": (ctx) => {
    ctx.requestLog.length = 0;
    return { cleared: true };
  },
  "GET mailbox": (ctx, url) => {
    const to = url.searchParams.get("to")?.toLowerCase();
    return ctx.tenant.state.mailbox.filter((m) => !to || m.to.toLowerCase() === to);
  },
  "POST faults": async (ctx, _url, req) => {
    const fault = parseFault(await readJson(req));
    ctx.faults.push(fault);
    return fault;
  },
  "DELETE faults": (ctx) => {
    ctx.faults.length = 0;
    return { cleared: true };
  },
  "PUT rate-limit": async (ctx, _url, req) => {
    ctx.rateLimiter.configure(parseRateLimit(await readJson(req)));
    return { rateLimit: ctx.rateLimiter.current ?? null };
  },
  "POST clock": async (ctx, _url, req) => advanceClock(ctx, parseClockStep(await readJson(req))),
  "GET logs": (ctx) => ctx.tenant.state.logs,
  // The invitation login an invitee does in the browser, through the same rules and logs, for tests that
  // need an acceptance without a browser.
  "POST invitations/accept": async (ctx, _url, req) => {
    const { ticket, email, password } = parseAcceptance(await readJson(req));
    const invitation = ctx.tenant.invitationByTicket(ticket);
    const client = ctx.tenant.state.clients.find((c) => c.client_id === invitation?.client_id);
    const outcome = decideLogin(ctx.tenant, { client, hostname: "127.0.0.1", ip: "127.0.0.1" }, { invitation: ticket }, email, password);
    return outcome.kind === "signed-in" ? { kind: outcome.kind, user_id: outcome.user.user_id } : outcome;
  },
  "POST logs/retention": async (ctx, _url, req) => applyLogRetention(ctx, parseRetentionDays(await readJson(req))),
  "GET state": (ctx) => {
    const { invitations, organizations, users } = ctx.tenant.state;
    return {
      invitations,
      organizations,
      users: users.map(({ password: _password, ...user }) => user),
    };
  },
};

export function createControlsHandler(ctx: EmulatorContext): Handler {
  return (req, res) => {
    const url = new URL(req.url ?? "/", "http://emulator");
    const control = controls[`${req.method} ${url.pathname.replace(/^\/__emulator\//, "")}`];
    if (!control) return sendJson(res, 404, { error: `no emulator control ${req.method} ${url.pathname}` });
    Promise.resolve()
      .then(() => control(ctx, url, req))
      .then((body) => sendJson(res, 200, body))
      .catch((error: unknown) => {
        const message = error instanceof Error ? error.message : String(error);
        sendJson(res, error instanceof ApiError ? error.status : 500, { error: message });
      });
  };
}
