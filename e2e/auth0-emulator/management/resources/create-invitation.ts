// POST /organizations/{id}/invitations, validated as auth0-api.md §1 documents, with the invitation email
// going to the tenant's mailbox.
import type { EmulatorContext } from "../../context.ts";
import type { Client, CustomDomain, Invitation, Organization } from "../../tenant.ts";
import { newId, randomAlphanumeric, timestamp } from "../../tenant.ts";
import { ApiError, invalidBody } from "../errors.ts";
import { parseQuery } from "../query.ts";
import { created, type ApiRequest, type ApiResponse } from "../router.ts";
import { validatePayload, type Schema } from "../schema.ts";
import { requireOrganization } from "./organizations.ts";
import { requireRolesExist } from "./roles.ts";

type InvitationRequest = {
  inviter: { name: string };
  invitee: { email: string };
  client_id: string;
  connection_id?: string;
  app_metadata?: Record<string, unknown>;
  user_metadata?: Record<string, unknown>;
  ttl_sec?: number;
  roles?: string[];
  send_invitation_email?: boolean;
};

const invitationSchema: Schema = {
  type: "object",
  additionalProperties: false,
  required: ["inviter", "invitee", "client_id"],
  properties: {
    inviter: {
      type: "object",
      additionalProperties: false,
      required: ["name"],
      properties: { name: { type: "string", minLength: 1, maxLength: 300, description: "The Inviter's name." } },
    },
    invitee: {
      type: "object",
      additionalProperties: false,
      required: ["email"],
      properties: { email: { type: "string", format: "email", description: "The invitee's email." } },
    },
    client_id: {
      type: "string",
      description: "Auth0 client ID. Used to resolve the application's login initiation endpoint.",
    },
    connection_id: { type: "string", description: "The id of the connection to force invitee to authenticate with." },
    app_metadata: { type: "object", description: "Data related to the user that affects the application's core functionality." },
    user_metadata: { type: "object", description: "Data related to the user that does not affect the application's core functionality." },
    ttl_sec: {
      type: "integer",
      minimum: 0,
      maximum: 2592000,
      description: "Number of seconds for which the invitation is valid before expiration.",
    },
    roles: {
      type: "array",
      minItems: 1,
      maxItems: 50,
      items: { type: "string" },
      description: "List of roles IDs to associated with the user.",
    },
    send_invitation_email: {
      type: "boolean",
      description: "Whether the user will receive an invitation email (true) or no email (false), true by default",
    },
  },
};

const DEFAULT_TTL_SECONDS = 604800;
const PASSWORDLESS_STRATEGIES = new Set(["email", "sms"]);
const LOGIN_ROUTE_REQUIRED =
  "A default login route is required to generate the invitation url. For more information, see https://auth0.com/docs/universal-login/configure-default-login-routes";
const HOSTNAME = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$/;
const LOOPBACK_HOSTS = new Set(["127.0.0.1", "localhost", "[::1]"]);

function checkCustomDomainHeader(header: string | undefined): void {
  if (header === undefined) return;
  if (header.length < 3 || header.length > 255 || !HOSTNAME.test(header)) {
    throw new ApiError(400, "The auth0-custom-domain HTTP header has an invalid format.");
  }
}

/**
 * The custom domain the request names. Without the header a real tenant with several verified custom domains
 * answers 409 "The tenant has multiple verified custom domains."; the emulator deliberately uses the canonical
 * domain instead, so that an app configured without a custom domain keeps working against the seeded tenant.
 */
function customDomain(ctx: EmulatorContext, header: string | undefined): CustomDomain | undefined {
  if (header === undefined) return undefined;
  const domain = ctx.tenant.state.customDomains.find(
    (d) => d.domain.toLowerCase() === header.toLowerCase() && d.status === "ready",
  );
  if (!domain) throw new ApiError(400, "The custom domain does not exist for the tenant.");
  return domain;
}

/**
 * The client's login route (`initiate_login_uri`). Auth0 insists on https; the emulator also accepts http on a
 * loopback host, because the app runs locally on http://127.0.0.1 in development and tests.
 */
function loginRoute(client: Client): URL | undefined {
  if (!client.initiate_login_uri) return undefined;
  let url: URL;
  try {
    url = new URL(client.initiate_login_uri);
  } catch {
    return undefined;
  }
  const allowed = url.protocol === "https:" || (url.protocol === "http:" && LOOPBACK_HOSTS.has(url.hostname));
  return allowed ? url : undefined;
}

function requireConnectionUsable(ctx: EmulatorContext, organization: Organization, connectionId: string): void {
  const connection = ctx.tenant.state.connections.find((c) => c.id === connectionId);
  if (!connection) throw invalidBody("The specified connection does not exist.");
  if (PASSWORDLESS_STRATEGIES.has(connection.strategy)) throw invalidBody("Passwordless connections are not supported.");
  if (!organization.enabled_connections.includes(connection.id)) {
    throw invalidBody(`The specified connection (${connection.id}) is not enabled for the organization`);
  }
}

