import "server-only";
import type { OrgAccess } from "@/lib/authz/access";
import { cachedLookup } from "./cache";
import { management } from "./management";

// Reads of the tenant's directory through the Management API. Only lib/authz and lib/invitations call these.

export type OrganizationSummary = { id: string; name: string; displayName: string };
/** Metadata set in Auth0; only string values count (Auth0 omits the property when none is set). */
export type Metadata = Readonly<Record<string, string | undefined>>;
/** An organization with its metadata (which may name the applications it uses). */
export type OrganizationDetails = OrganizationSummary & { metadata: Metadata };
export type RoleSummary = { id: string; name: string };
export type ApplicationSummary = { clientId: string; name: string; metadata: Metadata };
export type ConnectionSummary = { id: string; name: string; strategy: string };

const LOOKUP_TTL_MS = 30_000;

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

function toMetadata(metadata: Record<string, unknown> | undefined): Metadata {
  return Object.fromEntries(Object.entries(metadata ?? {}).filter((entry): entry is [string, string] => typeof entry[1] === "string"));
}

/** Page headings and the organization's metadata; cached briefly. */
export function organizationById({ orgId }: OrgAccess): Promise<OrganizationDetails> {
  return cachedLookup(`org:${orgId}`, LOOKUP_TTL_MS, async () => {
    const org = await management().organizations.get(orgId);
    return { ...toOrganization(org), metadata: toMetadata(org.metadata) };
  });
}

/**
 * An organization looked up for the support desk, which may look at any organization (the desk's gate
 * has let the user through). Everyone else reads an organization through `organizationById`.
 */
export async function organizationForSupportDesk(orgId: string): Promise<OrganizationSummary> {
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

/** The tenant's roles (id ↔ name); cached briefly. */
export function tenantRoles(): Promise<RoleSummary[]> {
  return cachedLookup("roles", LOOKUP_TTL_MS, async () =>
    (await collect(await management().roles.list({ per_page: 100 }))).map(toRole),
  );
}

/** The tenant's applications with their client_metadata (needs read:clients); cached briefly. */
export function applications(): Promise<ApplicationSummary[]> {
  return cachedLookup("clients", LOOKUP_TTL_MS, async () => {
    const clients = await collect(
      await management().clients.list({ per_page: 100, fields: "client_id,name,client_metadata", include_fields: true }),
    );
    return clients.map((client) => ({
      clientId: client.client_id ?? "",
      name: client.name ?? client.client_id ?? "",
      metadata: toMetadata(client.client_metadata),
    }));
  });
}

/** The organization's enabled connections; cached briefly. */
export function enabledConnections({ orgId }: OrgAccess): Promise<ConnectionSummary[]> {
  return cachedLookup(`connections:${orgId}`, LOOKUP_TTL_MS, async () => {
    const items = await collect(await management().organizations.enabledConnections.list(orgId, { per_page: 100 }));
    return items.map((item) => ({
      id: item.connection_id ?? "",
      name: item.connection?.name ?? item.connection_id ?? "",
      strategy: item.connection?.strategy ?? "",
    }));
  });
}
