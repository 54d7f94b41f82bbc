"use server";

// Writes only: the Policy page reads on the server through its own gate, and the client refreshes the route
// after each change. Each passes the gate, then lib/policy/admin.ts: only administrators, never looser.

import { organizationAction } from "@/lib/authz/action";
import { removePolicyTightening, tightenPolicy } from "@/lib/policy/admin";
import { removePolicyTighteningSchema, tightenPolicySchema } from "@/lib/schemas/policy";

export const tightenPolicyAction = organizationAction({ schema: tightenPolicySchema, action: "tighten_policy" }, async ({ input, ctx }) => ({
  ok: true,
  data: await tightenPolicy(ctx, input),
}));

export const removePolicyTighteningAction = organizationAction(
  { schema: removePolicyTighteningSchema, action: "remove_policy_tightening" },
  async ({ input, ctx }) => ({ ok: true, data: await removePolicyTightening(ctx, input) }),
);
