import { z } from "zod/mini";
import { checkbox, formText, invitationSettingsShape, invitationSettingsValues, organizationIdSchema, splitEmails, withTtl } from "./invitation-settings";
import { addIssue, CONTROL_CHARACTER, escapeInvisible, isBlank, optionalText } from "./text";
import { pageNumberSchema, pageSizeSchema, type PageSize } from "./url";

export {
  EXPIRY_PRESETS,
  MAX_INVITER_NAME,
  MAX_ROLES,
  MAX_TTL_SECONDS,
  formText,
  invitationSettingsShape,
  invitationSettingsValues,
  organizationIdSchema,
  splitEmails,
  withTtl,
} from "./invitation-settings";

// One schema for the invite form and the server action: the browser checks before sending, the
// server checks again, with the same messages.

export const MAX_EMAILS_PER_SUBMISSION = 50;
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

export const invitationIdSchema = z.string().check(z.regex(/^uinv_[A-Za-z0-9]{1,45}$/, "Not an invitation id."));
/** A request for approval's id in the ledger (lib/ledger/approvals.ts); Auth0 never sees it. */
export const requestIdSchema = z.string().check(z.regex(/^req_[A-Za-z0-9]{1,45}$/, "Not a request id."));
/** What the ledger's history page opens: an invitation, or a request for one. */
export const ledgerEntryIdSchema = z.union([invitationIdSchema, requestIdSchema]);
export const MAX_APPROVAL_NOTE = 500;

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

/** An approver's answer to a request: approve or deny, with a note for the requester if they like. */
export const decideRequestSchema = z.object({
  orgId: organizationIdSchema,
  requestId: requestIdSchema,
  note: optionalText({ label: "note", max: MAX_APPROVAL_NOTE }),
});

/** The invitations page's URL: filter, search, sort and page survive a reload and can be shared. */
/** How many invitations a page of the list shows unless the URL chooses another of PAGE_SIZES. */
export const INVITATIONS_PAGE_SIZE: PageSize = 25;

export const invitationsQuerySchema = z.object({
  status: z.catch(z.enum(["pending", "awaiting", "accepted", "expired", "closed", "all"]), "pending"),
  q: z.pipe(optionalText({ label: "search", max: MAX_SEARCH }), z.transform((v: string | undefined) => v?.toLowerCase())),
  sort: z.catch(z.enum(["created", "expires"]), "created"),
  page: pageNumberSchema,
  size: pageSizeSchema(INVITATIONS_PAGE_SIZE),
});

/** Renewing every expired invitation of an organization at once. */
export const renewExpiredSchema = z.object({ orgId: organizationIdSchema });
export const refreshFromAuth0Schema = z.object({ orgId: organizationIdSchema });

/** The invite form's fields as the schema expects them. */
export function invitationFormValues(form: FormData): CreateInvitationsInput {
  return {
    orgId: formText(form, "orgId") ?? "",
    emails: formText(form, "emails") ?? "",
    ...invitationSettingsValues(form),
    replacePending: formText(form, "replacePending") === "on",
  };
}
