// The part of Auth0's log search syntax (a Lucene subset, docs-v2 `deploy-monitor/logs/log-search-query-syntax.mdx`)
// that the emulator evaluates: `field:value` and `field:"value"` terms joined by AND. Fields are not tokenized
// there, so a term matches the whole value; `*` is a wildcard. Anything else (OR, NOT, groups, ranges, bare
// terms) is refused rather than answered wrongly.
import type { LogEvent } from "../tenant.ts";
import { invalidQuery } from "./errors.ts";

const SEARCHABLE = [
  "client_id",
  "client_name",
  "connection",
  "description",
  "log_id",
  "organization_id",
  "type",
  "user_id",
  "user_name",
] as const;
type Searchable = (typeof SEARCHABLE)[number];
type Term = { field: Searchable; matches: (value: string) => boolean };

const TERM = /^([A-Za-z_.]+):(?:"((?:[^"\\]|\\.)*)"|([^\s"()[\]{}]+))$/;

// Auth0's wording for an unknown field, as seen on real tenants (auth0/auth0-mcp-server#197).
const queryError = (problem: string) => invalidQuery(`The search query string has an error: ${problem}`);

function wildcard(pattern: string): (value: string) => boolean {
  if (!pattern.includes("*")) return (value) => value === pattern;
  const escaped = pattern.split("*").map((part) => part.replace(/[.+?^${}()|[\]\\]/g, "\\$&"));
  const regex = new RegExp(`^${escaped.join(".*")}$`);
  return (value) => regex.test(value);
}

function parseTerm(text: string): Term {
  const match = text.match(TERM);
  if (!match) throw queryError(`the emulator evaluates only field:value terms joined by AND, not "${text}"`);
  const [, field, quoted, bare] = match;
  if (!(SEARCHABLE as readonly string[]).includes(field!)) throw queryError(`unknown field "${field}"`);
  const matches = quoted !== undefined ? (value: string) => value === quoted.replace(/\\(.)/g, "$1") : wildcard(bare!);
  return { field: field as Searchable, matches };
}

// A token is a quoted term (which may hold spaces) or any run of non-space characters.
const TOKEN = /[A-Za-z_.]+:"(?:[^"\\]|\\.)*"|\S+/g;

/** A predicate for `q`; every event matches an empty query. */
export function parseLogQuery(q: string | undefined): (event: LogEvent) => boolean {
  const tokens = (q ?? "").match(TOKEN) ?? [];
  if (tokens.length === 0) return () => true;
  const terms: Term[] = [];
  tokens.forEach((token, index) => {
    if (index % 2 === 1) {
      if (token !== "AND") throw queryError(`the emulator evaluates only terms joined by AND, not "${token}"`);
    } else {
      terms.push(parseTerm(token));
    }
  });
  if (tokens.length % 2 === 0) throw queryError("the query ends with AND");
  return (event) => terms.every(({ field, matches }) => matches(String(event[field] ?? "")));
}
