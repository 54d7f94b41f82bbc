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
