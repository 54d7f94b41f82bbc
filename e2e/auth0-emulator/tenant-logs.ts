// Tenant log events as Auth0 writes them (https://auth0.com/docs/deploy-monitor/logs/log-event-type-codes):
// when a sign-in accepts an invitation, `si` / `fi` and `organization_member_added` (whose `details.reason` is
// `invitation` or `auto_membership`, https://auth0.com/docs/tenant-logs/other/organization-member-added), and `s` for
// every successful login; for every Management API write (member adds and removals, role changes, organization
// updates), one `sapi` event. Auth0 has no log type of its own for a member removed or added through the API.
// Read back through GET /api/v2/logs.
import type { Client, Invitation, LogEvent, Organization, TenantStore, User } from "./tenant.ts";
import { timestamp } from "./tenant.ts";

const DATABASE_CONNECTION = { connection: "Username-Password-Authentication", strategy: "auth0", strategy_type: "database" };

// Auth0's ids are 56 digits (e.g. 90020211201185132572079310688835925971249535794074878050, from
// retrieve-log-events-using-mgmt-api.mdx) and checkpoint readers compare them in order. Ours: "900", the
// process's start time (so ids keep growing across emulator restarts, and a reader's stored checkpoint stays
// behind new events), and a counter that a reset does not rewind, so no id repeats within one process.
const PROCESS_START = new Date().toISOString().replace(/\D/g, "").slice(0, 14);
let written = 0;

export function nextLogId(): string {
  written += 1;
  return `900${PROCESS_START}${String(written).padStart(39, "0")}`;
}

/** Where a sign-in came from: the application, the browser, and the host it reached. */
export type SignInFlow = { client?: Client; hostname: string; ip: string; userAgent?: string };

type EventFields = Partial<Omit<LogEvent, "log_id" | "date" | "type" | "hostname" | "ip" | "tenant_name">> & {
  description: string;
};

function write(tenant: TenantStore, type: string, flow: SignInFlow, fields: EventFields): LogEvent {
  const event: LogEvent = {
    log_id: nextLogId(),
    date: timestamp(),
    type,
    client_id: flow.client?.client_id,
    client_name: flow.client?.name ?? "",
    hostname: flow.hostname,
    ip: flow.ip,
    ...(flow.userAgent ? { user_agent: flow.userAgent } : {}),
    tenant_name: "emulator",
    environment_name: "local-emulator",
    details: {},
    ...fields,
  };
  tenant.state.logs.push(event);
  return event;
}

/** `details.invitation` of `si` and `fi`, exactly the properties the logs schema lists. */
function invitationDetails(invitation: Invitation) {
  return {
    invitation: {
      id: invitation.id,
      ticket_id: invitation.ticket_id,
      invitee: { email: invitation.invitee.email },
      inviter: { name: invitation.inviter.name, organization_id: invitation.organization_id },
      roles: invitation.roles ?? [],
      client_id: invitation.client_id,
      created_at: invitation.created_at,
      expires_at: invitation.expires_at,
    },
  };
}

const organizationFields = (organization: Organization) => ({
  organization_id: organization.id,
  organization_name: organization.name,
});

export function logInvitationAccepted(tenant: TenantStore, flow: SignInFlow, invitation: Invitation, organization: Organization, user: User) {
  return write(tenant, "si", flow, {
    description: "Successfully accepted a user invitation",
    ...DATABASE_CONNECTION,
    user_id: user.user_id,
    user_name: user.email,
    ...organizationFields(organization),
    details: invitationDetails(invitation),
  });
}

/** The invitation is used up all the same (auth0-api.md §1 Lifecycle). */
export function logInvitationFailed(
  tenant: TenantStore,
  flow: SignInFlow,
  invitation: Invitation,
  organization: Organization,
  account: { email: string; user?: User },
) {
  return write(tenant, "fi", flow, {
    description: `The invitation was for ${invitation.invitee.email}, not for ${account.email}`,
    ...DATABASE_CONNECTION,
    user_id: account.user?.user_id ?? "",
    user_name: account.email,
    ...organizationFields(organization),
    details: invitationDetails(invitation),
  });
}

export function logMemberAdded(tenant: TenantStore, flow: SignInFlow, organization: Organization, user: User) {
  return write(tenant, "organization_member_added", flow, {
    description: "Organization Member Added Operation",
    user_id: user.user_id,
    user_name: user.email,
    ...organizationFields(organization),
    details: { reason: "invitation" },
  });
}

/** `s`, a successful login: readers of invitation outcomes must skip it. */
export function logLogin(tenant: TenantStore, flow: SignInFlow, user: User, organization?: Organization) {
  return write(tenant, "s", flow, {
    description: "",
    ...DATABASE_CONNECTION,
    user_id: user.user_id,
    user_name: user.email,
    ...(organization ? organizationFields(organization) : {}),
  });
}

/** A Management API write, as Auth0 logs it: `sapi` (Success API Operation), with the request it answered. */
export type ApiOperation = {
  description: string;
  method: string;
  path: string;
  body: unknown;
  hostname: string;
  organization: Organization;
  userId?: string;
  /** 204 unless given; a write that answers with a body (PATCH) logs it with that body. */
  response?: { statusCode: number; body?: unknown };
};

export function logApiOperation(tenant: TenantStore, operation: ApiOperation) {
  const user = operation.userId ? tenant.user(operation.userId) : undefined;
  return write(tenant, "sapi", { hostname: operation.hostname, ip: "127.0.0.1" }, {
    description: operation.description,
    ...(user ? { user_id: user.user_id, user_name: user.email } : {}),
    ...organizationFields(operation.organization),
    details: {
      request: { method: operation.method.toLowerCase(), path: `/api/v2${operation.path}`, body: operation.body },
      response: operation.response ?? { statusCode: 204 },
    },
  });
}
