import "server-only";
import { management } from "@/lib/auth0/management";
import { allPendingInvitations } from "./pending";

export type ExistingInvitation = { id: string; expiresAt: string; roleIds: string[] };

/**
 * Finds who already has a pending invitation (one list of the organization's invitations per action)
 * or already is a member (per address: the users with that email, then their organizations: at most
 * 2 reads, 1 when nobody has the address).
 */
export async function findExisting(orgId: string) {
  const pending = new Map<string, ExistingInvitation>();
  for (const invitation of await allPendingInvitations(orgId, "id,invitee,expires_at,roles")) {
    const email = invitation.invitee?.email?.toLowerCase();
    if (email && invitation.id) pending.set(email, { id: invitation.id, expiresAt: invitation.expires_at ?? "", roleIds: invitation.roles ?? [] });
  }

  return {
    async lookup(email: string): Promise<ExistingInvitation | "member" | undefined> {
      const invitation = pending.get(email.toLowerCase());
      if (invitation) return invitation;
      const users = await management().users.listUsersByEmail({ email: email.toLowerCase(), fields: "user_id", include_fields: true });
      for (const user of users) {
        if (!user.user_id) continue;
        const { data } = await management().users.organizations.list(user.user_id, { per_page: 100 });
        if (data.some((org) => org.id === orgId)) return "member";
      }
      return undefined;
    },
  };
}
