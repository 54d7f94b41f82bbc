import "server-only";
import type { SessionUser } from "@/lib/auth/session";
import { globalRolesOfUser, organizationsOfUser, rolesOfMember, type OrganizationSummary } from "@/lib/auth0/directory";
import { policyFromEnv } from "./policy-config";
import { holdsInviterRole, isAuditor, isSupportStaff } from "./policy";
import { inviterRoleHintsOf, rememberInviterRole } from "./role-hints";

export type InvitableOrganizations = {
  /** Support staff find organizations through the support desk, not in a list of the whole tenant. */
  support: boolean;
  /** Auditors may read support's activity (and do nothing else at the desk). */
  auditor: boolean;
  /** Organizations the user may invite into. */
  invitable: OrganizationSummary[];
  /** Organizations the user belongs to without an inviter role (to explain an empty list). */
  memberOnly: OrganizationSummary[];
};

/**
 * The home page's links. Memberships are read live; whether the user holds an inviter role in each comes
 * from what the gate last found, and only organizations it has not seen lately cost a roles read. The
 * links are only links: each page they lead to passes the gate live.
 */
export async function invitableOrganizations(user: SessionUser): Promise<InvitableOrganizations> {
  const policy = policyFromEnv();
  const [globalRoles, memberships] = await Promise.all([globalRolesOfUser(user.id), organizationsOfUser(user.id)]);
  const hints = await inviterRoleHintsOf(user.id, memberships.map((org) => org.id));
  const inviterIn = await Promise.all(
    memberships.map(async (org) => {
      const hint = hints.get(org.id);
      if (hint !== undefined) return hint;
      const inviter = holdsInviterRole(policy, (await rolesOfMember(org.id, user.id)).map((role) => role.name));
      await rememberInviterRole(user.id, org.id, inviter);
      return inviter;
    }),
  );
  const globalRoleNames = globalRoles.map((role) => role.name);
  return {
    support: isSupportStaff(policy, globalRoleNames),
    auditor: isAuditor(policy, globalRoleNames),
    invitable: memberships.filter((_, index) => inviterIn[index]),
    memberOnly: memberships.filter((_, index) => !inviterIn[index]),
  };
}
