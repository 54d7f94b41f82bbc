// What a notice says, in the home page's list and in the email alike. Pure.
import { auth0UserText } from "@/lib/format/auth0-user";

export type NoticeFacts = {
  eventType: string;
  organizationName: string;
  inviteeEmail: string;
  byName: string | null;
  byId: string | null;
  recipientRole: string;
};

/** The Auth0 user named in the tenant log. */
const triedBy = ({ byName, byId }: Pick<NoticeFacts, "byName" | "byId">) => auth0UserText({ name: byName, id: byId });

/** What happened; `naming: false` leaves out the account's self-chosen name (an email's subject line). */
export function noticeHeadline(notice: NoticeFacts, { naming = true } = {}): string {
  const whose = notice.recipientRole === "admin" ? "The invitation support sent" : "Your invitation";
  switch (notice.eventType) {
    case "invitation.accepted":
      return `${whose} for ${notice.inviteeEmail} to ${notice.organizationName} was accepted${naming ? ` by ${triedBy(notice)}` : ""}`;
    case "invitation.consumed_by_other_account":
      return `${whose} for ${notice.inviteeEmail} to ${notice.organizationName} was used up by another account${naming ? `: ${triedBy(notice)}` : ""}`;
    default:
      return `${whose} for ${notice.inviteeEmail} to ${notice.organizationName} expired without being accepted`;
  }
}

/** What the person can do about it. */
export function noticeNextStep(notice: Pick<NoticeFacts, "eventType">): string | undefined {
  if (notice.eventType === "invitation.accepted") return undefined;
  return "You can invite them again in one click from the invitation's history.";
}
