import Papa from "papaparse";
import { isBlank } from "@/lib/schemas/text";
import { splitEmails } from "@/lib/schemas/invitation-settings";
import { bulkMessages, CSV_COLUMNS, MAX_BULK_BYTES, MAX_BULK_ROWS, ROLE_SEPARATOR, type BulkSource, type MergedLine } from "./list-format";

// A bulk list as people bring it: a CSV file (a header row naming the columns) or addresses pasted into a
// box. Pure, so the browser checks a list before sending it and the server checks it again the same way.
// Rows are only read here; whether each one can be invited is the preview's question (lib/bulk/preview.ts).

export type ParsedRow = {
  /**
   * Where a person finds the row: for a CSV, the file line it starts on (the header is line 1); for
   * pasted text, the address's place in the list (its line when there is one address a line).
   */
  line: number;
  /** As written (trimmed); "" when the row has none. */
  email: string;
  name?: string;
  roleNames: string[];
  connectionName?: string;
  /** Later rows with the same address (any case), merged into this one. */
  merged: MergedLine[];
};

export type ParsedList = { ok: true; rows: ParsedRow[] } | { ok: false; message: string };

/** A row as read, before repeats are merged. */
type Entry = Omit<ParsedRow, "merged">;

/**
 * `Jane Doe <jane@acme.test>` or `"Doe, Jane" <jane@acme.test>`, as mail programs copy addresses. An
 * unquoted name holds no `@` and no separator, so a bare address before it is not taken for its name.
 */
const NAMED_ADDRESS = /(?:"([^"]*)"\s*|([^<>",;@\n]*))<([^<>]*)>/gu;

function named(quoted: string | undefined, plain: string | undefined, address: string) {
  const name = (quoted ?? plain ?? "").trim();
  return { email: address.trim(), ...(isBlank(name) ? {} : { name }) };
}

/** The addresses of one pasted line, in order: named ones and bare ones (separated as `splitEmails` does). */
function lineAddresses(text: string): { email: string; name?: string }[] {
  const found: { email: string; name?: string }[] = [];
  let from = 0;
  for (const match of text.matchAll(NAMED_ADDRESS)) {
    found.push(...splitEmails(text.slice(from, match.index)).map((email) => ({ email })));
    found.push(named(match[1], match[2], match[3]!));
    from = match.index + match[0].length;
  }
  found.push(...splitEmails(text.slice(from)).map((email) => ({ email })));
  return found.filter((entry) => !isBlank(entry.email));
}

function pastedEntries(text: string): Entry[] {
  return text
    .split("\n")
    .flatMap(lineAddresses)
    .map((address, index) => ({ line: index + 1, ...address, roleNames: [] }));
}

/** An email cell: an address, or a named one (`Jane Doe <jane@acme.test>`) whose name fills an empty name cell. */
function emailCell(cell: string): { email: string; name?: string } {
  const whole = new RegExp(`^\\s*${NAMED_ADDRESS.source}\\s*$`, "u").exec(cell);
  return whole ? named(whole[1], whole[2], whole[3]!) : { email: cell.trim() };
}

/** The header's own separator: a comma, or a semicolon or tab as some spreadsheets write them. */
function delimiterOf(header: string): string {
  for (const candidate of [",", ";", "\t"]) if (header.includes(candidate)) return candidate;
  return ",";
}

function csvEntries(text: string): { ok: true; entries: Entry[] } | { ok: false; message: string } {
  const header = text.split("\n", 1)[0]!;
  const records: { cells: string[]; line: number }[] = [];
  let unclosed: number | undefined;
  let line = 1;
  let start = 0;
  Papa.parse<string[]>(text, {
    delimiter: delimiterOf(header),
    newline: "\n",
    step: (result) => {
      if (result.errors.some((error) => error.code === "MissingQuotes")) unclosed ??= line;
      records.push({ cells: result.data, line });
      const end = result.meta.cursor;
      for (let i = start; i < end; i++) if (text.charCodeAt(i) === 10) line++;
      start = end;
    },
  });
  if (unclosed !== undefined) return { ok: false, message: bulkMessages.unclosedQuote(unclosed) };

  const [names, ...rows] = records;
  const columns = (names?.cells ?? []).map((name) => name.trim().toLowerCase());
  const column = (name: string) => columns.indexOf(name);
  const at = { email: column(CSV_COLUMNS.email), roles: column(CSV_COLUMNS.roles), connection: column(CSV_COLUMNS.connection), name: column(CSV_COLUMNS.name) };
  if (at.email < 0) return { ok: false, message: bulkMessages.noEmailColumn(names?.cells ?? []) };

  const cell = (cells: string[], index: number) => (index < 0 ? "" : (cells[index] ?? "").trim());
  const entries: Entry[] = [];
  for (const { cells, line } of rows) {
    if (cells.every((value) => isBlank(value))) continue;
    const address = emailCell(cell(cells, at.email));
    const name = cell(cells, at.name) || address.name;
    const connectionName = cell(cells, at.connection);
    entries.push({
      line,
      email: address.email,
      ...(name && { name }),
      roleNames: cell(cells, at.roles).split(ROLE_SEPARATOR).map((role) => role.trim()).filter(Boolean),
      ...(connectionName && { connectionName }),
    });
  }
  return { ok: true, entries };
}

const sameName = (a: string | undefined, b: string | undefined) => (a ?? "").toLowerCase() === (b ?? "").toLowerCase();

/**
 * Repeats of an address (any case) become one row, the first, with the first row's roles and connection:
 * a repeat never widens what is sent. Each repeat is listed with what it asked for that is not added, so
 * the preview and the results can say so; the first name given fills an empty name.
 */
function mergeRepeats(entries: Entry[]): ParsedRow[] {
  const rows: ParsedRow[] = [];
  const byAddress = new Map<string, ParsedRow>();
  for (const entry of entries) {
    const key = entry.email.toLowerCase();
    const first = key ? byAddress.get(key) : undefined;
    if (!first) {
      const row = { ...entry, merged: [] };
      rows.push(row);
      if (key) byAddress.set(key, row);
      continue;
    }
    const droppedRoles = entry.roleNames.filter((role) => !first.roleNames.some((kept) => sameName(kept, role)));
    const droppedConnection = entry.connectionName && !sameName(entry.connectionName, first.connectionName) ? entry.connectionName : undefined;
    first.merged.push({ line: entry.line, email: entry.email, roleNames: entry.roleNames, droppedRoles, ...(droppedConnection && { droppedConnection }) });
    first.name ??= entry.name;
  }
  return rows;
}

export function byteLength(text: string): number {
  return new TextEncoder().encode(text).length;
}

/** Reads a bulk list; a list over a limit, or a CSV that cannot be read, is refused whole with the reason. */
export function parseBulkList(raw: string, source: BulkSource): ParsedList {
  const bytes = byteLength(raw);
  if (bytes > MAX_BULK_BYTES) return { ok: false, message: bulkMessages.tooBig(bytes) };
  // One kind of line break, so lines are counted the same whichever system wrote the file.
  const text = raw.replace(/^\ufeff/, "").replace(/\r\n?/g, "\n");
  const read = source === "paste" ? { ok: true as const, entries: pastedEntries(text) } : isBlank(text) ? { ok: true as const, entries: [] } : csvEntries(text);
  if (!read.ok) return read;
  if (read.entries.length === 0) return { ok: false, message: bulkMessages.empty(source) };
  if (read.entries.length > MAX_BULK_ROWS) return { ok: false, message: bulkMessages.tooManyRows(read.entries.length) };
  return { ok: true, rows: mergeRepeats(read.entries) };
}
