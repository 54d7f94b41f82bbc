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
    ["\t=1", "'\t=1"],
    ["\r=1", `"'\r=1"`],
    ["a=1", "a=1"],
  ])("%j is neutralised as %j, so a spreadsheet shows it as text", (value, field) => {
    expect(csvField(value)).toBe(field);
  });
});

describe("toCsv", () => {
  it("joins fields with commas and records with CRLF, ending in one", () => {
    expect(toCsv([["a", "b"], ["1", "x,y"]])).toBe('a,b\r\n1,"x,y"\r\n');
    expect(toCsv([])).toBe("");
  });
});
