import { z } from "zod/mini";

// The rules every free text the app stores or sends to Auth0 follows, so the browser and the server
// refuse the same input with the same message under the field.
// The schemas use zod/mini, zod's tree-shakable functional API on the same engine: the forms ship it to the
// browser, where the full API cost every organization page 13 kB more gzipped JavaScript (`npm run size`).

/**
 * Unicode's control characters (general category Cc): C0 U+0000–U+001F, DEL U+007F and C1 U+0080–U+009F.
 * None of our texts is multi-line, and a NUL or an escape sequence must never reach Auth0, the store or a log.
 */
export const CONTROL_CHARACTER = /[\u0000-\u001f\u007f-\u009f]/;

/**
 * Characters that render as nothing: whitespace, Unicode format characters (category Cf: zero-width space,
 * bidi marks, word joiner, BOM, soft hyphen, Mongolian vowel separator …) and the rest of Unicode's
 * Default_Ignorable_Code_Point set (Hangul fillers, variation selectors, combining grapheme joiner).
 */
const INVISIBLE = /[\s\p{Cf}\p{Default_Ignorable_Code_Point}]/gu;

/**
 * What leaves nothing to see on its own, besides the invisible characters above: combining marks (category M,
 * which only decorate the character before them; six U+0301 show as nothing readable) and the Braille pattern
 * blank U+2800, which fonts draw empty. The Hangul fillers are Default_Ignorable already.
 */
const UNSEEN = new RegExp(`${INVISIBLE.source}|[\\p{M}\\u2800]`, "gu");

/** How many characters one sees: combining marks and whitespace not counted, so "T-47" plus accents is 4. */
export function visibleLength(text: string): number {
  return [...text.replace(UNSEEN, "")].length;
}

/** True when nothing would be seen: a reason of "\u200b", or of six Braille blanks, is no reason. */
export function isBlank(text: string): boolean {
  return visibleLength(text) === 0;
}

/** Control and invisible characters written as `\u0000`, so a message shows what is wrong with the text. */
export function escapeInvisible(text: string): string {
  return text.replace(new RegExp(`${CONTROL_CHARACTER.source}|${INVISIBLE.source}`, "gu"), (char) => {
    const code = char.codePointAt(0)!;
    if (char === " ") return char;
    return code > 0xffff ? `\\u{${code.toString(16)}}` : `\\u${code.toString(16).padStart(4, "0")}`;
  });
}

export const textMessages = {
  control: (label: string, char: string) =>
    `The ${label} cannot contain line breaks or other control characters (found ${escapeInvisible(char)}).`,
  tooLong: (label: string, max: number) => `The ${label} can be at most ${max} characters.`,
};

/** What a zod/mini transform receives: the value being parsed and the issues found so far. */
export type TransformContext = z.core.ParsePayload;

/** Reports a problem from inside a transform (zod/mini's transforms have no `ctx.addIssue`). */
export function addIssue(ctx: TransformContext, message: string, path?: PropertyKey[]): void {
  ctx.issues.push({ code: "custom", ...(path && { path }), message, input: ctx.value });
}

type TextRules = { /** As it reads in a sentence: "inviter name". */ label: string; max: number };

/** Trimmed text, refused on control characters or length; blank (invisible-only) text comes back as "". */
function checked(value: string, ctx: TransformContext, { label, max }: TextRules): string {
  const control = CONTROL_CHARACTER.exec(value);
  if (control) {
    addIssue(ctx, textMessages.control(label, control[0]));
    return value;
  }
  if (isBlank(value)) return "";
  if (value.length > max) addIssue(ctx, textMessages.tooLong(label, max));
  return value;
}

/** A required one-line text: blank, even if only invisibly so, gets the `blank` message ("Enter …"). */
export function requiredText(rules: TextRules & { blank: string }) {
  return z.pipe(
    z.string(rules.blank).check(z.trim()),
    z.transform((value: string, ctx) => {
      const text = checked(value, ctx, rules);
      if (text === "") addIssue(ctx, rules.blank);
      return text;
    }),
  );
}

/**
 * An optional one-line text: absent, empty or invisible-only parses to `undefined`, so a check that needs the
 * text (the gate's "support staff must give a reason") sees none.
 */
export function optionalText(rules: TextRules) {
  return z.pipe(
    z.optional(z.string().check(z.trim())),
    z.transform((value: string | undefined, ctx) => (value === undefined ? undefined : checked(value, ctx, rules) || undefined)),
  );
}
