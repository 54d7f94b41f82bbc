import { z } from "zod/mini";
import { addIssue, CONTROL_CHARACTER, escapeInvisible, isBlank, optionalText, requiredText, type TransformContext } from "./text";
import { pageNumberSchema } from "./url";

// One schema for the invite form and the server action: the browser checks before sending, the
// server checks again, with the same messages.

export const MAX_EMAILS_PER_SUBMISSION = 50;
export const MAX_ROLES = 50;
export const MAX_INVITER_NAME = 300;
/** Generous: more than any address can be (below), so no real search is refused. */
export const MAX_SEARCH = 320;
/**
 * RFC 5321 §4.5.3.1: a local part is at most 64 octets, and a path at most 256 including its angle brackets,
 * which leaves 254 for the address. Counted in characters: only ASCII passes the format check anyway.
 */
export const MAX_EMAIL_LOCAL_PART = 64;
export const MAX_EMAIL_LENGTH = 254;
/** How much of an address an error message repeats: a 5,000-character paste must not flood the form. */
const SHOWN_ADDRESS = 40;
/** Auth0's ceiling for ttl_sec: 30 days. */
export const MAX_TTL_SECONDS = 2_592_000;
export const EXPIRY_PRESETS = {
  "1d": { label: "1 day", seconds: 86_400 },
  "7d": { label: "7 days", seconds: 604_800 },
  "30d": { label: "30 days", seconds: MAX_TTL_SECONDS },
} as const;
const UNIT_SECONDS = { days: 86_400, hours: 3_600 } as const;

export const organizationIdSchema = z.string().check(z.regex(/^org_[A-Za-z0-9]{1,46}$/, "Not an organization id."));
export const invitationIdSchema = z.string().check(z.regex(/^uinv_[A-Za-z0-9]{1,45}$/, "Not an invitation id."));

/**
 * Newline, comma, semicolon or space separated (any Unicode space separator, and a stray BOM). Tab, CR and LF
 * are the only control characters that separate: any other (NUL, vertical tab, NEL …) stays inside its
 * address, which is then refused by name rather than quietly split.
 */
export function splitEmails(raw: string): string[] {
  return raw.split(/[\t\n\r,;\p{Zs}\u2028\u2029\ufeff]+/u).filter(Boolean);
}

/** An address as a message repeats it: cut short, invisible characters written out (`\u200b`). */
function shown(email: string): string {
  const chars = [...email];
  return escapeInvisible(chars.length > SHOWN_ADDRESS ? `${chars.slice(0, SHOWN_ADDRESS).join("")}…` : email);
}

export const emailMessages = {
  none: "Enter at least one email address.",
  tooMany: (count: number) =>
    `Enter at most ${MAX_EMAILS_PER_SUBMISSION} addresses at a time (you entered ${count}). For more, use "Invite many (CSV)".`,
  control: (email: string, char: string) => `Not a valid email address (control character ${escapeInvisible(char)}): ${shown(email)}`,
  tooLong: (email: string) => `Not a valid email address (${email.length} characters; at most ${MAX_EMAIL_LENGTH}): ${shown(email)}`,
  localPartTooLong: (email: string, local: number) =>
    `Not a valid email address (${local} characters before the @; at most ${MAX_EMAIL_LOCAL_PART}): ${shown(email)}`,
  invalid: (email: string) => `Not a valid email address: ${shown(email)}`,
  repeated: (email: string) => `Listed more than once: ${shown(email)}`,
};

const emailFormat = z.email();

/** Why one address cannot be invited, or undefined when it can. */
export function addressProblem(email: string): string | undefined {
  const control = CONTROL_CHARACTER.exec(email);
  if (control) return emailMessages.control(email, control[0]);
  if (email.length > MAX_EMAIL_LENGTH) return emailMessages.tooLong(email);
  const local = email.lastIndexOf("@");
  if (local > MAX_EMAIL_LOCAL_PART) return emailMessages.localPartTooLong(email, local);
  if (!emailFormat.safeParse(email).success) return emailMessages.invalid(email);
  return undefined;
}

