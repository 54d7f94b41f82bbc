// GET /connections (filtered by strategy and name) and /connections/{id}.
import type { Connection } from "../../tenant.ts";
import { notFound } from "../errors.ts";
import { fieldParams, selectFields } from "../fields.ts";
import { checkpointParams, offsetParams, paginate } from "../paging.ts";
import { list, parseQuery, text } from "../query.ts";
import { ok, type Route } from "../router.ts";

function connectionView(c: Connection) {
  return { id: c.id, name: c.name, strategy: c.strategy, realms: [c.name], is_domain_connection: false };
}

const read = { anyOf: ["read:connections"] };
const fields = fieldParams();

export const connectionRoutes: Route[] = [
  {
    method: "GET",
    path: "/connections",
    scopes: read,
    handle: ({ ctx, query }) => {
      const q = parseQuery(query, { ...offsetParams, ...checkpointParams, ...fields, strategy: list, name: text });
      const connections = ctx.tenant.state.connections.filter(
        (c) => (!q.strategy?.length || q.strategy.includes(c.strategy)) && (q.name === undefined || c.name === q.name),
      );
      const views = connections.map((c) => selectFields(connectionView(c), q));
      return ok(paginate(views, q, { key: "connections", defaultPerPage: 100 }));
    },
  },
  {
    method: "GET",
    path: "/connections/:id",
    scopes: read,
    handle: ({ ctx, params, query }) => {
      const q = parseQuery(query, fields);
      const connection = ctx.tenant.state.connections.find((c) => c.id === params.id);
      if (!connection) throw notFound("The connection does not exist", "inexistent_connection");
      return ok(selectFields(connectionView(connection), q));
    },
  },
];
