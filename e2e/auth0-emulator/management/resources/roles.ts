// GET /roles, and the role helpers the member and invitation routes share.
import type { EmulatorContext } from "../../context.ts";
import type { Role } from "../../tenant.ts";
import { invalidBody } from "../errors.ts";
import { offsetParams, paginate } from "../paging.ts";
import { parseQuery, text } from "../query.ts";
import { ok, type Route } from "../router.ts";

export function roleView(role: Role) {
  return { id: role.id, name: role.name, ...(role.description ? { description: role.description } : {}) };
}

export function rolesByIds(ctx: EmulatorContext, ids: string[]): Role[] {
  return ctx.tenant.state.roles.filter((role) => ids.includes(role.id));
}

/** 400 listing the role ids the tenant does not have, as invitation and member-role writes answer. */
export function requireRolesExist(ctx: EmulatorContext, ids: string[]): void {
  const missing = ids.filter((id) => !ctx.tenant.state.roles.some((role) => role.id === id));
  if (missing.length > 0) throw invalidBody(`One or more of the specified roles do not exist: ${missing.join(", ")}`);
}

export const roleRoutes: Route[] = [
  {
    method: "GET",
    path: "/roles",
    scopes: { anyOf: ["read:roles"] },
    handle: ({ ctx, query }) => {
      const q = parseQuery(query, { ...offsetParams, name_filter: text });
      const filter = q.name_filter?.toLowerCase();
      const roles = ctx.tenant.state.roles.filter((role) => !filter || role.name.toLowerCase().includes(filter));
      return ok(paginate(roles.map(roleView), q, { key: "roles" }));
    },
  },
];
