// The emulator's Management API server: `POST /oauth/token` (client credentials) and `/api/v2/…`.
// Every request first waits the configured latency. An /api/v2 request is then charged to its rate-limit bucket,
// whose headers go on its answer whatever the answer is; then meets any injected fault; then the token and scope
// checks, and finally its route. Each request is logged once, just before its answer is written (or withheld).
import type { IncomingMessage, ServerResponse } from "node:http";
import { setTimeout as sleep } from "node:timers/promises";
import type { EmulatorContext, RequestLogEntry } from "../context.ts";
import { bucketFor } from "./buckets.ts";
import { ApiError, auth0ErrorBody, defaultErrorBody, notFound, tooManyRequests } from "./errors.ts";
import { readPayload, sendJson } from "./http.ts";
import { matchRoute, requireScopes, type ApiResponse } from "./router.ts";
import { managementRoutes } from "./routes.ts";
import { handleTokenRequest, verifyManagementToken } from "./token.ts";

type Handler = (req: IncomingMessage, res: ServerResponse) => void;
type Answer = ApiResponse & Pick<RequestLogEntry, "bucket" | "outcome"> & { withholdMs?: number };

const API_PREFIX = "/api/v2";

async function serveApi(ctx: EmulatorContext, req: IncomingMessage, url: URL, method: string): Promise<ApiResponse> {
  const { route, params } = matchRoute(managementRoutes, method, url.pathname.slice(API_PREFIX.length));
  const scopes = await verifyManagementToken(ctx, req.headers.authorization);
  requireScopes(scopes, route.scopes);
  return route.handle({ ctx, params, query: url.searchParams, headers: req.headers, scopes, payload: () => readPayload(req) });
}

function errorResponse(error: unknown): ApiResponse {
  if (error instanceof ApiError) return { status: error.status, body: error.body };
  console.error("auth0 emulator: Management API request failed", error);
  return { status: 500, body: auth0ErrorBody(500, "An internal server error occurred") };
}

function route(ctx: EmulatorContext, req: IncomingMessage, url: URL, method: string): Promise<ApiResponse> {
  if (url.pathname.startsWith(`${API_PREFIX}/`)) return serveApi(ctx, req, url, method);
  if (url.pathname === "/oauth/token" && method === "POST") return handleTokenRequest(ctx, req);
  return Promise.reject(notFound());
}

async function decide(ctx: EmulatorContext, req: IncomingMessage, url: URL): Promise<Answer> {
  const method = req.method ?? "GET";
  if (ctx.latencyMs > 0) await sleep(ctx.latencyMs);
  const bucket = url.pathname.startsWith(`${API_PREFIX}/`) ? bucketFor(method, url.pathname) : undefined;
  const verdict = bucket && ctx.rateLimits.take(bucket);
  // A fault's own headers win over the bucket's, so a test can script any rate-limit headers.
  const charged = (answer: Answer): Answer => ({ ...answer, bucket, headers: { ...verdict?.headers, ...answer.headers } });
  if (verdict && !verdict.allowed) return charged({ ...errorResponse(tooManyRequests()), outcome: "rate-limited" });

  const fault = ctx.faults.take(method, url.pathname);
  if (fault?.kind === "respond") {
    if (fault.delayMs) await sleep(fault.delayMs);
    if (fault.status !== undefined) {
      const body = fault.body ?? (fault.status >= 400 ? defaultErrorBody(fault.status) : undefined);
      return charged({ status: fault.status, body, headers: fault.headers, outcome: "fault" });
    }
  }
  const response = await route(ctx, req, url, method).catch(errorResponse);
  if (fault?.kind === "timeout-after-handling") return charged({ ...response, outcome: "timed-out", withholdMs: fault.delayMs });
  return charged(response);
}

/** The answer is never sent: the connection is dropped after `ms`, or earlier when the client gives up. */
function withhold(res: ServerResponse, ms: number): void {
  const timer = setTimeout(() => res.destroy(), ms);
  res.once("close", () => clearTimeout(timer));
}

function logRequest(ctx: EmulatorContext, method: string, url: URL, started: Date, answer: Answer): void {
  ctx.requestLog.push({
    method,
    path: url.pathname,
    url: `${url.pathname}${url.search}`,
    status: answer.status,
    time: started.toISOString(),
    durationMs: Date.now() - started.getTime(),
    ...(answer.bucket ? { bucket: answer.bucket } : {}),
    ...(answer.outcome ? { outcome: answer.outcome } : {}),
  });
}

export function createManagementHandler(ctx: EmulatorContext): Handler {
  return (req, res) => {
    const url = new URL(req.url ?? "/", ctx.apiOrigin);
    const started = new Date();
    decide(ctx, req, url)
      .then((answer) => {
        // Logged before the client can see the answer, so a test never misses it.
        logRequest(ctx, req.method ?? "GET", url, started, answer);
        if (answer.withholdMs !== undefined) return withhold(res, answer.withholdMs);
        sendJson(res, answer.status, answer.body, answer.headers);
      })
      .catch((error: unknown) => {
        console.error("auth0 emulator: could not answer", error);
        res.destroy();
      });
  };
}
