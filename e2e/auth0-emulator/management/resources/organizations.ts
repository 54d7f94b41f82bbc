// GET /organizations (offset and checkpoint), one by id or by name, PATCH one, and an organization's enabled connections.
import type { EmulatorContext } from "../../context.ts";
import { logApiOperation } from "../../tenant-logs.ts";
import type { Organization, OrganizationBranding } from "../../tenant.ts";
import { ApiError, invalidBody, notFound } from "../errors.ts";
import { checkpointParams, offsetParams, paginate } from "../paging.ts";
import { matching, parseQuery } from "../query.ts";
import { ok, type Route } from "../router.ts";
import { validatePayload, type Schema } from "../schema.ts";

const MAX_ID_LENGTH = 50;

/** The organization of a nested route (`/organizations/{id}/…`), or Auth0's 400 / 404. */
export function requireOrganization(ctx: EmulatorContext, id: string, missing = "No organization found by that id."): Organization {
  if (id.length > MAX_ID_LENGTH) {
    throw new ApiError(
      400,
      `Path validation error: 'String is too long (${id.length} chars), maximum ${MAX_ID_LENGTH}' on property id (ID of the organization).`,
      "invalid_uri",
    );
  }
  const organization = ctx.tenant.state.organizations.find((o) => o.id === id);
  if (!organization) throw notFound(missing);
  return organization;
}

/** As Auth0 answers: `display_name`, `branding` and `metadata` only when set (GO-REC recordings omit them when unset). */
export function organizationView(o: Organization) {
  return {
    id: o.id,
    name: o.name,
    ...(o.display_name ? { display_name: o.display_name } : {}),
    ...(o.branding && Object.keys(o.branding).length > 0 ? { branding: o.branding } : {}),
    ...(o.metadata && Object.keys(o.metadata).length > 0 ? { metadata: o.metadata } : {}),
  };
}

// PATCH /organizations/{id} (https://auth0.com/docs/api/management/v2/organizations/patch-organizations-by-id): the
// request schema of Auth0's OpenAPI description (UpdateOrganizationRequestContent). Metadata: string values of at
// most 255 characters, at most 25 properties (OrganizationMetadata); keys of at most 255 characters as well
// ("Maximum of 255 characters each",
// https://auth0.com/docs/manage-users/organizations/configure-organizations/create-organizations). `token_quota`
// (Early Access) is not emulated, and so refused as an unknown property.
const MAX_METADATA_KEYS = 25;
const METADATA_DESCRIPTION =
  "Metadata associated with the organization, in the form of an object with string values (max 255 chars). Maximum of 25 metadata properties allowed.";
const metadataSchema: Schema = {
  type: "object",
  description: METADATA_DESCRIPTION,
  additionalProperties: { type: "string", nullable: true, maxLength: 255 },
  maxProperties: MAX_METADATA_KEYS,
  maxPropertyNameLength: 255,
};
const HEX_COLOR = "html-color" as const;
const updateSchema: Schema = {
  type: "object",
  additionalProperties: false,
  properties: {
    display_name: { type: "string", minLength: 1, maxLength: 255, description: "Friendly name of this organization." },
    name: { type: "string", minLength: 1, maxLength: 50, format: "organization-name", description: "The name of this organization." },
    branding: {
      type: "object",
      additionalProperties: false,
      description: "Theme defines how to style the login pages.",
      properties: {
        logo_url: { type: "string", nullable: true, format: "strict-https-uri-or-null", description: "URL of logo to display on login page." },
        colors: {
          type: "object",
          additionalProperties: false,
          required: ["primary", "page_background"],
          description: "Color scheme used to customize the login pages.",
          properties: {
            primary: { type: "string", format: HEX_COLOR, description: "HEX Color for primary elements." },
            page_background: { type: "string", format: HEX_COLOR, description: "HEX Color for background." },
          },
        },
      },
    },
    metadata: metadataSchema,
  },
};
type OrganizationUpdate = {
  display_name?: string;
  name?: string;
  branding?: { logo_url?: string | null; colors?: OrganizationBranding["colors"] };
  metadata?: Record<string, string | null>;
};

/**
 * Metadata keys are merged into the organization's, a key given `null` is removed, and an empty object removes them
 * all: the OpenAPI description allows `null` values, and this is how Auth0 documents metadata updates
 * (https://auth0.com/docs/manage-users/user-accounts/metadata/manage-metadata-api, for users' and applications'
 * metadata; organizations' is not described). Auth0 does not say whether the 25-key limit applies to the request or
 * to the result; both are checked, so no organization ever holds more.
 */
