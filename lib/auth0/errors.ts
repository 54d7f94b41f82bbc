// Turns a Management API error into a message a person can act on, and the form field it concerns.
// Covers every error Auth0 documents for the invitation endpoints (see shared/auth0-api.md §1, §3).

export type InvitationField = "emails" | "clientId" | "connectionId" | "roleIds" | "inviterName" | "customAmount";

export type MappedError = {
  code: string;
  message: string;
  field?: InvitationField;
  status?: number;
};

type Auth0Body = { statusCode?: number; error?: string; message?: string; errorCode?: string };

/** Any error carrying Auth0's `statusCode` and body, as the `auth0` SDK's ManagementError does. */
export function auth0ErrorParts(error: unknown): { status?: number; body: Auth0Body } | undefined {
  if (typeof error !== "object" || error === null || !("statusCode" in error)) return undefined;
  const { statusCode, body } = error as { statusCode?: number; body?: unknown };
  return { status: statusCode, body: typeof body === "object" && body !== null ? (body as Auth0Body) : {} };
}

const ASK_ADMIN = "ask your Auth0 administrator";

type Rule = { test: RegExp; field?: InvitationField; code: string; message: (match: RegExpMatchArray) => string };

const BAD_REQUEST_RULES: Rule[] = [
  {
    test: /^The specified client_id does not exist/,
    field: "clientId",
    code: "application_missing",
    message: () => "This application no longer exists in Auth0. Choose another application.",
  },
  {
    test: /^The specified client_id does not allow organizations/,
    field: "clientId",
    code: "application_without_organizations",
    message: () => `This application does not accept organization members. Choose another application, or ${ASK_ADMIN} to allow organizations on it.`,
  },
  {
    test: /^A default login route is required/,
    field: "clientId",
    code: "application_without_login_route",
    message: () => `This application has no login route (Application Login URI) in Auth0, so no invitation link can be made. Choose another application, or ${ASK_ADMIN} to set one.`,
  },
  {
    test: /^The specified connection does not exist/,
    field: "connectionId",
    code: "connection_missing",
    message: () => "This connection no longer exists in Auth0. Choose another connection, or leave it empty to let invitees choose.",
  },
  {
    test: /^The specified connection \((.+)\) is not enabled for the organization/,
    field: "connectionId",
    code: "connection_not_enabled",
    message: () => "This connection is not enabled for the organization. Choose another connection, or leave it empty to let invitees choose.",
  },
  {
    test: /^Passwordless connections are not supported/,
    field: "connectionId",
    code: "connection_passwordless",
    message: () => "Passwordless connections cannot be used for invitations. Choose another connection, or leave it empty.",
  },
  {
    test: /^One or more of the specified roles do not exist: (.+)$/,
    field: "roleIds",
    code: "roles_missing",
    message: (m) => `These roles no longer exist in Auth0: ${m[1]}. Reload the page and choose the roles again.`,
  },
  {
    test: /^The custom domain does not exist for the tenant/,
    code: "custom_domain_missing",
    message: () => `The custom domain this app is configured with (AUTH0_CUSTOM_DOMAIN) is not a domain of your Auth0 tenant; ${ASK_ADMIN}.`,
  },
  {
    test: /^The auth0-custom-domain HTTP header has an invalid format/,
    code: "custom_domain_invalid",
    message: () => `The custom domain this app is configured with (AUTH0_CUSTOM_DOMAIN) is not a valid host name; ${ASK_ADMIN}.`,
  },
  {
    test: /^Requesting page exceeds the allowed maximum of 1000 records/,
    code: "page_too_deep",
    message: () => "Auth0 lists at most 1000 invitations. Narrow your search to find older ones.",
  },
];

