// Management API routes: each declares its method, path (relative to /api/v2) and the scopes its token needs.
import type { IncomingHttpHeaders } from "node:http";
import type { EmulatorContext } from "../context.ts";
import { ApiError, notFound } from "./errors.ts";
import type { Payload } from "./http.ts";

export type ScopeRule = { anyOf: string[] } | { allOf: string[] };

export type ApiRequest = {
  ctx: EmulatorContext;
  params: Record<string, string>;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  scopes: ReadonlySet<string>;
  payload: () => Promise<Payload>;
};
export type ApiResponse = { status: number; body?: unknown; headers?: Record<string, string> };
export type Route = {
  method: "GET" | "POST" | "PATCH" | "DELETE";
  path: string;
  scopes: ScopeRule;
  handle: (request: ApiRequest) => ApiResponse | Promise<ApiResponse>;
};

export const ok = (body: unknown): ApiResponse => ({ status: 200, body });
export const created = (body: unknown): ApiResponse => ({ status: 201, body });
export const noContent = (): ApiResponse => ({ status: 204 });

export function requireScopes(granted: ReadonlySet<string>, rule: ScopeRule): void {
  const [kind, scopes] = "anyOf" in rule ? (["any", rule.anyOf] as const) : (["all", rule.allOf] as const);
  const satisfied = kind === "any" ? scopes.some((s) => granted.has(s)) : scopes.every((s) => granted.has(s));
  if (!satisfied) {
    throw new ApiError(403, `Insufficient scope; expected ${kind} of: ${scopes.join(",")}.`, "insufficient_scope");
  }
}

type RouteMatch = { route: Route; params: Record<string, string> };

/** Finds the route for `method` and a path below /api/v2; a miss is Auth0's plain 404. */
export function matchRoute(routes: Route[], method: string, path: string): RouteMatch {
  const segments = path.split("/").filter(Boolean);
  for (const route of routes) {
    const pattern = route.path.split("/").filter(Boolean);
    if (route.method !== method || pattern.length !== segments.length) continue;
    const params: Record<string, string> = {};
    const matches = pattern.every((part, i) => {
      if (!part.startsWith(":")) return part === segments[i];
      try {
        params[part.slice(1)] = decodeURIComponent(segments[i]!);
        return true;
      } catch {
        return false;
      }
    });
    if (matches) return { route, params };
  }
  throw notFound();
}
