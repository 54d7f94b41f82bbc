import { describe, expect, it } from "vitest";
import { z } from "zod/mini";
import { CONTROL_CHARACTER, escapeInvisible, isBlank, optionalText, requiredText } from "./text";

describe("CONTROL_CHARACTER: Unicode category Cc, C0 and C1", () => {
  const code = (c: number) => String.fromCodePoint(c);
  const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);

  it.each([...range(0x00, 0x1f), ...range(0x7f, 0x9f)].map((c) => [c.toString(16).padStart(4, "0"), code(c)]))("U+%s is one", (_hex, char) => {
    expect(CONTROL_CHARACTER.test(char)).toBe(true);
  });

  it.each([
    ["space", " "],
    ["tilde, before DEL", "~"],
    ["no-break space, after C1", "\u00a0"],
    ["zero-width space (a format character, not a control)", "\u200b"],
    ["line separator", "\u2028"],
  ])("%s is not", (_name, char) => {
    expect(CONTROL_CHARACTER.test(char)).toBe(false);
  });
});

describe("isBlank: nothing left once whitespace and invisible characters are removed", () => {
  it.each([
    ["empty", ""],
    ["spaces, tab, newline", " \t\n "],
    ["zero-width space to right-to-left mark", "\u200b\u200c\u200d\u200e\u200f"],
    ["word joiner to invisible plus", "\u2060\u2061\u2062\u2063\u2064"],
    ["BOM", "\ufeff"],
    ["soft hyphen", "\u00ad"],
    ["Mongolian vowel separator", "\u180e"],
    ["bidi embedding and isolate controls", "\u202a\u202e\u2066\u2069"],
    ["Hangul filler", "\u3164"],
    ["variation selector", "\ufe0f"],
    ["a language tag (astral, Cf)", "\u{e0001}"],
    ["no-break and ideographic spaces", "\u00a0\u3000"],
    ["Braille pattern blank", "\u2800\u2800"],
    ["combining marks alone", "\u0301\u0301\u20dd"],
    ["Hangul fillers (choseong, jungseong, halfwidth)", "\u115f\u1160\uffa0"],
  ])("%s is blank", (_name, text) => {
    expect(isBlank(text)).toBe(true);
  });

  it.each([
    ["a letter among invisibles", "\u200ba\u200b"],
    ["a NUL (refused as a control, never waved through as blank)", "\u0000"],
    ["a dot", "."],
    ["a letter with a combining accent", "e\u0301"],
    ["an emoji", "👩‍💻"],
  ])("%s is not", (_name, text) => {
    expect(isBlank(text)).toBe(false);
  });
});

describe("escapeInvisible", () => {
  it.each([
    ["a NUL", "a\u0000b", "a\\u0000b"],
    ["C1 NEL", "\u0085", "\\u0085"],
    ["a newline", "a\nb", "a\\u000ab"],
    ["a zero-width space", "\u200b", "\\u200b"],
    ["an astral format character", "\u{e0001}", "\\u{e0001}"],
    ["a no-break space", "a\u00a0b", "a\\u00a0b"],
    ["visible text and plain spaces, untouched", "Ann Example <ann@example.com>", "Ann Example <ann@example.com>"],
  ])("writes out %s", (_name, text, expected) => {
    expect(escapeInvisible(text)).toBe(expected);
  });
});

describe("requiredText and optionalText on their own", () => {
  const required = z.object({ name: requiredText({ label: "name", max: 5, blank: "Enter a name." }) });
  const optional = z.object({ note: optionalText({ label: "note", max: 5 }) });
  const errors = (result: z.util.SafeParseResult<unknown>) => (result.success ? "parsed" : z.flattenError(result.error).fieldErrors);

  it.each([
    ["  abcde ", { name: "abcde" }],
    ["abcdef", { name: ["The name can be at most 5 characters."] }],
    ["\u200b\u200b\u200b\u200b\u200b\u200b", { name: ["Enter a name."] }],
    ["a\u0000", { name: ["The name cannot contain line breaks or other control characters (found \\u0000)."] }],
  ])("required %j", (name, expected) => {
    const result = required.safeParse({ name });
    expect(result.success ? result.data : errors(result)).toEqual(expected);
  });

  it.each([
    [undefined, { note: undefined }],
    ["", { note: undefined }],
    ["\u200b \ufeff", { note: undefined }],
    [" ok ", { note: "ok" }],
    ["a\u0085", { note: ["The note cannot contain line breaks or other control characters (found \\u0085)."] }],
  ])("optional %j", (note, expected) => {
    const result = optional.safeParse({ note });
    expect(result.success ? result.data : errors(result)).toEqual(expected);
  });
});
