import { z } from "zod/mini";
import type { FieldErrors } from "@/lib/authz/action";

/** A failed check's messages by field, as forms show them under their fields; the browser and the server read them alike. */
export function fieldErrorsOf(error: z.core.$ZodError): FieldErrors {
  return z.flattenError(error).fieldErrors as FieldErrors;
}
