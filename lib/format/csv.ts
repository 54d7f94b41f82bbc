// CSV as RFC 4180 writes it, made safe to open in a spreadsheet. The trail holds text people typed (inviter
// names, reasons, addresses): a cell such as `=HYPERLINK(…)` must reach Excel or Sheets as text, not run as a
// formula (OWASP "CSV injection").

export type CsvValue = string | number | boolean | null | undefined;

/** Characters that make a spreadsheet read a cell as a formula when they open it. */
const FORMULA_START = /^[=+\-@\t\r]/;

/** One field: formula starts get a leading apostrophe; quotes, commas and line breaks are quoted. */
export function csvField(value: CsvValue): string {
  let text = value === null || value === undefined ? "" : String(value);
  if (FORMULA_START.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Records separated by CRLF, as the RFC says, ending with one. */
export function toCsv(rows: readonly (readonly CsvValue[])[]): string {
  return rows.map((row) => row.map(csvField).join(",")).join("\r\n") + (rows.length > 0 ? "\r\n" : "");
}
