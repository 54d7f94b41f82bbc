import "server-only";
import type { OrgAccess } from "@/lib/authz/access";
import { cachedLookup } from "./cache";
import { auth0ErrorParts } from "./errors";
import { management } from "./management";

// Reads of the tenant's directory through the Management API. Only lib/authz, lib/invitations, lib/email (an email's branding and role names) and
// lib/directory (support's organization finder) call these.

export type OrganizationSummary = { id: string; name: string; displayName: string };
/** Metadata set in Auth0; only string values count (Auth0 omits the property when none is set). */
export type Metadata = Readonly<Record<string, string | undefined>>;
/** The organization's Auth0 branding (Organizations → Branding), what our own emails wear. */
export type OrganizationBranding = { logoUrl?: string; primaryColor?: string };
/** An organization with its metadata (which may name the applications it uses) and its branding. */
export type OrganizationDetails = OrganizationSummary & { metadata: Metadata; branding: OrganizationBranding };
export type RoleSummary = { id: string; name: string };
/** `loginRoute`: whether the application has an Application Login URI, without which Auth0 makes no invitation link. */
export type ApplicationSummary = { clientId: string; name: string; metadata: Metadata; loginRoute: boolean };
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

/** Auth0's largest checkpoint page. https://auth0.com/docs/api/management/v2/organizations/get-organizations */
const ORGANIZATIONS_PER_PAGE = 100;

/**
 * One checkpoint page of the tenant's organizations: start without `from`, then pass the `next` of the
 * page before; no `next` means no more pages. Checkpoint paging (unlike offset paging) reaches past
 * 1000 organizations, and a `next` stays usable for 24 hours.
 */
export async function organizationsPage(from?: string): Promise<{ organizations: OrganizationSummary[]; next?: string }> {
  const page = await management().organizations.list({ from, take: ORGANIZATIONS_PER_PAGE });
  const next = page.response.next || undefined;
  return { organizations: page.data.map(toOrganization), ...(next ? { next } : {}) };
}

async function unlessMissing<T>(read: () => Promise<T>): Promise<T | undefined> {
  try {
    return await read();
  } catch (error) {
    if (auth0ErrorParts(error)?.status === 404) return undefined;
    throw error;
  }
}

/**
 * The support desk's look-up of any organization by id, with no gate's grant: only support's finder may
 * call it, and support's entering an organization (it shows the organization's name, never its data). Undefined when Auth0 has none by that id.
 */
export async function supportDeskOrganizationById(orgId: string): Promise<OrganizationSummary | undefined> {
  const org = await unlessMissing(() => management().organizations.get(orgId));
  return org && toOrganization(org);
}

/**
 * The organization of an invitation the public landing page found by its token, when the store's copy of the
 * directory lacks it: the id comes from the ledger, never from the visitor. Cached, and the caller keeps it
 * in the directory, so a visitor cannot make this app call Auth0 more than once per organization.
 */
export function landingPageOrganization(orgId: string): Promise<OrganizationSummary | undefined> {
  return cachedLookup(`landing-org:${orgId}`, LOOKUP_TTL_MS, async () => {
    const org = await unlessMissing(() => management().organizations.get(orgId));
    return org && toOrganization(org);
  });
}

/** The support desk's look-up by exact name (Auth0 names are lowercase); undefined when there is none. */
export async function supportDeskOrganizationByName(name: string): Promise<OrganizationSummary | undefined> {
  const org = await unlessMissing(() => management().organizations.getByName(name));
  return org && toOrganization(org);
}

/** The ids of the users with this email address (usually one; several when accounts were not linked). */
export async function userIdsByEmail(email: string): Promise<string[]> {
  const users = await management().users.listUsersByEmail({ email: email.toLowerCase(), fields: "user_id", include_fields: true });
  return users.flatMap((user) => (user.user_id ? [user.user_id] : []));
}

/** Page headings and the organization's metadata; cached briefly. */
export function organizationById({ orgId }: OrgAccess): Promise<OrganizationDetails> {
  return cachedLookup(`org:${orgId}`, LOOKUP_TTL_MS, async () => {
    const org = await management().organizations.get(orgId);
    // `branding.logo_url` and `branding.colors.primary`, omitted when unset:
    // https://auth0.com/docs/api/management/v2/organizations/get-organizations-by-id
    const branding = { logoUrl: org.branding?.logo_url ?? undefined, primaryColor: org.branding?.colors?.primary ?? undefined };
    return { ...toOrganization(org), metadata: toMetadata(org.metadata), branding };
  });
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
      await management().clients.list({ per_page: 100, fields: "client_id,name,client_metadata,initiate_login_uri", include_fields: true }),
    );
    return clients.map((client) => ({
      clientId: client.client_id ?? "",
      name: client.name ?? client.client_id ?? "",
      metadata: toMetadata(client.client_metadata),
      loginRoute: Boolean(client.initiate_login_uri),
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