/** Schema failures name the property, e.g. `… on property invitee.email (…)`. */
const PROPERTY_FIELDS: [RegExp, InvitationField, string][] = [
  [/invitee\.email|invitee/, "emails", "Auth0 did not accept this email address. Check it for typos."],
  [/inviter\.name|inviter/, "inviterName", `Auth0 did not accept the inviter name. Use 1 to 300 characters.`],
  [/ttl_sec/, "customAmount", "Auth0 did not accept the expiry. Choose at most 30 days."],
  [/roles/, "roleIds", "Auth0 did not accept the roles. Choose between 1 and 50 roles, or none."],
  [/connection_id/, "connectionId", "Auth0 did not accept the connection. Choose another, or leave it empty."],
  [/client_id/, "clientId", "Auth0 did not accept the application. Choose another application."],
];

function mapBadRequest(message: string, errorCode?: string): MappedError {
  for (const rule of BAD_REQUEST_RULES) {
    const match = message.match(rule.test);
    if (match) return { code: rule.code, field: rule.field, message: rule.message(match), status: 400 };
  }
  if (errorCode === "invalid_query_string") {
    return { code: "invalid_query", message: "Auth0 did not accept the request's query. Reload the page and try again.", status: 400 };
  }
  const property = message.match(/on property ([\w.[\]]+)/)?.[1] ?? message;
  for (const [pattern, field, text] of PROPERTY_FIELDS) {
    if (pattern.test(property)) return { code: "invalid_field", field, message: text, status: 400 };
  }
  return { code: "invalid_request", message: `Auth0 did not accept the request: ${message}`, status: 400 };
}

export function mapAuth0Error(error: unknown): MappedError {
  const parts = auth0ErrorParts(error);
  // The SDK reports a failed fetch as a ManagementError too, with statusCode undefined: Auth0 never answered.
  if (!parts || parts.status === undefined) {
    const timedOut = error instanceof Error && /timeout|timed out|aborted/i.test(error.message);
    return {
      code: timedOut ? "auth0_timeout" : "auth0_unreachable",
      message: timedOut
        ? "Auth0 took too long to answer. Nothing may have been changed; check the list and try again."
        : "Could not reach Auth0. Try again in a moment.",
    };
  }
  const { status, body } = parts;
  const message = body.message ?? "";
  switch (status) {
    case 400:
      return mapBadRequest(message, body.errorCode);
    case 401:
      return {
        code: "management_unauthorized",
        status,
        message: `This app could not sign in to the Auth0 Management API (${message || "invalid token"}). Check its machine-to-machine client id and secret, or ${ASK_ADMIN}.`,
      };
    case 403: {
      const scopes = message.match(/expected (?:any|all) of: ([^.]+)/)?.[1];
      return {
        code: "insufficient_scope",
        status,
        message: scopes
          ? `This app's machine-to-machine application lacks ${scopes} — ${ASK_ADMIN} to grant it.`
          : `Auth0 refused this app's request${message ? ` (${message})` : ""}; ${ASK_ADMIN}.`,
      };
    }
    case 404:
      if (body.errorCode === "inexistent_invitation" || /invitation/i.test(message)) {
        return { code: "invitation_missing", status, message: "This invitation no longer exists: it was accepted, revoked or has expired. Refresh the list." };
      }
      return { code: "organization_missing", status, message: "This organization no longer exists in Auth0. Go back to your organizations and choose another." };
    case 408:
      return {
        code: "auth0_timeout",
        status,
        message: "Auth0 took too long to answer. Nothing may have been changed; check the list and try again.",
      };
    case 409:
      return {
        code: "custom_domain_ambiguous",
        status,
        message: `Your Auth0 tenant has several custom domains, so invitations need one named: set AUTH0_CUSTOM_DOMAIN, or ${ASK_ADMIN}.`,
      };
    case 429:
      return {
        code: "rate_limited",
        status,
        message: "Auth0's rate limit was reached and retrying did not help. Wait a minute, then try again for the addresses that were not invited.",
      };
    default:
      return {
        code: "auth0_error",
        status,
        message: `Auth0 answered with an error (${status ?? "unknown"}${message ? `: ${message}` : ""}). Try again in a moment.`,
      };
  }
}
