// What the landing page tells the invitee about their invitation, from its status in the ledger: open (Continue
// leads on to Auth0), or closed with what happened in plain words and whom to ask (the inviter, by the name
// the invitation carries).
import type { InvitationStatus } from "@/lib/ledger/status";

export type LandingState =
  | { open: true }
  | { open: false; heading: string; message: string };

const closed = (heading: string, message: string): LandingState => ({ open: false, heading, message });

export function landingState(invitation: { status: string; expiresAt: Date; inviterName: string }, now: Date): LandingState {
  const ask = invitation.inviterName;
  const status = invitation.status as InvitationStatus;
  if (status === "pending" && invitation.expiresAt.getTime() > now.getTime()) return { open: true };
  switch (status) {
    case "pending":
    case "expired":
      return closed("This invitation has expired", `Ask ${ask} to send you a new one.`);
    case "accepted":
      return closed("This invitation has already been accepted", `If that was not you, or you cannot sign in, ask ${ask}.`);
    case "revoked":
      return closed("This invitation was revoked", `Ask ${ask} whether you should still join.`);
    case "replaced":
      return closed("This invitation was replaced by a newer one", `Use the link in the newest invitation email you received, or ask ${ask} for a new one.`);
    case "consumed":
      return closed(
        "This invitation was used up by another account",
        `Someone opened it while signed in with a different account, so it can no longer be used. Ask ${ask} to send you a new one.`,
      );
    case "removed":
      return closed("This invitation was withdrawn", `Ask ${ask} whether you should still join.`);
    case "awaiting_approval":
      return closed("This invitation is awaiting approval", `It can be used once an administrator approves it. Ask ${ask} about it.`);
    case "approved":
      return closed("This invitation was approved and sent again", `Use the link in the newest invitation email you received, or ask ${ask}.`);
    case "denied":
      return closed("This invitation was not approved", `Ask ${ask} whether you should still join.`);
    case "request_expired":
      return closed("This invitation was never approved and has expired", `Ask ${ask} to send you a new one.`);
    default:
      return closed("This invitation cannot be used", `Ask ${ask} for a new one.`);
  }
}
