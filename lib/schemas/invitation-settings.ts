import { z } from "zod/mini";
import { addIssue, requiredText, type TransformContext } from "./text";

// What every invitation is sent with, whether from the invite form's addresses or a bulk list's rows: the
// settings both forms share, apart from the invite form's address list (./invitation.ts), so the bulk page
// loads only what it uses.

export const MAX_ROLES = 50;
export const MAX_INVITER_NAME = 300;
/** Auth0's ceiling for ttl_sec: 30 days. */
export const MAX_TTL_SECONDS = 2_592_000;
export const EXPIRY_PRESETS = {
  "1d": { label: "1 day", seconds: 86_400 },
  "7d": { label: "7 days", seconds: 604_800 },
  "30d": { label: "30 days", seconds: MAX_TTL_SECONDS },
} as const;
const UNIT_SECONDS = { days: 86_400, hours: 3_600 } as const;

export const organizationIdSchema = z.string().check(z.regex(/^org_[A-Za-z0-9]{1,46}$/, "Not an organization id."));

/** A role id as Auth0 writes them. */
export const roleIdSchema = z.string().check(z.regex(/^rol_[A-Za-z0-9]{1,46}$/, "Not a role id."));

/**
 * Newline, comma, semicolon or space separated (any Unicode space separator, and a stray BOM). Tab, CR and LF
 * are the only control characters that separate: any other (NUL, vertical tab, NEL …) stays inside its
 * address, which is then refused by name rather than quietly split.
 */
export function splitEmails(raw: string): string[] {
  return raw.split(/[\t\n\r,;\p{Zs}\u2028\u2029\ufeff]+/u).filter(Boolean);
}

/** A checkbox: ticked is `true` or the form's "on". */
export const checkbox = z.pipe(
  z.optional(z.union([z.boolean(), z.literal("on")])),
  z.transform((value: boolean | "on" | undefined) => value === true || value === "on"),
);
/** A select's or number box's value; empty means "not chosen". */
const optionalChoice = z.pipe(
  z.optional(z.string().check(z.trim())),
  z.transform((value: string | undefined) => value || undefined),
);

/** What every invitation is sent with, whether one form's addresses or a bulk list's rows. */
export const invitationSettingsShape = {
  clientId: z.string().check(z.minLength(1, "Choose an application.")),
  connectionId: optionalChoice,
  roleIds: z._default(
    z.array(roleIdSchema).check(z.maxLength(MAX_ROLES, `Choose at most ${MAX_ROLES} roles.`)),
    [],
  ),
  expiry: z._default(z.enum(["1d", "7d", "30d", "custom"], "Choose when the invitation expires."), "7d"),
  customAmount: optionalChoice,
  customUnit: z._default(z.enum(["days", "hours"]), "days"),
  sendEmail: checkbox,
  // Auth0 takes 1–300 characters and shows the name in the invitation email.
  inviterName: requiredText({ label: "inviter name", max: MAX_INVITER_NAME, blank: "Enter the inviter name the invitee will see." }),
};

type ExpiryFields = { expiry: keyof typeof EXPIRY_PRESETS | "custom"; customAmount?: string; customUnit: keyof typeof UNIT_SECONDS };

/** The expiry fields as Auth0's ttl_sec; a custom amount out of range is an issue on `customAmount`. */
export function withTtl<T extends ExpiryFields>(input: T, ctx: TransformContext): Omit<T, keyof ExpiryFields> & { ttlSeconds: number } {
  const { customAmount, customUnit, expiry, ...rest } = input;
  if (expiry !== "custom") return { ...rest, ttlSeconds: EXPIRY_PRESETS[expiry].seconds };
  const amount = /^\d+$/.test(customAmount ?? "") ? Number(customAmount) : Number.NaN;
  if (!(amount >= 1)) {
    addIssue(ctx, "Enter a whole number of days or hours, 1 or more.", ["customAmount"]);
    return z.NEVER;
  }
  const ttlSeconds = amount * UNIT_SECONDS[customUnit];
  if (ttlSeconds > MAX_TTL_SECONDS) {
    addIssue(ctx, "An invitation can last at most 30 days (720 hours).", ["customAmount"]);
    return z.NEVER;
  }
  return { ...rest, ttlSeconds };
}

/** The settings as the schema takes them. */
type SettingsInput = { [K in keyof typeof invitationSettingsShape]: z.input<(typeof invitationSettingsShape)[K]> };

/** A form's value by name: text, or undefined for a file or a missing field. */
export function formText(form: FormData, name: string): string | undefined {
  const value = form.get(name);
  return typeof value === "string" ? value : undefined;
}

/** The settings fields as the schema expects them, from the browser's FormData (the invite and bulk forms). */
export function invitationSettingsValues(form: FormData) {
  const text = (name: string) => formText(form, name);
  return {
    clientId: text("clientId") ?? "",
    connectionId: text("connectionId"),
    roleIds: form.getAll("roleIds").filter((v): v is string => typeof v === "string"),
    expiry: (text("expiry") ?? "7d") as SettingsInput["expiry"],
    customAmount: text("customAmount"),
    customUnit: (text("customUnit") ?? "days") as SettingsInput["customUnit"],
    sendEmail: text("sendEmail") === "on",
    inviterName: text("inviterName") ?? "",
  } satisfies Partial<SettingsInput>;
}