function invitationUrl(route: URL, ticketId: string, organization: Organization, domain: CustomDomain | undefined): string {
  const url = new URL(route);
  if (domain) {
    url.hostname = domain.domain;
    url.port = "";
  }
  url.searchParams.append("invitation", ticketId);
  url.searchParams.append("organization", organization.id);
  url.searchParams.append("organization_name", organization.name);
  return url.toString();
}

function requireOrganizationClient(ctx: EmulatorContext, clientId: string): Client {
  const client = ctx.tenant.client(clientId);
  if (!client) throw invalidBody("The specified client_id does not exist.");
  if ((client.organization_usage ?? "deny") === "deny") throw invalidBody("The specified client_id does not allow organizations.");
  return client;
}

function requireLoginRoute(client: Client): { client: Client; route: URL } {
  const route = loginRoute(client);
  if (!route) throw invalidBody(LOGIN_ROUTE_REQUIRED);
  return { client, route };
}

/** A new invitation as Auth0 makes one: an id, a ticket in its URL, created now (or at `createdAt`) and expiring after its ttl. */
function newInvitation(
  organization: Organization,
  { client, route }: { client: Client; route: URL },
  request: InvitationRequest,
  { domain, createdAt = new Date() }: { domain?: CustomDomain; createdAt?: Date } = {},
): Invitation {
  const ttlSeconds = request.ttl_sec || DEFAULT_TTL_SECONDS;
  const ticketId = randomAlphanumeric(32);
  return {
    id: newId("uinv"),
    organization_id: organization.id,
    inviter: { name: request.inviter.name },
    invitee: { email: request.invitee.email },
    invitation_url: invitationUrl(route, ticketId, organization, domain),
    ticket_id: ticketId,
    created_at: timestamp(createdAt),
    expires_at: timestamp(new Date(createdAt.getTime() + ttlSeconds * 1000)),
    client_id: client.client_id,
    ...(request.connection_id !== undefined ? { connection_id: request.connection_id } : {}),
    ...(request.app_metadata ? { app_metadata: request.app_metadata } : {}),
    ...(request.user_metadata ? { user_metadata: request.user_metadata } : {}),
    ...(request.roles ? { roles: request.roles } : {}),
  };
}

export async function createInvitation({ ctx, params, query, headers, payload }: ApiRequest): Promise<ApiResponse> {
  const header = headers["auth0-custom-domain"]?.toString();
  checkCustomDomainHeader(header);
  parseQuery(query, {});
  const request = validatePayload<InvitationRequest>(invitationSchema, await payload());
  const organization = requireOrganization(ctx, params.id!);
  const domain = customDomain(ctx, header);
  const client = requireOrganizationClient(ctx, request.client_id);
  if (request.connection_id !== undefined) requireConnectionUsable(ctx, organization, request.connection_id);
  const invitable = requireLoginRoute(client);
  if (request.roles) requireRolesExist(ctx, request.roles);

  const invitation = newInvitation(organization, invitable, request, { domain });
  ctx.tenant.state.invitations.push(invitation);

  if (request.send_invitation_email !== false) {
    ctx.tenant.state.mailbox.push({
      to: invitation.invitee.email,
      subject: `You've been invited to join ${organization.display_name ?? organization.name}`,
      invitation_id: invitation.id,
      invitation_url: invitation.invitation_url,
      organization_id: organization.id,
      ...(domain ? { custom_domain: domain.domain } : {}),
      sent_at: invitation.created_at,
      sent_by: "auth0",
    });
  }
  return created(invitation);
}

export type InvitationSeed = {
  organizationId: string;
  clientId: string;
  emails: string[];
  roles?: string[];
  ttlSeconds?: number;
  /** When the first was created (default now); each next one `stepMs` later (default 1), so creation order is sure. */
  createdAt?: Date;
  stepMs?: number;
};

/**
 * The seeding control's work: many invitations at once, made as the API makes them (the same checks of the
 * organization, client and roles, no email), with creation times spaced apart. Answers them, in order.
 */
export function seedInvitations(ctx: EmulatorContext, seed: InvitationSeed): Invitation[] {
  const organization = requireOrganization(ctx, seed.organizationId);
  const invitable = requireLoginRoute(requireOrganizationClient(ctx, seed.clientId));
  if (seed.roles) requireRolesExist(ctx, seed.roles);
  const start = (seed.createdAt ?? new Date()).getTime();
  const made = seed.emails.map((email, i) =>
    newInvitation(
      organization,
      invitable,
      { inviter: { name: "Seeded" }, invitee: { email }, client_id: seed.clientId, roles: seed.roles, ttl_sec: seed.ttlSeconds },
      { createdAt: new Date(start + i * (seed.stepMs ?? 1)) },
    ),
  );
  ctx.tenant.state.invitations.push(...made);
  return made;
}
