// Auth0's two paging styles. Offset: `page`, `per_page`, `include_totals` → a bare array or
// `{<key>, start, limit, total}`. Checkpoint: `from`, `take` → `{<key>, next?}`.
import { ApiError } from "./errors.ts";
import { boolean, integer, queryError, text, type ParsedQuery } from "./query.ts";

export const offsetParams = { page: integer(0), per_page: integer(1, 100), include_totals: boolean };
export const checkpointParams = { from: text, take: integer(1, 100) };

type PagingQuery = Partial<ParsedQuery<typeof offsetParams> & ParsedQuery<typeof checkpointParams>>;

export type PagingOptions = {
  /** The list's property in a paged response: `organizations`, `members`, … */
  key: string;
  defaultPerPage?: number;
  /** `limit` is the page size on most lists, but the number returned on some (GO-REC). */
  limit?: "per_page" | "count";
  /** Invitations answer without `total` ("We do not yet support returning the total invitations count"). */
  total?: boolean;
  /** Members' checkpoint pages carry `next` whenever they are not empty, even the last one (GO-REC). */
  nextOnEveryNonEmptyPage?: boolean;
};

/** Offset paging reaches only the first 1000 records; past that Auth0 asks for checkpoint paging. */
const MAX_OFFSET_RECORDS = 1000;

/** Auth0's 400 for a page that reaches past the first 1000 records. */
export function requireWithinOffsetLimit(start: number, perPage: number): void {
  if (start + perPage > MAX_OFFSET_RECORDS) {
    throw new ApiError(400, `Requesting page exceeds the allowed maximum of ${MAX_OFFSET_RECORDS} records`, "invalid_paging");
  }
}

function encodeCheckpoint(offset: number): string {
  return Buffer.from(JSON.stringify({ offset })).toString("base64url");
}

function decodeCheckpoint(from: string): number {
  try {
    const { offset } = JSON.parse(Buffer.from(from, "base64url").toString("utf8"));
    if (Number.isInteger(offset) && offset >= 0) return offset;
  } catch {
    // falls through to the error below
  }
  throw queryError("Invalid checkpoint", "from");
}

/** One page of `items`; `view` (what a response shows of an item) is applied to that page only, so paging a large list stays linear. */
export function paginate<T>(items: T[], query: PagingQuery, options: PagingOptions & { view?: (item: T) => unknown }): unknown {
  const { key, view = (item: T) => item } = options;
  if (query.from !== undefined || query.take !== undefined) {
    const start = query.from === undefined ? 0 : decodeCheckpoint(query.from);
    const page = items.slice(start, start + (query.take ?? 50)).map(view);
    const end = start + page.length;
    const more = options.nextOnEveryNonEmptyPage ? page.length > 0 : end < items.length;
    return { [key]: page, ...(more ? { next: encodeCheckpoint(end) } : {}) };
  }

  const perPage = query.per_page ?? options.defaultPerPage ?? 50;
  const start = (query.page ?? 0) * perPage;
  requireWithinOffsetLimit(start, perPage);
  const page = items.slice(start, start + perPage).map(view);
  if (!query.include_totals) return page;
  const limit = options.limit === "count" ? page.length : perPage;
  return { [key]: page, start, limit, ...(options.total === false ? {} : { total: items.length }) };
}
