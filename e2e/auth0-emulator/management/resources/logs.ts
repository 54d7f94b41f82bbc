// GET /logs (checkpoint and search) and GET /logs/{id}, as docs-v2 `deploy-monitor/logs/retrieve-log-events-using-mgmt-api.mdx`
// describes them; the events are written by the sign-in (tenant-logs.ts).
import type { EmulatorContext } from "../../context.ts";
import type { LogEvent } from "../../tenant.ts";
import { notFound } from "../errors.ts";
import { fieldParams, selectFields } from "../fields.ts";
import { parseLogQuery } from "../log-search.ts";
import { requireWithinOffsetLimit } from "../paging.ts";
import { boolean, integer, matching, parseQuery, queryError, text, type ParsedQuery } from "../query.ts";
import { ok, type ApiResponse, type Route } from "../router.ts";

// The sortable fields of the OAS `sort` pattern.
const SORTABLE = "date|connection|client_id|client_name|ip|user_id|user_name|description|user_agent|type|details|strategy|strategy_type";
const listParams = {
  from: text,
  take: integer(1, 100),
  q: text,
  page: integer(0),
  per_page: integer(1, 100),
  sort: matching(new RegExp(`^(${SORTABLE}):(1|-1)$`)),
  include_totals: boolean,
  // Any field names: readers ask for `log_id` and `organization_id`, which the OAS pattern leaves out.
  ...fieldParams(),
};
type ListQuery = ParsedQuery<typeof listParams>;

const DEFAULT_PAGE_SIZE = 50;
// Our log ids are fixed-width digit strings, so string order is write order.
const LOG_ID = /^\d{1,100}$/;
const read = { anyOf: ["read:logs", "read:logs_users"] };

/** The index of the first event newer than `from`: the logs are in `log_id` order, so a binary search, not a scan. */
function firstAfter(logs: LogEvent[], from: string): number {
  let low = 0;
  let high = logs.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (logs[middle]!.log_id > from) high = middle;
    else low = middle + 1;
  }
  return low;
}

/**
 * Checkpoint mode: the events newer than `from`, by `log_id`, with a `Link` header to the next page; an empty
 * page links to the same URL again. "Any parameter other than from and take will be ignored."
 */
function fromCheckpoint(ctx: EmulatorContext, from: string, take = DEFAULT_PAGE_SIZE): ApiResponse {
  if (!LOG_ID.test(from)) throw queryError("Invalid checkpoint", "from");
  const start = firstAfter(ctx.tenant.state.logs, from);
  const page = ctx.tenant.state.logs.slice(start, start + take);
  const next = page.at(-1)?.log_id ?? from;
  const link = `${ctx.apiOrigin}api/v2/logs?from=${encodeURIComponent(next)}&take=${take}`;
  return { status: 200, body: page, headers: { link: `<${link}>; rel="next"` } };
}

function compare(a: LogEvent, b: LogEvent, field: string): number {
  const value = (event: LogEvent) => {
    const raw = (event as Record<string, unknown>)[field];
    return typeof raw === "string" ? raw : JSON.stringify(raw ?? "");
  };
  return value(a).localeCompare(value(b)) || a.log_id.localeCompare(b.log_id);
}

/**
 * Search mode: `q`, `sort` (default `date:-1`), offset pages within the first 1,000 records. With include_totals,
 * `total` is the number on this page, like `length` (log-search-query-syntax.mdx, "Pagination").
 */
function search(ctx: EmulatorContext, q: ListQuery): unknown {
  const matches = parseLogQuery(q.q);
  const [field, direction] = (q.sort ?? "date:-1").split(":") as [string, string];
  const sorted = ctx.tenant.state.logs.filter(matches).sort((a, b) => compare(a, b, field));
  if (direction === "-1") sorted.reverse();
  const perPage = q.per_page ?? DEFAULT_PAGE_SIZE;
  const start = (q.page ?? 0) * perPage;
  requireWithinOffsetLimit(start, perPage);
  const page = sorted.slice(start, start + perPage).map((event) => selectFields(event, q));
  if (!q.include_totals) return page;
  return { start, limit: perPage, length: page.length, total: page.length, logs: page };
}

export const logRoutes: Route[] = [
  {
    method: "GET",
    path: "/logs",
    scopes: read,
    handle: ({ ctx, query }) => {
      const q = parseQuery(query, listParams);
      // `take` only counts "when using the from parameter" (OAS); without `from` the request is a search, which is
      // also how Auth0's own log exporters start before they hold a checkpoint (auth0-log-extension-tools).
      if (q.from !== undefined) return fromCheckpoint(ctx, q.from, q.take);
      return ok(search(ctx, q));
    },
  },
  {
    method: "GET",
    path: "/logs/:id",
    scopes: read,
    handle: ({ ctx, params, query }) => {
      parseQuery(query, {});
      const event = ctx.tenant.state.logs.find((e) => e.log_id === params.id);
      // The 404 description of Auth0's API reference for this endpoint; no errorCode is documented.
      if (!event) throw notFound("Log not found.");
      return ok(event);
    },
  },
];
