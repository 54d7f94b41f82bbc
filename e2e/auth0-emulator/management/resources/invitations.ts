// An organization's invitations: list (offset paging, sort, fields), get one, delete; create is in create-invitation.ts.
import type { EmulatorContext } from "../../context.ts";
import type { Invitation } from "../../tenant.ts";
import { notFound } from "../errors.ts";
import { fieldParams, selectFields } from "../fields.ts";
import { offsetParams, paginate } from "../paging.ts";
import { matching, parseQuery } from "../query.ts";
import { noContent, ok, type Route } from "../router.ts";
import { createInvitation } from "./create-invitation.ts";
import { requireOrganization } from "./organizations.ts";

// `ticket_id` is returned but cannot be asked for.
const fields = fieldParams([
  "app_metadata",
  "user_metadata",
  "client_id",
  "connection_id",
  "created_at",
  "expires_at",
  "id",
  "invitation_url",
  "invitee",
  "inviter",
  "organization_id",
  "roles",
]);
const listParams = { ...offsetParams, ...fields, sort: matching(/^created_at:(1|-1)$/) };

function requireInvitation(ctx: EmulatorContext, organizationId: string, invitationId: string): Invitation {
  const organization = requireOrganization(ctx, organizationId);
  const invitation = ctx.tenant.state.invitations.find(
    (i) => i.id === invitationId && i.organization_id === organization.id,
  );
  if (!invitation) throw notFound("The invitation does not exist.", "inexistent_invitation");
  return invitation;
}

/** By `created_at`; invitations made in the same millisecond keep the order they were made in. */
function sortByCreation(invitations: Invitation[], direction: 1 | -1): Invitation[] {
  const ordered = [...invitations].sort((a, b) => a.created_at.localeCompare(b.created_at));
  return direction === 1 ? ordered : ordered.reverse();
}

export const invitationRoutes: Route[] = [
  {
    method: "GET",
    path: "/organizations/:id/invitations",
    scopes: { anyOf: ["read:organization_invitations"] },
    handle: ({ ctx, params, query }) => {
      const q = parseQuery(query, listParams);
      const organization = requireOrganization(ctx, params.id!);
      const mine = ctx.tenant.state.invitations.filter((i) => i.organization_id === organization.id);
      const sorted = sortByCreation(mine, q.sort === "created_at:1" ? 1 : -1);
      return ok(paginate(sorted, q, { key: "invitations", limit: "count", total: false, view: (i) => selectFields(i, q) }));
    },
  },
  {
    method: "POST",
    path: "/organizations/:id/invitations",
    scopes: { anyOf: ["create:organization_invitations"] },
    handle: createInvitation,
  },
  {
    method: "GET",
    path: "/organizations/:id/invitations/:invitation_id",
    scopes: { anyOf: ["read:organization_invitations"] },
    handle: ({ ctx, params, query }) => {
      const q = parseQuery(query, fields);
      return ok(selectFields(requireInvitation(ctx, params.id!, params.invitation_id!), q));
    },
  },
  {
    method: "DELETE",
    path: "/organizations/:id/invitations/:invitation_id",
    scopes: { anyOf: ["delete:organization_invitations"] },
    handle: ({ ctx, params, query }) => {
      parseQuery(query, {});
      const invitation = requireInvitation(ctx, params.id!, params.invitation_id!);
      ctx.tenant.state.invitations = ctx.tenant.state.invitations.filter((i) => i !== invitation);
      return noContent();
    },
  },
];
