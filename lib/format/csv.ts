// CSV as RFC 4180 writes it, made safe to open in a spreadsheet. The trail holds text people typed (inviter
// names, reasons, addresses): a cell such as `=HYPERLINK(…)` must reach Excel or Sheets as text, not run as a
// formula (OWASP "CSV injection", https://owasp.org/www-community/attacks/CSV_Injection).

export type CsvValue = string | number | boolean | null | undefined;

/**
 * Where a spreadsheet may start a new cell: our comma, the semicolon and tab that Excel splits on in many
 * locales or when pasted, and line breaks. A value holding one is quoted, and each part after one is defused
 * as if it were a cell of its own.
 */
const SEPARATOR = /[,;\t\r\n]/;
/** Characters that make a spreadsheet read a cell as a formula when they open it. */
const FORMULA_START = /^[=+\-@\t\r]/;

/** One field: a formula start at the beginning of any part gets a leading apostrophe; quotes, separators are quoted. */
export function csvField(value: CsvValue): string {
  const text = value === null || value === undefined ? "" : String(value);
  const defused = text
    .split(/(?<=[,;\t\r\n])/)
    .map((part) => (FORMULA_START.test(part) ? `'${part}` : part))
    .join("");
  return defused.includes('"') || SEPARATOR.test(defused) ? `"${defused.replace(/"/g, '""')}"` : defused;
}

/**
 * A CSV file: UTF-8 with a byte-order mark, without which Excel reads it in the system's code page ("—" shows as
 * "â€”"), then records separated by CRLF, as the RFC says, ending with one.
 */
export function toCsv(rows: readonly (readonly CsvValue[])[]): string {
  return "\ufeff" + rows.map((row) => row.map(csvField).join(",")).join("\r\n") + (rows.length > 0 ? "\r\n" : "");
}
