import "server-only";
import type { SessionUser } from "@/lib/auth/session";
import {
  allOrganizations,
  globalRolesOfUser,
  organizationsOfUser,
  rolesOfMember,
  type OrganizationSummary,
} from "@/lib/auth0/directory";
import { policyFromEnv } from "./policy-config";
import { holdsInviterRole, isSupportStaff } from "./policy";

export type InvitableOrganizations = {
  support: boolean;
  /** Organizations the user may invite into. */
  invitable: OrganizationSummary[];
  /** Organizations the user belongs to without an inviter role (to explain an empty list). */
  memberOnly: OrganizationSummary[];
};

/** The home page's list, read live from the Management API. */
export async function invitableOrganizations(user: SessionUser): Promise<InvitableOrganizations> {
  const policy = policyFromEnv();
  const [globalRoles, memberships] = await Promise.all([globalRolesOfUser(user.id), organizationsOfUser(user.id)]);
  if (isSupportStaff(policy, globalRoles.map((r) => r.name))) {
    return { support: true, invitable: await allOrganizations(), memberOnly: [] };
  }
  const withRoles = await Promise.all(
    memberships.map(async (org) => ({ org, roles: await rolesOfMember(org.id, user.id) })),
  );
  const canInvite = ({ roles }: { roles: { name: string }[] }) => holdsInviterRole(policy, roles.map((r) => r.name));
  return {
    support: false,
    invitable: withRoles.filter(canInvite).map(({ org }) => org),
    memberOnly: withRoles.filter((entry) => !canInvite(entry)).map(({ org }) => org),
  };
}
