import "server-only";
import { tenantRoles } from "@/lib/auth0/directory";
import { isMemberByEmail, listInvitations, type OrgAccess } from "@/lib/auth0/organization-data";

/** Why an address is not invited again: the invite form and bulk onboarding add what the person can do about it. */
export const existingMessages = {
  member: "Already a member of this organization",
  pending: (expiresAt: string) => `Already has a pending invitation (expires ${expiresAt.slice(0, 10)})`,
};

export type ExistingInvitation = { id: string; expiresAt: string; roleIds: string[]; roleNames: string[] };

/**
 * Finds who already has a pending invitation (one list of the organization's invitations per action)
 * or already is a member (per address: the users with that email, then their organizations: at most
 * 2 reads, 1 when nobody has the address).
 */
export async function findExisting(access: OrgAccess) {
  const [invitations, roles] = await Promise.all([listInvitations(access), tenantRoles()]);
  const roleName = new Map(roles.map((role) => [role.id, role.name]));
  const pending = new Map<string, ExistingInvitation>();
  for (const invitation of invitations) {
    const email = invitation.invitee?.email?.toLowerCase();
    const roleIds = invitation.roles ?? [];
    if (email && invitation.id) {
      pending.set(email, { id: invitation.id, expiresAt: invitation.expires_at ?? "", roleIds, roleNames: roleIds.map((id) => roleName.get(id) ?? id) });
    }
  }

  return {
    async lookup(email: string): Promise<ExistingInvitation | "member" | undefined> {
      return pending.get(email.toLowerCase()) ?? ((await isMemberByEmail(access, email)) ? "member" : undefined);
    },
  };
}
