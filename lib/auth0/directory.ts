import "server-only";
import { management } from "./management";

// Reads of the tenant's directory through the Management API. Only lib/authz and lib/invitations call these.

export type OrganizationSummary = { id: string; name: string; displayName: string };
export type RoleSummary = { id: string; name: string };

async function collect<T>(page: AsyncIterable<T>): Promise<T[]> {
  const items: T[] = [];
  for await (const item of page) items.push(item);
  return items;
}

function toOrganization(org: { id?: string; name?: string; display_name?: string }): OrganizationSummary {
  return { id: org.id ?? "", name: org.name ?? "", displayName: org.display_name || org.name || org.id || "" };
}

function toRole(role: { id?: string; name?: string }): RoleSummary {
  return { id: role.id ?? "", name: role.name ?? "" };
}

export async function organizationsOfUser(userId: string): Promise<OrganizationSummary[]> {
  const orgs = await collect(await management().users.organizations.list(userId, { per_page: 100 }));
  return orgs.map(toOrganization);
}

export async function allOrganizations(): Promise<OrganizationSummary[]> {
  const orgs = await collect(await management().organizations.list({ take: 100 }));
  return orgs.map(toOrganization);
}

export async function organizationById(orgId: string): Promise<OrganizationSummary> {
  return toOrganization(await management().organizations.get(orgId));
}

export async function rolesOfMember(orgId: string, userId: string): Promise<RoleSummary[]> {
  const roles = await collect(await management().organizations.members.roles.list(orgId, userId, { per_page: 100 }));
  return roles.map(toRole);
}

export async function globalRolesOfUser(userId: string): Promise<RoleSummary[]> {
  const roles = await collect(await management().users.roles.list(userId, { per_page: 100 }));
  return roles.map(toRole);
}
