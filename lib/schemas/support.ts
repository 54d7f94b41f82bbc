import { z } from "zod/mini";
import { MAX_SEARCH, organizationIdSchema } from "./invitation";
import { MAX_REASON, MIN_REASON } from "./reason";
import { optionalText, requiredText, visibleLength } from "./text";
import { pageNumberSchema } from "./url";

// The support desk's forms and URL: the reason for acting on behalf of an organization, and the finder.

export { MAX_REASON, MIN_REASON };

/**
 * A ticket reference or free text, 5–200 characters, at least 5 of them visible: the banner, Activity and the
 * CSV show it, and a reason padded with marks or blanks that render as nothing says nothing.
 */
export const supportReasonSchema = requiredText({
  label: "reason",
  max: MAX_REASON,
  blank: "Say why you act for this organization: a ticket reference or a few words.",
}).check(
  z.refine((reason: string) => reason === "" || visibleLength(reason) >= MIN_REASON, {
    message: `The reason needs at least ${MIN_REASON} characters: a ticket reference or a few words.`,
  }),
);

/** Where to go once acting: a page of that organization, never elsewhere. */
const returnToSchema = z.pipe(
  z.optional(z.string()),
  z.transform((value: string | undefined) => (value && /^\/orgs\/org_[A-Za-z0-9]{1,46}(\/[A-Za-z0-9_/-]*)?$/.test(value) ? value : undefined)),
);

export const startActingSchema = z.object({ orgId: organizationIdSchema, reason: supportReasonSchema, returnTo: returnToSchema });
export type StartActingInput = z.input<typeof startActingSchema>;

export const stopActingSchema = z.object({ orgId: organizationIdSchema });

/** No input: the directory refresh is the same for everyone. */
export const refreshDirectorySchema = z.object({});

/** The finder's URL: what was typed, and the page. */
export const finderQuerySchema = z.object({
  q: optionalText({ label: "search", max: MAX_SEARCH }),
  page: pageNumberSchema,
});
