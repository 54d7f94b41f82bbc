// Which applications an organization's invitees may be invited into, decided from metadata the tenant's
// administrators set in Auth0. Pure: the data comes from lib/auth0/directory.ts, the keys from lib/env.ts.
//
// Auth0 keeps no link from an application to the organizations it serves, so administrators set it as
// metadata: an application's `client_metadata` (string values of at most 255 characters,
// https://auth0.com/docs/get-started/applications/configure-application-metadata) names the organizations
// it serves; an organization's own `metadata` (https://auth0.com/docs/manage-users/organizations/custom-development)
// names applications, for one that serves more organizations than a 255-character value can list.

export type MetadataKeys = {
  /** `client_metadata` key: comma-separated organization ids or names, or `*` for every organization. */
  applicationOrganizations: string;
  /** Organization `metadata` key: comma-separated client ids. */
  organizationApplications: string;
};

export const EVERY_ORGANIZATION = "*";

type Metadata = Readonly<Record<string, string | undefined>>;
type Application = { clientId: string; metadata: Metadata };
type Organization = { id: string; name: string; metadata: Metadata };

function listed(value: string | undefined): string[] {
  return (value ?? "").split(",").map((item) => item.trim()).filter(Boolean);
}

/**
 * The applications offered to the organization: those whose metadata names it (by id or name, or `*`) and
 * those its own metadata names. Only when that gives none does the tenant-wide `fallback` list apply.
 */
export function applicationsForOrganization<A extends Application>(
  apps: readonly A[],
  org: Organization,
  keys: MetadataKeys,
  fallback: readonly string[] | undefined,
): A[] {
  const namedByOrganization = new Set(listed(org.metadata[keys.organizationApplications]));
  const servesOrganization = (app: A) =>
    listed(app.metadata[keys.applicationOrganizations]).some((entry) => entry === EVERY_ORGANIZATION || entry === org.id || entry === org.name);
  const chosen = apps.filter((app) => servesOrganization(app) || namedByOrganization.has(app.clientId));
  if (chosen.length > 0 || !fallback) return chosen;
  return apps.filter((app) => fallback.includes(app.clientId));
}

/**
 * The application the invite form starts with: the first offered one that is not this admin app (inviting
 * people into the admin app by default would send them where they cannot do anything). None: the user chooses.
 */
export function preselectedClientId(apps: readonly { clientId: string }[], adminClientId: string): string | undefined {
  return apps.find((app) => app.clientId !== adminClientId)?.clientId;
}
