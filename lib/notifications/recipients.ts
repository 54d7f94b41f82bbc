// Who is told what became of an invitation. Pure, so the rule is tested apart from the store.
import type { EventType } from "@/lib/ledger/event-types";

/** The outcomes an inviter hears of: accepted, used up by another account, expired unaccepted. */
export const TOLD_EVENTS: ReadonlySet<EventType> = new Set(["invitation.accepted", "invitation.consumed_by_other_account", "invitation.expired"]);

export type Creator = { actorId: string | null; actorEmail: string | null; actorName: string | null; actorKind: string | null };
export type Person = { userId: string; email: string; name: string };
export type Recipient = Person & { role: "inviter" | "admin" };

/**
 * The people to tell of one event: the person who sent the invitation through this app; for one sent by support
 * staff, the organization's admins instead (the agent acted for the organization, whose own people follow it up),
 * unless the operator asked for the agent (NOTIFY_SUPPORT_AGENT). Invitations made outside this app have no one.
 */
export function recipientsOf(type: string, creator: Creator | null, admins: Person[], notifySupportAgent: boolean): Recipient[] {
  if (!TOLD_EVENTS.has(type as EventType) || !creator?.actorId) return [];
  if (creator.actorKind === "support" && !notifySupportAgent) return admins.map((admin) => ({ ...admin, role: "admin" }));
  return [{ userId: creator.actorId, email: creator.actorEmail ?? "", name: creator.actorName ?? "", role: "inviter" }];
}
