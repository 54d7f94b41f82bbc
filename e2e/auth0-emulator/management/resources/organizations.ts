// GET /organizations (offset and checkpoint), one by id or by name, and an organization's enabled connections.
import type { EmulatorContext } from "../../context.ts";
import type { Organization } from "../../tenant.ts";
import { ApiError, notFound } from "../errors.ts";
import { checkpointParams, offsetParams, paginate } from "../paging.ts";
import { matching, parseQuery } from "../query.ts";
import { ok, type Route } from "../router.ts";

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

/** As Auth0 answers: `display_name` and `metadata` only when set (GO-REC recordings omit both when unset). */
export function organizationView(o: Organization) {
  return {
    id: o.id,
    name: o.name,
    ...(o.display_name ? { display_name: o.display_name } : {}),
    ...(o.metadata && Object.keys(o.metadata).length > 0 ? { metadata: o.metadata } : {}),
  };
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
