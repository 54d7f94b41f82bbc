// CSV as papaparse 5.7 reads it, for the bulk list (./parse.ts), which the browser reads before sending it and
// the server reads again. papaparse put 6.7 kB of gzipped JavaScript on the bulk page (`npm run size`) for the
// one way we call it: a given separator, "\n" line breaks and `"` quotes. This is its parser loop for that
// call; csv.test.ts checks that both read the same records from thousands of generated files.

/** A record's cells, and where it ends in the text: after its line break, or at the end of the text. */
export type CsvRecord = { cells: string[]; end: number };

/**
 * The records of `text`, whose line breaks must be "\n". A cell is quoted when its first character is `"`;
 * inside, `""` is one quote, and a quote closes the cell only when the separator or a line break follows it
 * (blanks between allowed): any other quote is part of the cell. A quote left open takes the rest of the text
 * into its cell, and `unclosedQuote` says so.
 */
export function readCsv(text: string, delimiter: string): { records: CsvRecord[]; unclosedQuote: boolean } {
  const records: CsvRecord[] = [];
  if (!text) return { records, unclosedQuote: false };
  let cursor = 0;
  let row: string[] = [];
  const save = (end: number) => {
    records.push({ cells: row, end });
    row = [];
  };

  if (!text.includes('"')) {
    const lines = text.split("\n");
    lines.forEach((line, index) => {
      cursor += line.length + (index < lines.length - 1 ? 1 : 0);
      row = line.split(delimiter);
      save(cursor);
    });
    return { records, unclosedQuote: false };
  }

  const unquote = (from: number, to: number) => text.substring(from, to).replaceAll('""', '"');
  let nextDelimiter = text.indexOf(delimiter, cursor);
  let nextNewline = text.indexOf("\n", cursor);
  for (;;) {
    if (text[cursor] === '"') {
      let quote = cursor;
      cursor++;
      for (;;) {
        quote = text.indexOf('"', quote + 1);
        if (quote === -1) {
          row.push(text.substring(cursor));
          save(text.length);
          return { records, unclosedQuote: true };
        }
        if (quote === text.length - 1) {
          row.push(unquote(cursor, quote));
          save(text.length);
          return { records, unclosedQuote: false };
        }
        if (text[quote + 1] === '"') {
          quote++;
          continue;
        }
        if (nextDelimiter !== -1 && nextDelimiter < quote + 1) nextDelimiter = text.indexOf(delimiter, quote + 1);
        if (nextNewline !== -1 && nextNewline < quote + 1) nextNewline = text.indexOf("\n", quote + 1);
        // Blanks between a closing quote and what follows it (papaparse's `trim()`: any white space).
        const blanksBefore = (index: number) => {
          const between = index === -1 ? "" : text.substring(quote + 1, index);
          return between && between.trim() === "" ? between.length : 0;
        };
        const toDelimiter = blanksBefore(nextNewline === -1 ? nextDelimiter : Math.min(nextDelimiter, nextNewline));
        if (text.startsWith(delimiter, quote + 1 + toDelimiter)) {
          row.push(unquote(cursor, quote));
          cursor = quote + 1 + toDelimiter + delimiter.length;
          if (nextDelimiter !== -1 && nextDelimiter < cursor) nextDelimiter = text.indexOf(delimiter, cursor);
          if (nextNewline !== -1 && nextNewline < cursor) nextNewline = text.indexOf("\n", cursor);
          break;
        }
        const toNewline = blanksBefore(nextNewline);
        if (text[quote + 1 + toNewline] === "\n") {
          row.push(unquote(cursor, quote));
          cursor = quote + 1 + toNewline + 1;
          save(cursor);
          nextNewline = text.indexOf("\n", cursor);
          if (nextDelimiter !== -1 && nextDelimiter < cursor) nextDelimiter = text.indexOf(delimiter, cursor);
          break;
        }
        // Neither: a quote inside the cell, which goes on.
        quote++;
      }
      continue;
    }
    if (nextDelimiter !== -1 && (nextDelimiter < nextNewline || nextNewline === -1)) {
      row.push(text.substring(cursor, nextDelimiter));
      cursor = nextDelimiter + delimiter.length;
      nextDelimiter = text.indexOf(delimiter, cursor);
      continue;
    }
    if (nextNewline !== -1) {
      row.push(text.substring(cursor, nextNewline));
      cursor = nextNewline + 1;
      save(cursor);
      nextNewline = text.indexOf("\n", cursor);
      continue;
    }
    break;
  }
  row.push(text.substring(cursor));
  save(text.length);
  return { records, unclosedQuote: false };
}
