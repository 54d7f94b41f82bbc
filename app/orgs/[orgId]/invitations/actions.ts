"use server";

// Writes only: the invitations page reads on the server through its own gate, and the client refreshes
// the route after each change.

import { organizationAction, type FieldErrors } from "@/lib/authz/action";
import { approveRequest, denyRequest } from "@/lib/invitations/approvals";
import { copyInvitationLink, renewExpired } from "@/lib/invitations/renew";
import { reinvitable, reinvite, resendInvitation, revokeInvitation } from "@/lib/invitations/change";
import { createInvitations, type InviteOutcome } from "@/lib/invitations/create";
import { requestLedgerRefresh } from "@/lib/ledger/refresh-queue";
import { createInvitationsSchema, decideRequestSchema, invitationActionSchema, refreshFromAuth0Schema, renewExpiredSchema } from "@/lib/schemas/invitation";

export type CreateInvitationsResult = { outcomes: InviteOutcome[]; fieldErrors: FieldErrors };

export const createInvitationsAction = organizationAction({ schema: createInvitationsSchema, action: "invite" }, async ({ input, ctx }) => {
  // The addresses the schema set aside (bad, repeated) are listed first: they are the ones to act on.
  const outcomes: InviteOutcome[] = [...input.unsent, ...(await createInvitations(ctx, input))];
  // An Auth0 error about a field (say, a connection deleted meanwhile) is shown under that field too.
  const fieldErrors: FieldErrors = {};
  for (const outcome of outcomes) {
    if (outcome.field && outcome.message && !fieldErrors[outcome.field]?.includes(outcome.message)) {
      fieldErrors[outcome.field] = [...(fieldErrors[outcome.field] ?? []), outcome.message];
    }
  }
  return { ok: true, data: { outcomes, fieldErrors } satisfies CreateInvitationsResult };
});

export const revokeInvitationAction = organizationAction({ schema: invitationActionSchema, action: "revoke" }, async ({ input, ctx }) => ({
  ok: true,
  data: await revokeInvitation(ctx, input.invitationId),
}));

export const resendInvitationAction = organizationAction({ schema: invitationActionSchema, action: "resend" }, async ({ input, ctx }) => ({
  ok: true,
  data: await resendInvitation(ctx, input.invitationId),
}));

export const reinviteAction = organizationAction({ schema: invitationActionSchema, action: "reinvite" }, async ({ input, ctx }) => ({
  ok: true,
  data: await reinvite(ctx, await reinvitable(ctx, input.invitationId)),
}));

export const renewExpiredAction = organizationAction({ schema: renewExpiredSchema, action: "reinvite" }, async ({ ctx }) => ({
  ok: true,
  data: await renewExpired(ctx),
}));

export const copyInvitationLinkAction = organizationAction({ schema: invitationActionSchema, action: "copy_link" }, async ({ input, ctx }) => ({
  ok: true,
  data: await copyInvitationLink(ctx, input.invitationId),
}));

export const copyLandingPageLinkAction = organizationAction({ schema: invitationActionSchema, action: "copy_link" }, async ({ input, ctx }) => ({
  ok: true,
  data: await copyInvitationLink(ctx, input.invitationId, { landingPage: true }),
}));

export const refreshFromAuth0Action = organizationAction({ schema: refreshFromAuth0Schema, action: "refresh_ledger" }, async ({ ctx }) => {
  // Only asks: the refresh runs in the background, and the page updates itself when it lands.
  await requestLedgerRefresh(ctx);
  return { ok: true, data: null };
});

export const approveRequestAction = organizationAction({ schema: decideRequestSchema, action: "approve" }, async ({ input, ctx }) => ({
  ok: true,
  data: await approveRequest(ctx, input.requestId, input.note),
}));

export const denyRequestAction = organizationAction({ schema: decideRequestSchema, action: "deny" }, async ({ input, ctx }) => ({
  ok: true,
  data: await denyRequest(ctx, input.requestId, input.note),
}));
