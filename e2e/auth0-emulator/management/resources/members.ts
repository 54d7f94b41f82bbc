// An organization's members (list, add, remove) and each member's roles in it (list, assign, remove).
import type { EmulatorContext } from "../../context.ts";
import { logApiOperation } from "../../tenant-logs.ts";
import type { Member, Organization } from "../../tenant.ts";
import { ApiError, invalidBody } from "../errors.ts";
import { fieldParams, selectFields } from "../fields.ts";
import { checkpointParams, offsetParams, paginate } from "../paging.ts";
import { parseQuery } from "../query.ts";
import { noContent, ok, requireScopes, type ApiRequest, type Route } from "../router.ts";
import { validatePayload, type Schema } from "../schema.ts";
import { requireOrganization } from "./organizations.ts";
import { requireRolesExist, roleView, rolesByIds } from "./roles.ts";
import { requireUser } from "./users.ts";

const MAX_ROLES_PER_MEMBER = 50;

const memberListParams = {
  ...offsetParams,
  ...checkpointParams,
  ...fieldParams(["user_id", "email", "picture", "name", "roles"]),
};

const idList = (property: string, description: string, maxItems: number): Schema => ({
  type: "object",
  additionalProperties: false,
  required: [property],
  properties: { [property]: { type: "array", minItems: 1, maxItems, items: { type: "string" }, description } },
});
const membersSchema = idList("members", "List of user IDs to add or remove.", 10);
const rolesSchema = idList("roles", "List of roles IDs to associate with the user.", MAX_ROLES_PER_MEMBER);

function requireMember(ctx: EmulatorContext, organization: Organization, userId: string) {
  requireUser(ctx, userId);
  const member = ctx.tenant.member(organization, userId);
  if (!member) throw invalidBody("The user is not a member of the organization.");
  return member;
}

// The summaries of these operations in Auth0's Management API reference (its OpenAPI description, e.g.
// https://auth0.com/docs/api/management/v2/organizations/post-members), which its `sapi` events carry.
const OPERATIONS = {
  addMembers: "Add members to an organization",
  removeMembers: "Delete members from an organization",
  assignRoles: "Assign user roles to an Organization member",
  removeRoles: "Delete user roles from an Organization member",
} as const;

/** Each write below is logged as Auth0 logs a Management API write: one `sapi` event per request. */
function logged(request: ApiRequest, organization: Organization, operation: keyof typeof OPERATIONS, path: string, body: unknown) {
  logApiOperation(request.ctx.tenant, {
    description: OPERATIONS[operation],
    method: operation === "assignRoles" || operation === "addMembers" ? "POST" : "DELETE",
    path,
    body,
    hostname: request.headers.host ?? "127.0.0.1",
    organization,
    userId: request.params.user_id,
  });
  return noContent();
}

export const memberRoutes: Route[] = [
  {
    method: "GET",
    path: "/organizations/:id/members",
    scopes: { anyOf: ["read:organization_members"] },
    handle: ({ ctx, params, query, scopes }) => {
      const q = parseQuery(query, memberListParams);
      const withRoles = (q.include_fields ?? true) && (q.fields ?? []).includes("roles");
      if (withRoles) requireScopes(scopes, { anyOf: ["read:organization_member_roles"] });
      const organization = requireOrganization(ctx, params.id!);
      // Only the page's members are looked up (one indexed lookup each), so a page costs the page, not the organization.
      const view = (member: Member) => {
        const user = ctx.tenant.user(member.user_id);
        const roles = withRoles ? { roles: rolesByIds(ctx, member.roles).map(({ id, name }) => ({ id, name })) } : {};
        // The emulator deletes no users, so every member has one; the id alone if not.
        const profile = user ? { email: user.email, name: user.name } : {};
        return selectFields({ user_id: member.user_id, ...profile, ...roles }, q);
      };
      return ok(paginate(organization.members, q, { key: "members", nextOnEveryNonEmptyPage: true, view }));
    },
  },
  {
    method: "POST",
    path: "/organizations/:id/members",
    scopes: { anyOf: ["create:organization_members"] },
    handle: async (request) => {
      const { ctx, params, query, payload } = request;
      parseQuery(query, {});
      const { members } = validatePayload<{ members: string[] }>(membersSchema, await payload());
      const organization = requireOrganization(ctx, params.id!);
      const unknown = members.filter((id) => !ctx.tenant.user(id));
      if (unknown.length > 0) throw invalidBody(`One or more of the specified users do not exist: ${unknown.join(", ")}`);
      for (const userId of members) ctx.tenant.addMember(organization, userId);
      return logged(request, organization, "addMembers", `/organizations/${organization.id}/members`, { members });
    },
  },
  {
    method: "DELETE",
    path: "/organizations/:id/members",
    scopes: { anyOf: ["delete:organization_members"] },
    handle: async (request) => {
      const { ctx, params, query, payload } = request;
      parseQuery(query, {});
      const { members } = validatePayload<{ members: string[] }>(membersSchema, await payload());
      const organization = requireOrganization(ctx, params.id!);
      ctx.tenant.removeMembers(organization, members);
      return logged(request, organization, "removeMembers", `/organizations/${organization.id}/members`, { members });
    },
  },
  {
    method: "GET",
    path: "/organizations/:id/members/:user_id/roles",
    scopes: { anyOf: ["read:organization_member_roles"] },
    handle: ({ ctx, params, query }) => {
      const q = parseQuery(query, offsetParams);
      const organization = requireOrganization(ctx, params.id!);
      requireUser(ctx, params.user_id!);
      // A user who is not a member holds no roles in the organization.
      const member = ctx.tenant.member(organization, params.user_id!);
      return ok(paginate(rolesByIds(ctx, member?.roles ?? []), q, { key: "roles", view: roleView }));
    },
  },
  {
    method: "POST",
    path: "/organizations/:id/members/:user_id/roles",
    scopes: { anyOf: ["create:organization_member_roles"] },
    handle: async (request) => {
      const { ctx, params, query, payload } = request;
      parseQuery(query, {});
      const { roles } = validatePayload<{ roles: string[] }>(rolesSchema, await payload());
      const organization = requireOrganization(ctx, params.id!);
      const member = requireMember(ctx, organization, params.user_id!);
      requireRolesExist(ctx, roles);
      const assigned = [...new Set([...member.roles, ...roles])];
      if (assigned.length > MAX_ROLES_PER_MEMBER) {
        throw new ApiError(409, "No more roles can be assigned to this organization member.");
      }
      member.roles = assigned;
      return logged(request, organization, "assignRoles", `/organizations/${organization.id}/members/${member.user_id}/roles`, { roles });
    },
  },
  {
    method: "DELETE",
    path: "/organizations/:id/members/:user_id/roles",
    scopes: { anyOf: ["delete:organization_member_roles"] },
    handle: async (request) => {
      const { ctx, params, query, payload } = request;
      parseQuery(query, {});
      const { roles } = validatePayload<{ roles: string[] }>(rolesSchema, await payload());
      const organization = requireOrganization(ctx, params.id!);
      const member = requireMember(ctx, organization, params.user_id!);
      member.roles = member.roles.filter((id) => !roles.includes(id));
      return logged(request, organization, "removeRoles", `/organizations/${organization.id}/members/${member.user_id}/roles`, { roles });
    },
  },
];
