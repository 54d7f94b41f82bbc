import type { FieldErrors } from "@/lib/authz/action";
import type { BulkSource } from "@/lib/bulk/list-format";
import { fieldErrorsOf } from "@/lib/schemas/field-errors";
import { bulkFormValues, previewBulkSchema, type PreviewBulkInput } from "@/lib/schemas/bulk";

type Checked = { ok: true; values: PreviewBulkInput; rows: number } | { ok: false; errors: FieldErrors };

/** The bulk form's check in the browser, with the schema the preview action uses: what to send and its rows, or the errors by field. */
export function checkBulkForm(form: FormData, list: { source: BulkSource; text: string }): Checked {
  const values = bulkFormValues(form, list);
  const check = previewBulkSchema.safeParse(values);
  if (!check.success) return { ok: false, errors: fieldErrorsOf(check.error) };
  return { ok: true, values, rows: check.data.list.rows.length };
}
