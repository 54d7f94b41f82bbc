import { z } from "zod";

// The rules every free text the app stores or sends to Auth0 follows, so the browser and the server
// refuse the same input with the same message under the field.

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

/** True when nothing would be seen: a reason of "\u200b" is no reason. */
export function isBlank(text: string): boolean {
  return text.replace(INVISIBLE, "") === "";
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

type TextRules = { /** As it reads in a sentence: "inviter name". */ label: string; max: number };

/** Trimmed text, refused on control characters or length; blank (invisible-only) text comes back as "". */
function checked(value: string, ctx: z.RefinementCtx, { label, max }: TextRules): string {
  const control = CONTROL_CHARACTER.exec(value);
  if (control) {
    ctx.addIssue({ code: "custom", message: textMessages.control(label, control[0]) });
    return value;
  }
  if (isBlank(value)) return "";
  if (value.length > max) ctx.addIssue({ code: "custom", message: textMessages.tooLong(label, max) });
  return value;
}

/** A required one-line text: blank, even if only invisibly so, gets the `blank` message ("Enter …"). */
export function requiredText(rules: TextRules & { blank: string }) {
  return z
    .string(rules.blank)
    .trim()
    .transform((value, ctx) => {
      const text = checked(value, ctx, rules);
      if (text === "") ctx.addIssue({ code: "custom", message: rules.blank });
      return text;
    });
}

/**
 * An optional one-line text: absent, empty or invisible-only parses to `undefined`, so a check that needs the
 * text (the gate's "support staff must give a reason") sees none.
 */
export function optionalText(rules: TextRules) {
  return z
    .string()
    .trim()
    .optional()
    .transform((value, ctx) => (value === undefined ? undefined : checked(value, ctx, rules) || undefined));
}
