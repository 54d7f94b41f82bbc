import "server-only";
import type { OrgAccess } from "@/lib/authz/access";
import { rateLimitOf, writeClient, writeFailure, type WriteResult } from "./invitation-writer";

// The membership writes of lib/members: each one call, never retried here (a person waits and is told).
// https://auth0.com/docs/api/management/v2/organizations/post-organization-member-roles
// https://auth0.com/docs/api/management/v2/organizations/delete-organization-member-roles
// https://auth0.com/docs/api/management/v2/organizations/delete-members

async function written(call: () => Promise<{ rawResponse: { headers: Headers } }>): Promise<WriteResult<"done">> {
  try {
    const { rawResponse } = await call();
    return { ok: true, value: "done", rate: rateLimitOf(rawResponse.headers) };
  } catch (error) {
    return writeFailure(error);
  }
}

/** POST /organizations/{id}/members/{user_id}/roles (create:organization_member_roles). */
export function assignMemberRoles(access: OrgAccess, userId: string, roleIds: string[]): Promise<WriteResult<"done">> {
  return written(() => writeClient().organizations.members.roles.assign(access.orgId, userId, { roles: roleIds }).withRawResponse());
}

/** DELETE /organizations/{id}/members/{user_id}/roles (delete:organization_member_roles). */
export function removeMemberRoles(access: OrgAccess, userId: string, roleIds: string[]): Promise<WriteResult<"done">> {
  return written(() => writeClient().organizations.members.roles.delete(access.orgId, userId, { roles: roleIds }).withRawResponse());
}

/** DELETE /organizations/{id}/members (delete:organization_members): the user stays in the tenant. */
export function removeMembers(access: OrgAccess, userIds: string[]): Promise<WriteResult<"done">> {
  return written(() => writeClient().organizations.members.delete(access.orgId, { members: userIds }).withRawResponse());
}
