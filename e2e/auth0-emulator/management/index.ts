// The emulator's Management API server: `POST /oauth/token` (client credentials) and `/api/v2/…`.
// Each request is logged; /api/v2 requests pass the rate limiter, then any injected fault, then the
// token and scope checks, and finally their route.
import type { IncomingMessage, ServerResponse } from "node:http";
import type { EmulatorContext } from "../context.ts";
import { ApiError, auth0ErrorBody, notFound, tooManyRequests } from "./errors.ts";
import { applyFault } from "./faults.ts";
import { readPayload, sendJson } from "./http.ts";
import { matchRoute, requireScopes } from "./router.ts";
import { managementRoutes } from "./routes.ts";
import { handleTokenRequest, verifyManagementToken } from "./token.ts";

type Handler = (req: IncomingMessage, res: ServerResponse) => void;

const API_PREFIX = "/api/v2";

/** Logs the request as its response ends: before the client can see the response, so a test never misses it. */
function logRequest(ctx: EmulatorContext, req: IncomingMessage, res: ServerResponse, url: URL): void {
  const started = new Date();
  const end = res.end.bind(res) as (...args: unknown[]) => ServerResponse;
  res.end = ((...args: unknown[]) => {
    ctx.requestLog.push({
      method: req.method ?? "GET",
      path: url.pathname,
      url: `${url.pathname}${url.search}`,
      status: res.statusCode,
      time: started.toISOString(),
      durationMs: Date.now() - started.getTime(),
    });
    return end(...args);
  }) as ServerResponse["end"];
}

async function serveApi(ctx: EmulatorContext, req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
  const method = req.method ?? "GET";
  const { route, params } = matchRoute(managementRoutes, method, url.pathname.slice(API_PREFIX.length));
  const scopes = await verifyManagementToken(ctx, req.headers.authorization);
  requireScopes(scopes, route.scopes);
  const { status, body, headers } = await route.handle({
    ctx,
    params,
    query: url.searchParams,
    headers: req.headers,
    scopes,
    payload: () => readPayload(req),
  });
  sendJson(res, status, body, headers);
}

async function serve(ctx: EmulatorContext, req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
  const method = req.method ?? "GET";
  const isApi = url.pathname.startsWith(`${API_PREFIX}/`);
  if (isApi) {
    const verdict = ctx.rateLimiter.take();
    for (const [name, value] of Object.entries(verdict?.headers ?? {})) res.setHeader(name, value);
    if (verdict && !verdict.allowed) throw tooManyRequests();
  }
  if (await applyFault(ctx.faults, method, url.pathname, res)) return;
  if (isApi) return serveApi(ctx, req, res, url);
  if (url.pathname === "/oauth/token" && method === "POST") return handleTokenRequest(ctx, req, res);
  throw notFound();
}

function sendError(res: ServerResponse, error: unknown): void {
  if (res.headersSent) return void res.destroy();
  if (error instanceof ApiError) return sendJson(res, error.status, error.body);
  console.error("auth0 emulator: Management API request failed", error);
  sendJson(res, 500, auth0ErrorBody(500, "An internal server error occurred"));
}

export function createManagementHandler(ctx: EmulatorContext): Handler {
  return (req, res) => {
    const url = new URL(req.url ?? "/", ctx.apiOrigin);
    logRequest(ctx, req, res, url);
    serve(ctx, req, res, url).catch((error) => sendError(res, error));
  };
}
