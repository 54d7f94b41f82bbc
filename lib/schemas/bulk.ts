import { z } from "zod/mini";
import { BULK_SOURCES, type BulkSource } from "@/lib/bulk/list-format";
import { parseBulkList } from "@/lib/bulk/parse";
import { formText, invitationSettingsShape, invitationSettingsValues, organizationIdSchema, withTtl } from "./invitation-settings";
import { addIssue } from "./text";

// One schema for the bulk form and its preview action: the browser reads the list before sending it (a
// list over the limits never travels), the server reads it again.

/** The list: a CSV file's text (read in the browser) or the pasted addresses, read into rows. */
const bulkListFields = z.object({ source: z.enum(BULK_SOURCES, "Choose a CSV file or paste addresses."), text: z.string() });
const bulkListSchema = z.pipe(
  bulkListFields,
  z.transform(({ source, text }: z.output<typeof bulkListFields>, ctx) => {
    const list = parseBulkList(text, source);
    if (!list.ok) {
      addIssue(ctx, list.message);
      return z.NEVER;
    }
    return { source, rows: list.rows };
  }),
);

/** A bulk list with the settings its invitations are sent with; its roles and connection are the rows' defaults. */
const previewBulkFields = z.object({ orgId: organizationIdSchema, list: bulkListSchema, ...invitationSettingsShape });
export const previewBulkSchema = z.pipe(
  previewBulkFields,
  z.transform((input: z.output<typeof previewBulkFields>, ctx) => withTtl(input, ctx)),
);

export type PreviewBulkInput = z.input<typeof previewBulkSchema>;
export type PreviewBulk = z.output<typeof previewBulkSchema>;

export const startBulkJobSchema = z.object({ orgId: organizationIdSchema, jobId: z.uuid("Not a bulk job id.") });

/** The bulk form's fields as the schema expects them; the list's text is read from the file or the box by the form. */
export function bulkFormValues(form: FormData, list: { source: BulkSource; text: string }): PreviewBulkInput {
  return { orgId: formText(form, "orgId") ?? "", list, ...invitationSettingsValues(form) };
}
