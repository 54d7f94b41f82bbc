import Papa from "papaparse";
import { describe, expect, it } from "vitest";
import { readCsv } from "./csv";

// readCsv replaced papaparse in the bulk list's reader: it must read what papaparse read, malformed quoting
// included, since a file's rows and line numbers are what the preview names.

/** What papaparse 5.7 read with the options parse.ts gave it: each record and where it ends, and an open quote. */
function papaparse(text: string, delimiter: string) {
  const records: { cells: string[]; end: number }[] = [];
  let unclosedQuote = false;
  Papa.parse<string[]>(text, {
    delimiter,
    newline: "\n",
    step: (result) => {
      if (result.errors.some((error) => error.code === "MissingQuotes")) unclosedQuote = true;
      records.push({ cells: result.data, end: result.meta.cursor });
    },
  });
  return { records, unclosedQuote };
}

/** A small deterministic generator (mulberry32), so a failure can be replayed. */
function random(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe("readCsv", () => {
  it.each([
    ["email,name\nann@acme.test,Ann\n", ","],
    ['email,name\nann@acme.test,"Lee, Ann ""Annie"""\n', ","],
    ['email;name\n"ann@acme.test";"two\nlines"\nbob@acme.test;Bob', ";"],
    ['email\tname\n"ann@acme.test"  \t Ann\n', "\t"],
    ['email,name\n"ann@acme.test" ,Ann', ","],
    ['email,name\n"ann"x"@acme.test",Ann\n', ","],
    ['email,name\n"never closed,Ann\nbob@acme.test,Bob', ","],
    ['email,name\nann@acme.test,"', ","],
    ['"', ","],
    ["", ","],
    ["\n\n", ","],
  ])("reads %j as papaparse does", (text, delimiter) => {
    expect(readCsv(text, delimiter)).toEqual(papaparse(text, delimiter));
  });

  it("reads 20,000 generated files of quotes, separators, blanks and line breaks as papaparse does", () => {
    const next = random(20_260_101);
    const alphabet = ['"', '"', '"', ",", ";", "\t", "\n", "\n", " ", "a", "b", "@", "."];
    let compared = 0;
    for (let i = 0; i < 20_000; i++) {
      const length = Math.floor(next() * 24);
      let text = "";
      for (let j = 0; j < length; j++) text += alphabet[Math.floor(next() * alphabet.length)];
      const delimiter = [",", ";", "\t"][i % 3]!;
      const ours = readCsv(text, delimiter);
      const theirs = papaparse(text, delimiter);
      if (JSON.stringify(ours) !== JSON.stringify(theirs)) expect({ text, delimiter, ours }).toEqual({ text, delimiter, ours: theirs });
      compared++;
    }
    expect(compared).toBe(20_000);
  });
});
