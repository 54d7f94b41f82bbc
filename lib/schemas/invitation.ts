import { z } from "zod";

// One schema for the invite form and the server action: the browser checks before sending, the
// server checks again, with the same messages.

export const MAX_EMAILS_PER_SUBMISSION = 50;
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

export const organizationIdSchema = z.string().regex(/^org_[A-Za-z0-9]{1,46}$/, "Not an organization id.");
export const invitationIdSchema = z.string().regex(/^uinv_[A-Za-z0-9]{1,45}$/, "Not an invitation id.");

/** Newline, comma, semicolon or space separated. */
export function splitEmails(raw: string): string[] {
  return raw.split(/[\s,;]+/).filter(Boolean);
}

const emailFormat = z.email();

const emailListSchema = z.string().transform((raw, ctx) => {
  const emails = splitEmails(raw);
  if (emails.length === 0) {
    ctx.addIssue({ code: "custom", message: "Enter at least one email address." });
    return z.NEVER;
  }
  if (emails.length > MAX_EMAILS_PER_SUBMISSION) {
    ctx.addIssue({
      code: "custom",
      message: `Enter at most ${MAX_EMAILS_PER_SUBMISSION} addresses at a time (you entered ${emails.length}).`,
    });
  }
  const seen = new Set<string>();
  for (const email of emails) {
    const key = email.toLowerCase();
    if (!emailFormat.safeParse(email).success) ctx.addIssue({ code: "custom", message: `Not a valid email address: ${email}` });
    else if (seen.has(key)) ctx.addIssue({ code: "custom", message: `Listed more than once: ${email}` });
    seen.add(key);
  }
  return emails;
});

const checkbox = z.union([z.boolean(), z.literal("on")]).optional().transform((value) => value === true || value === "on");
const optionalText = z
  .string()
  .trim()
  .optional()
  .transform((value) => value || undefined);
/** Only support staff must give one; the gate enforces that. */
export const reasonSchema = z.string().trim().max(500, "The reason can be at most 500 characters.").optional().transform((v) => v || undefined);

export const createInvitationsSchema = z
  .object({
    orgId: organizationIdSchema,
    emails: emailListSchema,
    clientId: z.string().min(1, "Choose an application."),
    connectionId: optionalText,
    roleIds: z
      .array(z.string().regex(/^rol_[A-Za-z0-9]{1,46}$/, "Not a role id."))
      .max(MAX_ROLES, `Choose at most ${MAX_ROLES} roles.`)
      .default([]),
    expiry: z.enum(["1d", "7d", "30d", "custom"], "Choose when the invitation expires.").default("7d"),
    customAmount: optionalText,
    customUnit: z.enum(["days", "hours"]).default("days"),
    sendEmail: checkbox,
    inviterName: z
      .string()
      .trim()
      .min(1, "Enter the inviter name the invitee will see.")
      .max(MAX_INVITER_NAME, `The inviter name can be at most ${MAX_INVITER_NAME} characters.`),
    replacePending: checkbox,
    reason: reasonSchema,
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
  reason: reasonSchema,
});

export const listInvitationsSchema = z.object({
  orgId: organizationIdSchema,
  page: z.coerce.number().int().min(0).max(39).default(0),
  search: z.string().trim().max(320).optional().transform((v) => v?.toLowerCase() || undefined),
});

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
    reason: text("reason"),
  };
}
