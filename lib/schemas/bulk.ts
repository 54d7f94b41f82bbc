import { z } from "zod";
import { BULK_SOURCES, parseBulkList, type BulkSource } from "@/lib/bulk/parse";
import { formText, invitationSettingsShape, invitationSettingsValues, organizationIdSchema, withTtl } from "./invitation";

// One schema for the bulk form and its preview action: the browser reads the list before sending it (a
// list over the limits never travels), the server reads it again.

/** The list: a CSV file's text (read in the browser) or the pasted addresses, read into rows. */
const bulkListSchema = z
  .object({ source: z.enum(BULK_SOURCES, "Choose a CSV file or paste addresses."), text: z.string() })
  .transform(({ source, text }, ctx) => {
    const list = parseBulkList(text, source);
    if (!list.ok) {
      ctx.addIssue({ code: "custom", message: list.message });
      return z.NEVER;
    }
    return { source, rows: list.rows };
  });

/** A bulk list with the settings its invitations are sent with; its roles and connection are the rows' defaults. */
export const previewBulkSchema = z
  .object({ orgId: organizationIdSchema, list: bulkListSchema, ...invitationSettingsShape })
  .transform((input, ctx) => withTtl(input, ctx));

export type PreviewBulkInput = z.input<typeof previewBulkSchema>;
export type PreviewBulk = z.output<typeof previewBulkSchema>;

export const startBulkJobSchema = z.object({ orgId: organizationIdSchema, jobId: z.uuid("Not a bulk job id.") });

/** The bulk form's fields as the schema expects them; the list's text is read from the file or the box by the form. */
export function bulkFormValues(form: FormData, list: { source: BulkSource; text: string }): PreviewBulkInput {
  return { orgId: formText(form, "orgId") ?? "", list, ...invitationSettingsValues(form) };
}
