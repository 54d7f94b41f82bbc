// What a bulk list may be and the messages about it, apart from the parser: the bulk form shows them on
// its first load, and the parser (with papaparse) loads only when a list is checked.

export const MAX_BULK_ROWS = 5_000;
/** Counted in UTF-8 bytes of the text, as it travels to the server. */
export const MAX_BULK_BYTES = 1_048_576;
export const BULK_SOURCES = ["csv", "paste"] as const;
export type BulkSource = (typeof BULK_SOURCES)[number];

/** The CSV columns read; others are ignored. */
export const CSV_COLUMNS = { email: "email", roles: "roles", connection: "connection", name: "name" } as const;
/** Role names in one cell are separated by this (a comma already separates the cells). */
export const ROLE_SEPARATOR = ";";

const count = (n: number) => n.toLocaleString("en-US");

export const bulkMessages = {
  tooBig: (bytes: number) =>
    `A list can be at most 1 MB (${count(MAX_BULK_BYTES)} bytes); this one is ${count(bytes)} bytes. Split it into smaller files and preview each.`,
  tooManyRows: (rows: number) =>
    `A list can have at most ${count(MAX_BULK_ROWS)} rows; this one has ${count(rows)}. Split it into smaller files and preview each.`,
  empty: (source: BulkSource) =>
    source === "csv" ? "The file has no rows below its header. Add one address a row and choose it again." : "Paste at least one email address.",
  noEmailColumn: (found: string[]) =>
    `The file's first line must name its columns, one of them "email" (found: ${found.filter(Boolean).join(", ") || "nothing"}). Add that header line, or paste the addresses into the box instead.`,
  unclosedQuote: (line: number) => `A quoted value that starts on line ${line} is never closed. Add the missing " and choose the file again.`,
};

/** A later row of an address already listed: never sent on its own; what it asked for beyond the first row is not added. */
export type MergedLine = {
  line: number;
  /** As written. */
  email: string;
  roleNames: string[];
  /** Roles it named that the first row does not: the first row's roles are kept, never widened unasked. */
  droppedRoles: string[];
  /** A connection it named other than the first row's, which is kept. */
  droppedConnection?: string;
};

/** Where a person finds rows: lines of a file, places in a pasted list. */
function place(source: BulkSource, lines: number[]): string {
  return `${source === "csv" ? (lines.length === 1 ? "line" : "lines") : "no."} ${lines.join(", ")}`;
}

function notAdded({ droppedRoles, droppedConnection }: MergedLine): string[] {
  return [...droppedRoles.map((role) => `${role} (role)`), ...(droppedConnection ? [`${droppedConnection} (connection)`] : [])];
}

export const mergeMessages = {
  /** Under the first row of an address in the preview. */
  intoThisRow: (source: BulkSource, merged: MergedLine[]) =>
    [
      `Repeated on ${place(source, merged.map((line) => line.line))}; merged into this row.`,
      ...merged
        .filter((line) => notAdded(line).length > 0)
        .map((line) => `Not added from ${place(source, [line.line])}: ${notAdded(line).join(", ")}.`),
    ].join(" "),
  /** A merged row's own outcome, on the job's page and in its results. */
  intoLine: (source: BulkSource, firstLine: number, merged: MergedLine) =>
    `Merged into ${place(source, [firstLine])}.${notAdded(merged).length > 0 ? ` Not added: ${notAdded(merged).join(", ")}; invite this address again on its own if it needs them.` : ""}`,
};
