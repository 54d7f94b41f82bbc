import { z } from "zod";
import { CONTROL_CHARACTER, escapeInvisible, isBlank, optionalText, requiredText } from "./text";
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

export const organizationIdSchema = z.string().regex(/^org_[A-Za-z0-9]{1,46}$/, "Not an organization id.");
export const invitationIdSchema = z.string().regex(/^uinv_[A-Za-z0-9]{1,45}$/, "Not an invitation id.");

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
  tooMany: (count: number) => `Enter at most ${MAX_EMAILS_PER_SUBMISSION} addresses at a time (you entered ${count}).`,
  control: (email: string, char: string) => `Not a valid email address (control character ${escapeInvisible(char)}): ${shown(email)}`,
  tooLong: (email: string) => `Not a valid email address (${email.length} characters; at most ${MAX_EMAIL_LENGTH}): ${shown(email)}`,
  localPartTooLong: (email: string, local: number) =>
    `Not a valid email address (${local} characters before the @; at most ${MAX_EMAIL_LOCAL_PART}): ${shown(email)}`,
  invalid: (email: string) => `Not a valid email address: ${shown(email)}`,
  repeated: (email: string) => `Listed more than once: ${shown(email)}`,
};

const emailFormat = z.email();

/** Why one address cannot be invited, or undefined when it can. */
function addressProblem(email: string): string | undefined {
  const control = CONTROL_CHARACTER.exec(email);
  if (control) return emailMessages.control(email, control[0]);
  if (email.length > MAX_EMAIL_LENGTH) return emailMessages.tooLong(email);
  const local = email.lastIndexOf("@");
  if (local > MAX_EMAIL_LOCAL_PART) return emailMessages.localPartTooLong(email, local);
  if (!emailFormat.safeParse(email).success) return emailMessages.invalid(email);
  return undefined;
}

const emailListSchema = z.string().transform((raw, ctx) => {
  const emails = splitEmails(raw);
  if (emails.every(isBlank)) {
    ctx.addIssue({ code: "custom", message: emailMessages.none });
    return z.NEVER;
  }
  if (emails.length > MAX_EMAILS_PER_SUBMISSION) ctx.addIssue({ code: "custom", message: emailMessages.tooMany(emails.length) });
  const seen = new Set<string>();
  for (const email of emails) {
    const key = email.toLowerCase();
    const problem = addressProblem(email);
    if (problem) ctx.addIssue({ code: "custom", message: problem });
    else if (seen.has(key)) ctx.addIssue({ code: "custom", message: emailMessages.repeated(email) });
    seen.add(key);
  }
  return emails;
});

const checkbox = z.union([z.boolean(), z.literal("on")]).optional().transform((value) => value === true || value === "on");
/** A select's or number box's value; empty means "not chosen". */
const optionalChoice = z
  .string()
  .trim()
  .optional()
  .transform((value) => value || undefined);
export const createInvitationsSchema = z
  .object({
    orgId: organizationIdSchema,
    emails: emailListSchema,
    clientId: z.string().min(1, "Choose an application."),
    connectionId: optionalChoice,
    roleIds: z
      .array(z.string().regex(/^rol_[A-Za-z0-9]{1,46}$/, "Not a role id."))
      .max(MAX_ROLES, `Choose at most ${MAX_ROLES} roles.`)
      .default([]),
    expiry: z.enum(["1d", "7d", "30d", "custom"], "Choose when the invitation expires.").default("7d"),
    customAmount: optionalChoice,
    customUnit: z.enum(["days", "hours"]).default("days"),
    sendEmail: checkbox,
    // Auth0 takes 1–300 characters and shows the name in the invitation email.
    inviterName: requiredText({ label: "inviter name", max: MAX_INVITER_NAME, blank: "Enter the inviter name the invitee will see." }),
    replacePending: checkbox,
  })
  .transform((input, ctx) => {
    let ttlSeconds: number = input.expiry === "custom" ? 0 : EXPIRY_PRESETS[input.expiry].seconds;
    if (input.expiry === "custom") {
      const amount = /^\d+$/.test(input.customAmount ?? "") ? Number(input.customAmount) : Number.NaN;
      if (!(amount >= 1)) {
        ctx.addIssue({ code: "custom", path: ["customAmount"], message: "Enter a whole number of days or hours, 1 or more." });
        return z.NEVER;
      }
      ttlSeconds = amount * UNIT_SECONDS[input.customUnit];
      if (ttlSeconds > MAX_TTL_SECONDS) {
        ctx.addIssue({ code: "custom", path: ["customAmount"], message: "An invitation can last at most 30 days (720 hours)." });
        return z.NEVER;
      }
    }
    const { customAmount: _amount, customUnit: _unit, expiry: _expiry, ...rest } = input;
    return { ...rest, ttlSeconds };
  });

export type CreateInvitationsInput = z.input<typeof createInvitationsSchema>;
export type CreateInvitations = z.output<typeof createInvitationsSchema>;

export const invitationActionSchema = z.object({
  orgId: organizationIdSchema,
  invitationId: invitationIdSchema,
});

/** The invitations page's URL: filter, search, sort and page survive a reload and can be shared. */
export const invitationsQuerySchema = z.object({
  status: z.enum(["pending", "accepted", "expired", "closed", "all"]).catch("pending"),
  q: optionalText({ label: "search", max: MAX_SEARCH }).transform((v) => v?.toLowerCase()),
  sort: z.enum(["created", "expires"]).catch("created"),
  page: pageNumberSchema,
});

/** The members page's URL. */
export const membersQuerySchema = z.object({
  q: optionalText({ label: "search", max: MAX_SEARCH }),
  page: pageNumberSchema,
});

/** Renewing every expired invitation of an organization at once. */
export const renewExpiredSchema = z.object({ orgId: organizationIdSchema });

/** The form's fields as the schema expects them, from the browser's FormData or the action's. */
export function invitationFormValues(form: FormData): CreateInvitationsInput {
  const text = (name: string) => {
    const value = form.get(name);
    return typeof value === "string" ? value : undefined;
  };
  return {
    orgId: text("orgId") ?? "",
    emails: text("emails") ?? "",
    clientId: text("clientId") ?? "",
    connectionId: text("connectionId"),
    roleIds: form.getAll("roleIds").filter((v): v is string => typeof v === "string"),
    expiry: (text("expiry") ?? "7d") as CreateInvitationsInput["expiry"],
    customAmount: text("customAmount"),
    customUnit: (text("customUnit") ?? "days") as CreateInvitationsInput["customUnit"],
    sendEmail: text("sendEmail") === "on",
    inviterName: text("inviterName") ?? "",
    replacePending: text("replacePending") === "on",
  };
}
