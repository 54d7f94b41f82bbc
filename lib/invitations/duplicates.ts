import "server-only";
import { management } from "@/lib/auth0/management";

export type ExistingInvitation = { id: string; expiresAt: string; roleIds: string[] };

/** Auth0 lists at most 1000 invitations per organization, 100 per page. */
const MAX_PAGES = 10;

/**
 * Finds who already has a pending invitation (one list of the organization's invitations per action)
 * or already is a member (per address: the users with that email, then their organizations: at most
 * 2 reads, 1 when nobody has the address).
 */
export async function findExisting(orgId: string) {
  const pending = new Map<string, ExistingInvitation>();
  for (let page = 0; page < MAX_PAGES; page++) {
    const { data } = await management().organizations.invitations.list(orgId, {
      page,
      per_page: 100,
      fields: "id,invitee,expires_at,roles",
      include_fields: true,
    });
    for (const invitation of data) {
      const email = invitation.invitee?.email?.toLowerCase();
      if (email && invitation.id) pending.set(email, { id: invitation.id, expiresAt: invitation.expires_at ?? "", roleIds: invitation.roles ?? [] });
    }
    if (data.length < 100) break;
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
