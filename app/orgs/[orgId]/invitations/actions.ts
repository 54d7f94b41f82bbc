"use server";

// Every page here renders per request and the table reads through react-query, which the client
// invalidates after each change; so no revalidatePath (it would re-render the page and re-run its gate).

import { inviterAction, type FieldErrors } from "@/lib/authz/action";
import { resendInvitation, revokeInvitation } from "@/lib/invitations/change";
import { createInvitations, type InviteOutcome } from "@/lib/invitations/create";
import { listInvitations } from "@/lib/invitations/list";
import { createInvitationsSchema, invitationActionSchema, listInvitationsSchema } from "@/lib/schemas/invitation";

export const listInvitationsAction = inviterAction({ schema: listInvitationsSchema, action: "view" }, async ({ input, ctx }) => ({
  ok: true,
  data: await listInvitations(ctx.orgId, input.page, input.search),
}));

export type CreateInvitationsResult = { outcomes: InviteOutcome[]; fieldErrors: FieldErrors };

export const createInvitationsAction = inviterAction({ schema: createInvitationsSchema, action: "invite" }, async ({ input, ctx }) => {
  const outcomes = await createInvitations(ctx, input);
  // An Auth0 error about a field (say, a connection deleted meanwhile) is shown under that field too.
  const fieldErrors: FieldErrors = {};
  for (const outcome of outcomes) {
    if (outcome.field && outcome.message && !fieldErrors[outcome.field]?.includes(outcome.message)) {
      fieldErrors[outcome.field] = [...(fieldErrors[outcome.field] ?? []), outcome.message];
    }
  }
  return { ok: true, data: { outcomes, fieldErrors } satisfies CreateInvitationsResult };
});

export const revokeInvitationAction = inviterAction({ schema: invitationActionSchema, action: "revoke" }, async ({ input, ctx }) => {
  const data = await revokeInvitation(ctx, input.invitationId);
  return { ok: true, data };
});

export const resendInvitationAction = inviterAction({ schema: invitationActionSchema, action: "resend" }, async ({ input, ctx }) => {
  const data = await resendInvitation(ctx, input.invitationId);
  return { ok: true, data };
});
