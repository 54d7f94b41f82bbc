import type { FieldErrors } from "@/lib/authz/action";
import { fieldErrorsOf } from "@/lib/schemas/field-errors";
import { startActingSchema, type StartActingInput } from "@/lib/schemas/support";

/** The reason form's check in the browser, with the schema the server uses: the errors by field, or null. */
export function startActingErrors(input: StartActingInput): FieldErrors | null {
  const check = startActingSchema.safeParse(input);
  return check.success ? null : fieldErrorsOf(check.error);
}
