// A user, users by email, a user's organizations and a user's (tenant-level) roles, which an administrator
// may take away (tests take the support role from an agent mid-job).
import type { EmulatorContext } from "../../context.ts";
import type { User } from "../../tenant.ts";
import { notFound } from "../errors.ts";
import { fieldParams, selectFields } from "../fields.ts";
import { offsetParams, paginate } from "../paging.ts";
import { parseQuery, queryError, text } from "../query.ts";
import { noContent, ok, type Route } from "../router.ts";
import { validatePayload, type Schema } from "../schema.ts";
import { organizationView } from "./organizations.ts";
import { roleView, rolesByIds } from "./roles.ts";

const USER_DOES_NOT_EXIST = "The user does not exist.";

export function requireUser(ctx: EmulatorContext, userId: string, missing = USER_DOES_NOT_EXIST): User {
  const user = ctx.tenant.user(userId);
  if (!user) throw notFound(missing, "inexistent_user");
  return user;
}

/** Never the password; the identity Auth0 lists for a database user. */
export function userView(user: User) {
  const [provider = "auth0", id = user.user_id] = user.user_id.split("|");
  return {
    user_id: user.user_id,
    email: user.email,
    email_verified: user.email_verified,
    name: user.name,
    nickname: user.nickname,
    created_at: user.created_at,
    // Auth0 lists `blocked` once an administrator has set it (https://auth0.com/docs/api/management/v2/users/get-users-by-id).
    ...(user.blocked === undefined ? {} : { blocked: user.blocked }),
    identities: [{ connection: "Username-Password-Authentication", provider, user_id: id, isSocial: false }],
  };
}

const fields = fieldParams();

const userRolesSchema: Schema = {
  type: "object",
  additionalProperties: false,
  required: ["roles"],
  properties: { roles: { type: "array", minItems: 1, items: { type: "string", minLength: 1 }, description: "List of roles IDs to remove from the user." } },
};

export const userRoutes: Route[] = [
  {
    method: "GET",
    path: "/users/:id",
    scopes: { anyOf: ["read:users"] },
    handle: ({ ctx, params, query }) => {
      const q = parseQuery(query, fields);
      return ok(selectFields(userView(requireUser(ctx, params.id!)), q));
    },
  },
  {
    method: "GET",
    path: "/users-by-email",
    scopes: { anyOf: ["read:users"] },
    handle: ({ ctx, query }) => {
      const q = parseQuery(query, { ...fields, email: text });
      if (q.email === undefined) throw queryError("Missing required property: email");
      const user = ctx.tenant.userByEmail(q.email);
      return ok(user ? [selectFields(userView(user), q)] : []);
    },
  },
  {
    method: "GET",
    path: "/users/:id/organizations",
    scopes: { anyOf: ["read:users", "read:organizations"] },
    handle: ({ ctx, params, query }) => {
      const q = parseQuery(query, offsetParams);
      const user = requireUser(ctx, params.id!);
      const organizations = ctx.tenant.state.organizations.filter((o) => ctx.tenant.member(o, user.user_id));
      return ok(paginate(organizations, q, { key: "organizations", view: organizationView }));
    },
  },
  {
    method: "GET",
    path: "/users/:id/roles",
    scopes: { allOf: ["read:users", "read:roles", "read:role_members"] },
    handle: ({ ctx, params, query }) => {
      const q = parseQuery(query, offsetParams);
      const user = requireUser(ctx, params.id!, "User not found.");
      return ok(paginate(rolesByIds(ctx, user.roles).map(roleView), q, { key: "roles" }));
    },
  },
  {
    // https://auth0.com/docs/manage-users/access-control/configure-core-rbac/rbac-users/remove-roles-from-users
    // (a token with update:users); 204, empty. Roles the user does not hold are left alone.
    method: "DELETE",
    path: "/users/:id/roles",
    scopes: { anyOf: ["update:users"] },
    handle: async ({ ctx, params, query, payload }) => {
      parseQuery(query, {});
      const { roles } = validatePayload<{ roles: string[] }>(userRolesSchema, await payload());
      const user = requireUser(ctx, params.id!, "User not found.");
      user.roles = user.roles.filter((id) => !roles.includes(id));
      return noContent();
    },
  },
];
