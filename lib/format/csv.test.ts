import { describe, expect, it } from "vitest";
import { csvField, toCsv } from "./csv";

describe("csvField", () => {
  it.each([
    ["plain", "plain"],
    ["", ""],
    [null, ""],
    [undefined, ""],
    [42, "42"],
    ["a,b", '"a,b"'],
    ['say "hi"', '"say ""hi"""'],
    ["two\nlines", '"two\nlines"'],
    ["cr\rhere", '"cr\rhere"'],
    ["x@y.test", "x@y.test"],
  ])("%j → %j (RFC 4180: quoted only when it must be, quotes doubled)", (value, field) => {
    expect(csvField(value)).toBe(field);
  });

  it.each([
    ["=HYPERLINK(\"http://evil.test\",\"click\")", `"'=HYPERLINK(""http://evil.test"",""click"")"`],
    ["=1+2", "'=1+2"],
    ["+1", "'+1"],
    ["-2+3", "'-2+3"],
    ["@SUM(A1)", "'@SUM(A1)"],
    ["\t=1", `"'\t'=1"`],
    ["\r=1", `"'\r'=1"`],
    ["a=1", "a=1"],
  ])("%j is neutralised as %j, so a spreadsheet shows it as text", (value, field) => {
    expect(csvField(value)).toBe(field);
  });

  // Spreadsheets set to split on ";" or tabs (Excel's default in many locales) read each part as a cell of its own.
  it.each([
    ["a;=1+2", `"a;'=1+2"`],
    ["a\t=1+2", `"a\t'=1+2"`],
    ["a,@SUM(A1)", `"a,'@SUM(A1)"`],
    ["=1;-2;+3", `"'=1;'-2;'+3"`],
    ["two\n=lines", `"two\n'=lines"`],
    ["a;b", `"a;b"`],
    ["a\tb", `"a\tb"`],
    ["a;b=1", `"a;b=1"`],
  ])("%j, holding a separator, is quoted with a formula at the start of any part neutralised: %j", (value, field) => {
    expect(csvField(value)).toBe(field);
  });
});

describe("toCsv", () => {
  it("starts with a byte-order mark, joins fields with commas and records with CRLF, ending in one", () => {
    expect(toCsv([["a", "b"], ["1", "x,y"]])).toBe('\ufeffa,b\r\n1,"x,y"\r\n');
    expect(toCsv([])).toBe("\ufeff");
  });

  it("encodes as UTF-8 with its byte-order mark, which Excel needs to show “—” rather than “â€””", () => {
    const bytes = new TextEncoder().encode(toCsv([["a — b"]]));
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(new TextDecoder().decode(bytes)).toBe("a — b\r\n");
  });
});