/** An address of the list that is not sent, with why: a bad address is not invited, a repeat is skipped. */
export type UnsentAddress = { email: string; status: "failed" | "skipped"; message: string };

/**
 * The addresses to invite, and those that will not be, with why: one bad address does not hold back the
 * others. Only a list with nothing left to invite (or over the limit) is refused.
 */
const emailListSchema = z.pipe(
  z.string(),
  z.transform((raw: string, ctx) => {
    const entries = splitEmails(raw);
    if (entries.every(isBlank)) {
      addIssue(ctx, emailMessages.none);
      return z.NEVER;
    }
    if (entries.length > MAX_EMAILS_PER_SUBMISSION) {
      addIssue(ctx, emailMessages.tooMany(entries.length));
      return z.NEVER;
    }
    const valid: string[] = [];
    const unsent: UnsentAddress[] = [];
    const seen = new Set<string>();
    for (const email of entries) {
      const key = email.toLowerCase();
      const problem = addressProblem(email);
      if (problem) unsent.push({ email, status: "failed", message: problem });
      else if (seen.has(key)) unsent.push({ email, status: "skipped", message: emailMessages.repeated(email) });
      else valid.push(email);
      seen.add(key);
    }
    if (valid.length === 0) {
      for (const { message } of unsent) addIssue(ctx, message);
      return z.NEVER;
    }
    return { valid, unsent };
  }),
);

const checkbox = z.pipe(
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
    z.array(z.string().check(z.regex(/^rol_[A-Za-z0-9]{1,46}$/, "Not a role id."))).check(z.maxLength(MAX_ROLES, `Choose at most ${MAX_ROLES} roles.`)),
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

const createInvitationsFields = z.object({
  orgId: organizationIdSchema,
  emails: emailListSchema,
  ...invitationSettingsShape,
  replacePending: checkbox,
});
export const createInvitationsSchema = z.pipe(
  createInvitationsFields,
  z.transform(({ emails, ...input }: z.output<typeof createInvitationsFields>, ctx) => ({
    ...withTtl(input, ctx),
    emails: emails.valid,
    unsent: emails.unsent,
  })),
);

export type CreateInvitationsInput = z.input<typeof createInvitationsSchema>;
export type CreateInvitations = z.output<typeof createInvitationsSchema>;

export const invitationActionSchema = z.object({
  orgId: organizationIdSchema,
  invitationId: invitationIdSchema,
});

/** The invitations page's URL: filter, search, sort and page survive a reload and can be shared. */
export const invitationsQuerySchema = z.object({
  status: z.catch(z.enum(["pending", "accepted", "expired", "closed", "all"]), "pending"),
  q: z.pipe(optionalText({ label: "search", max: MAX_SEARCH }), z.transform((v: string | undefined) => v?.toLowerCase())),
  sort: z.catch(z.enum(["created", "expires"]), "created"),
  page: pageNumberSchema,
});

/** The members page's URL. */
export const membersQuerySchema = z.object({
  q: optionalText({ label: "search", max: MAX_SEARCH }),
  page: pageNumberSchema,
});

/** Renewing every expired invitation of an organization at once. */
export const renewExpiredSchema = z.object({ orgId: organizationIdSchema });

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
    expiry: (text("expiry") ?? "7d") as CreateInvitationsInput["expiry"],
    customAmount: text("customAmount"),
    customUnit: (text("customUnit") ?? "days") as CreateInvitationsInput["customUnit"],
    sendEmail: text("sendEmail") === "on",
    inviterName: text("inviterName") ?? "",
  } satisfies Partial<CreateInvitationsInput>;
}

/** The invite form's fields as the schema expects them. */
export function invitationFormValues(form: FormData): CreateInvitationsInput {
  return {
    orgId: formText(form, "orgId") ?? "",
    emails: formText(form, "emails") ?? "",
    ...invitationSettingsValues(form),
    replacePending: formText(form, "replacePending") === "on",
  };
}
