// GET /clients and /clients/{id}. Secrets are never returned (nor our seed's Management scopes).
import type { Client } from "../../tenant.ts";
import { notFound } from "../errors.ts";
import { fieldParams, selectFields } from "../fields.ts";
import { checkpointParams, offsetParams, paginate } from "../paging.ts";
import { boolean, list, parseQuery } from "../query.ts";
import { ok, type Route } from "../router.ts";

// `client_metadata` only when set: Auth0 gives applications without metadata no such property.
function clientView({ client_secret: _secret, scopes: _scopes, client_metadata, ...client }: Client) {
  return { ...client, ...(client_metadata && Object.keys(client_metadata).length > 0 ? { client_metadata } : {}), is_first_party: true };
}

const read = { anyOf: ["read:clients", "read:client_summary"] };
const fields = fieldParams();

export const clientRoutes: Route[] = [
  {
    method: "GET",
    path: "/clients",
    scopes: read,
    handle: ({ ctx, query }) => {
      const q = parseQuery(query, {
        ...offsetParams,
        ...checkpointParams,
        ...fields,
        app_type: list,
        is_global: boolean,
        is_first_party: boolean,
      });
      const clients = ctx.tenant.state.clients.filter(
        (c) =>
          (!q.app_type?.length || q.app_type.includes(c.app_type)) &&
          q.is_global !== true &&
          q.is_first_party !== false,
      );
      return ok(paginate(clients.map((c) => selectFields(clientView(c), q)), q, { key: "clients" }));
    },
  },
  {
    method: "GET",
    path: "/clients/:id",
    scopes: read,
    handle: ({ ctx, params, query }) => {
      const q = parseQuery(query, fields);
      const client = ctx.tenant.client(params.id!);
      if (!client) throw notFound("The client does not exist", "inexistent_client");
      return ok(selectFields(clientView(client), q));
    },
  },
];
