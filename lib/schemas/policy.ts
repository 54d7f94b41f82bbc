import { z } from "zod/mini";
import { POLICY_LIMITS } from "@/lib/policy/limits";
import { organizationIdSchema } from "./invitation-settings";
import { requiredText } from "./text";

// The Policy page's tightening form and its server actions. The value is written in the organization
// metadata's own syntax (README, "Delegation policy"); the server reads it with the metadata's parser and
// refuses, next to the field, a value that does not parse or that would loosen the operator's.

/** An Auth0 metadata value's length, the syntax the value shares. */
export const MAX_POLICY_VALUE = 255;

const limitSchema = z.enum(POLICY_LIMITS, "Choose a limit of the delegation policy.");

export const tightenPolicySchema = z.object({
  orgId: organizationIdSchema,
  limit: limitSchema,
  value: requiredText({ label: "value", max: MAX_POLICY_VALUE, blank: "Enter the tighter value, or choose it." }),
});

export const removePolicyTighteningSchema = z.object({ orgId: organizationIdSchema, limit: limitSchema });

/** The form's fields as the schema takes them: several checked boxes (roles) are one comma-separated value. */
export function tightenPolicyValues(form: FormData) {
  const text = (name: string) => {
    const value = form.get(name);
    return typeof value === "string" ? value : "";
  };
  const values = form.getAll("value").filter((value): value is string => typeof value === "string");
  return { orgId: text("orgId"), limit: text("limit") as z.input<typeof limitSchema>, value: values.join(",") };
}