export function mergeMetadata(current: Record<string, string> | undefined, patch: Record<string, string | null>): Record<string, string> {
  if (Object.keys(patch).length === 0) return {};
  const merged = { ...current };
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete merged[key];
    else merged[key] = value;
  }
  const count = Object.keys(merged).length;
  if (count > MAX_METADATA_KEYS) {
    throw invalidBody(`Payload validation error: 'Too many properties defined (${count}), maximum ${MAX_METADATA_KEYS}' on property metadata (${METADATA_DESCRIPTION}).`);
  }
  return merged;
}

function applyUpdate(ctx: EmulatorContext, organization: Organization, update: OrganizationUpdate): void {
  if (update.name !== undefined && update.name !== organization.name) {
    // Not among PATCH's documented answers; the 409 Auth0 gives when creating an organization under a taken name.
    if (ctx.tenant.state.organizations.some((o) => o !== organization && o.name === update.name)) {
      throw new ApiError(409, "An organization with this name already exists.");
    }
  }
  const metadata = update.metadata && mergeMetadata(organization.metadata, update.metadata);
  if (update.name !== undefined) organization.name = update.name;
  if (update.display_name !== undefined) organization.display_name = update.display_name;
  if (update.branding !== undefined) {
    const { logo_url, colors } = update.branding;
    organization.branding = { ...(logo_url ? { logo_url } : {}), ...(colors ? { colors } : {}) };
  }
  if (metadata) organization.metadata = metadata;
}

type SortableField = "display_name" | "created_at" | "name";

function sortOrganizations(organizations: Organization[], sort: string | undefined): Organization[] {
  if (!sort) return organizations;
  const [field, direction] = sort.split(":") as [SortableField, string];
  const order = direction === "-1" ? -1 : 1;
  return [...organizations].sort((a, b) => order * (a[field] ?? "").localeCompare(b[field] ?? ""));
}

const listParams = {
  ...offsetParams,
  ...checkpointParams,
  sort: matching(/^(display_name|created_at|name):(1|-1)$/),
};
const BY_ID_OR_NAME = "No organization found by that id or name";
const read = { anyOf: ["read:organizations"] };

export const organizationRoutes: Route[] = [
  {
    method: "GET",
    path: "/organizations",
    scopes: read,
    handle: ({ ctx, query }) => {
      const q = parseQuery(query, listParams);
      return ok(paginate(sortOrganizations(ctx.tenant.state.organizations, q.sort), q, { key: "organizations", view: organizationView }));
    },
  },
  {
    method: "GET",
    path: "/organizations/name/:name",
    scopes: read,
    handle: ({ ctx, params, query }) => {
      parseQuery(query, {});
      const organization = ctx.tenant.state.organizations.find((o) => o.name === params.name);
      if (!organization) throw notFound(BY_ID_OR_NAME);
      return ok(organizationView(organization));
    },
  },
  {
    method: "GET",
    path: "/organizations/:id",
    scopes: read,
    handle: ({ ctx, params, query }) => {
      parseQuery(query, {});
      return ok(organizationView(requireOrganization(ctx, params.id!, BY_ID_OR_NAME)));
    },
  },
  {
    method: "PATCH",
    path: "/organizations/:id",
    scopes: { anyOf: ["update:organizations"] },
    handle: async ({ ctx, params, query, payload, headers }) => {
      parseQuery(query, {});
      const update = validatePayload<OrganizationUpdate>(updateSchema, await payload());
      const organization = ctx.tenant.state.organizations.find((o) => o.id === params.id);
      // No 404 is documented for PATCH; this is what Auth0's DELETE of the same path answers.
      if (!organization) throw notFound("The organization does not exist.");
      applyUpdate(ctx, organization, update);
      const body = organizationView(organization);
      logApiOperation(ctx.tenant, {
        description: "Modify an Organization",
        method: "PATCH",
        path: `/organizations/${organization.id}`,
        body: update,
        hostname: headers.host ?? "127.0.0.1",
        organization,
        response: { statusCode: 200, body },
      });
      return ok(body);
    },
  },
  {
    method: "GET",
    path: "/organizations/:id/enabled_connections",
    scopes: { anyOf: ["read:organization_connections"] },
    handle: ({ ctx, params, query }) => {
      const q = parseQuery(query, offsetParams);
      const organization = requireOrganization(ctx, params.id!);
      const enabled = organization.enabled_connections.flatMap((id) => {
        const connection = ctx.tenant.state.connections.find((c) => c.id === id);
        if (!connection) return [];
        return [
          {
            connection_id: connection.id,
            assign_membership_on_login: false,
            show_as_button: true,
            is_signup_enabled: connection.strategy === "auth0",
            connection: { name: connection.name, strategy: connection.strategy },
          },
        ];
      });
      return ok(paginate(enabled, q, { key: "enabled_connections", limit: "count" }));
    },
  },
];
