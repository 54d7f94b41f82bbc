import { Management, ManagementError, ManagementTimeoutError } from "auth0";
import { describe, expect, it } from "vitest";
import { mapAuth0Error, type InvitationField } from "./errors";

// Errors built exactly as the `auth0` SDK (v7) throws them from organizations.invitations.create:
// 400/401/403/404/429 as their ManagementError subclasses, any other status as a plain ManagementError,
// a timeout as ManagementTimeoutError, and a failed fetch as a ManagementError without a status.
type Body = { statusCode: number; error: string; message: string; errorCode?: string };
const body = (statusCode: number, error: string, message: string, errorCode?: string): Body => ({
  statusCode,
  error,
  message,
  ...(errorCode && { errorCode }),
});
const badRequest = (message: string, errorCode = "invalid_body") => new Management.BadRequestError(body(400, "Bad Request", message, errorCode));
const unauthorized = (message: string) => new Management.UnauthorizedError(body(401, "Unauthorized", message));
const forbidden = (message: string) => new Management.ForbiddenError(body(403, "Forbidden", message, "insufficient_scope"));
const notFound = (message: string, errorCode?: string) => new Management.NotFoundError(body(404, "Not Found", message, errorCode));
const tooMany = (payload: unknown) => new Management.TooManyRequestsError(payload);
const other = (statusCode: number, payload?: unknown) => new ManagementError({ statusCode, body: payload });

const ADMIN = /ask your Auth0 administrator/i;
const CHOOSE_APP = /choose another application/i;
const CHOOSE_CONNECTION = /choose another connection/i;
const TRY_AGAIN = /try again/i;

type Case = {
  name: string;
  error: unknown;
  code: string;
  field: InvitationField | undefined;
  status: number | undefined;
  /** Phrases the message must contain: what went wrong and what to do. */
  says: RegExp[];
};

const cases: Case[] = [
  // 400 invalid_body, the documented messages
  {
    name: "400 client_id does not exist",
    error: badRequest("The specified client_id does not exist."),
    code: "application_missing",
    field: "clientId",
    status: 400,
    says: [/application no longer exists/i, CHOOSE_APP],
  },
  {
    name: "400 client_id does not allow organizations",
    error: badRequest("The specified client_id does not allow organizations."),
    code: "application_without_organizations",
    field: "clientId",
    status: 400,
    says: [/does not accept organization/i, CHOOSE_APP, ADMIN],
  },
  {
    name: "400 default login route required",
    error: badRequest(
      "A default login route is required to generate the invitation url. For more information, see https://auth0.com/docs/universal-login/configure-default-login-routes",
    ),
    code: "application_without_login_route",
    field: "clientId",
    status: 400,
    says: [/login route|login URI/i, CHOOSE_APP, ADMIN],
  },
  {
    name: "400 connection does not exist",
    error: badRequest("The specified connection does not exist."),
    code: "connection_missing",
    field: "connectionId",
    status: 400,
    says: [/connection no longer exists/i, CHOOSE_CONNECTION, /leave it empty/i],
  },
  {
    name: "400 connection not enabled for the organization",
    error: badRequest("The specified connection (con_Hf9UNU0EQOLcvFyx) is not enabled for the organization"),
    code: "connection_not_enabled",
    field: "connectionId",
    status: 400,
    says: [/not enabled for the organization/i, CHOOSE_CONNECTION, /leave it empty/i],
  },
  {
    name: "400 passwordless connection",
    error: badRequest("Passwordless connections are not supported."),
    code: "connection_passwordless",
    field: "connectionId",
    status: 400,
    says: [/passwordless/i, CHOOSE_CONNECTION],
  },
  {
    name: "400 roles do not exist",
    error: badRequest("One or more of the specified roles do not exist: rol_AAAAAAAAAAAAAAAA, rol_BBBBBBBBBBBBBBBB"),
    code: "roles_missing",
    field: "roleIds",
    status: 400,
    says: [/roles no longer exist/i, /rol_AAAAAAAAAAAAAAAA, rol_BBBBBBBBBBBBBBBB/, /reload/i, /choose the roles again/i],
  },
  // 400 invalid_body, schema failures (TF-REC shape) naming the property
  {
    name: "400 schema failure on invitee.email",
    error: badRequest(
      "Payload validation error: 'Object didn't pass validation for format email: ann@@example.com' on property invitee.email (The invitee's email.).",
    ),
    code: "invalid_field",
    field: "emails",
    status: 400,
    says: [/email address/i, /check it for typos/i],
  },
  {
    name: "400 schema failure: invitee missing its email",
    error: badRequest("Payload validation error: 'Missing required property: email' on property invitee (The invitee)."),
    code: "invalid_field",
    field: "emails",
    status: 400,
    says: [/email address/i, /check it for typos/i],
  },
  {
    name: "400 schema failure on inviter.name",
    error: badRequest("Payload validation error: 'String is too long (301 chars), maximum 300' on property inviter.name (The Inviter's name.)."),
    code: "invalid_field",
    field: "inviterName",
    status: 400,
    says: [/inviter name/i, /1 to 300 characters/i],
  },
  {
    name: "400 schema failure: inviter missing its name",
    error: badRequest("Payload validation error: 'Missing required property: name' on property inviter (The Inviter)."),
    code: "invalid_field",
    field: "inviterName",
    status: 400,
    says: [/inviter name/i, /1 to 300 characters/i],
  },
  {
    name: "400 schema failure on ttl_sec",
    error: badRequest(
      "Payload validation error: 'Number is greater than the maximum value of 2592000' on property ttl_sec (Number of seconds for which the invitation is valid before expiration.).",
    ),
    code: "invalid_field",
    field: "customAmount",
    status: 400,
    says: [/expiry/i, /at most 30 days/i],
  },
  {
    name: "400 schema failure on roles (too many)",
    error: badRequest("Payload validation error: 'Array is too long (51), maximum 50' on property roles (List of roles IDs to associated with the user.)."),
    code: "invalid_field",
    field: "roleIds",
    status: 400,
    says: [/roles/i, /between 1 and 50/i],
  },
  {
    name: "400 schema failure on roles (empty)",
    error: badRequest("Payload validation error: 'Array is too short (0), minimum 1' on property roles (List of roles IDs to associated with the user.)."),
    code: "invalid_field",
    field: "roleIds",
    status: 400,
    says: [/roles/i, /or none/i],
  },
  {
    name: "400 schema failure on connection_id",
    error: badRequest("Payload validation error: 'Expected type string but found type integer' on property connection_id (The id of the connection to force invitee to authenticate with.)."),
    code: "invalid_field",
    field: "connectionId",
    status: 400,
    says: [/connection/i, /choose another/i],
  },
  {
    name: "400 schema failure: client_id missing (no property named)",
    error: badRequest("Payload validation error: 'Missing required property: client_id'."),
    code: "invalid_field",
    field: "clientId",
    status: 400,
    says: [/application/i, CHOOSE_APP],
  },
  {
    name: "400 invalid_query_string",
    error: badRequest("Invalid request query string. The message must be a valid JSON object.", "invalid_query_string"),
    code: "invalid_query",
    field: undefined,
    status: 400,
    says: [/query/i, /reload the page/i, TRY_AGAIN],
  },
  {
    name: "400 page beyond 1000 records (list)",
    error: badRequest("Requesting page exceeds the allowed maximum of 1000 records", "invalid_query_string"),
    code: "page_too_deep",
    field: undefined,
    status: 400,
    says: [/1000/, /narrow your search/i],
  },
  // 401
  ...["Invalid token.", "Invalid signature received for JSON Web Token validation.", "Client is not global."].map(
    (message): Case => ({
      name: `401 ${message}`,
      error: unauthorized(message),
      code: "management_unauthorized",
      field: undefined,
      status: 401,
      says: [/could not sign in to the Auth0 Management API/i, new RegExp(message.replace(/\./g, "\\.")), /client id and secret/i, ADMIN],
    }),
  ),
  // 403
  {
    name: "403 insufficient_scope names the scope",
    error: forbidden("Insufficient scope; expected any of: create:organization_invitations."),
    code: "insufficient_scope",
    field: undefined,
    status: 403,
    says: [/this app's machine-to-machine application lacks create:organization_invitations — ask your Auth0 administrator/i],
  },
  {
    name: "403 insufficient_scope naming several scopes (all of)",
    error: forbidden("Insufficient scope; expected all of: read:users, read:roles, read:role_members."),
    code: "insufficient_scope",
    field: undefined,
    status: 403,
    says: [/machine-to-machine application lacks read:users, read:roles, read:role_members —/i, ADMIN],
  },
  // 404
  {
    name: "404 No organization found",
    error: notFound("No organization found by that id."),
    code: "organization_missing",
    field: undefined,
    status: 404,
    says: [/organization no longer exists/i, /go back to your organizations/i, /choose another/i],
  },
  {
    name: "404 inexistent_invitation",
    error: notFound("The invitation does not exist.", "inexistent_invitation"),
    code: "invitation_missing",
    field: undefined,
    status: 404,
    says: [/invitation no longer exists/i, /refresh the list/i],
  },
  // 429, both Management API body shapes, and the token endpoint's client quota
  {
    name: "429 documented message",
    error: tooMany(
      body(429, "Too Many Requests", "Too many requests. Check the X-RateLimit-Limit, X-RateLimit-Remaining and X-RateLimit-Reset headers."),
    ),
    code: "rate_limited",
    field: undefined,
    status: 429,
    says: [/rate limit/i, /wait/i, TRY_AGAIN, /not invited/i],
  },
  {
    name: "429 global limit with errorCode too_many_requests",
    error: tooMany(body(429, "Too Many Requests", "Global limit has been reached", "too_many_requests")),
    code: "rate_limited",
    field: undefined,
    status: 429,
    says: [/rate limit/i, /wait/i, TRY_AGAIN],
  },
  {
    name: "429 token client quota (token endpoint body)",
    error: new ManagementError({
      message: "ManagementClient: token request failed",
      statusCode: 429,
      body: { error: "too_many_requests", error_description: "Client quota exceeded" },
    }),
    code: "rate_limited",
    field: undefined,
    status: 429,
    says: [/rate limit/i, /wait/i, TRY_AGAIN],
  },
  // custom domain (auth0-custom-domain header)
  {
    name: "409 multiple verified custom domains",
    error: other(409, body(409, "Conflict", "The tenant has multiple verified custom domains.")),
    code: "custom_domain_ambiguous",
    field: undefined,
    status: 409,
    says: [/several custom domains/i, /set AUTH0_CUSTOM_DOMAIN/, ADMIN],
  },
  {
    name: "400 custom domain does not exist",
    error: badRequest("The custom domain does not exist for the tenant."),
    code: "custom_domain_missing",
    field: undefined,
    status: 400,
    says: [/AUTH0_CUSTOM_DOMAIN/, /not a domain of your Auth0 tenant/i, ADMIN],
  },
  {
    name: "400 custom domain header invalid",
    error: badRequest("The auth0-custom-domain HTTP header has an invalid format."),
    code: "custom_domain_invalid",
    field: undefined,
    status: 400,
    says: [/AUTH0_CUSTOM_DOMAIN/, /not a valid host name/i, ADMIN],
  },
  // not Auth0's answer
  {
    name: "network failure (plain Error)",
    error: new TypeError("fetch failed"),
    code: "auth0_unreachable",
    field: undefined,
    status: undefined,
    says: [/could not reach Auth0/i, TRY_AGAIN],
  },
  {
    name: "network failure as the SDK reports it (ManagementError without a status)",
    error: new ManagementError({ message: "fetch failed", cause: new TypeError("fetch failed") }),
    code: "auth0_unreachable",
    field: undefined,
    status: undefined,
    says: [/could not reach Auth0/i, TRY_AGAIN],
  },
  {
    name: "timeout (ManagementTimeoutError)",
    error: new ManagementTimeoutError("Timeout exceeded when calling POST /organizations/{id}/invitations."),
    code: "auth0_timeout",
    field: undefined,
    status: undefined,
    says: [/took too long/i, /check the list/i, TRY_AGAIN],
  },
  {
    name: "500 Internal Server Error",
    error: other(500, body(500, "Internal Server Error", "Internal error")),
    code: "auth0_error",
    field: undefined,
    status: 500,
    says: [/500/, TRY_AGAIN],
  },
];

describe("mapAuth0Error", () => {
  it("builds errors the way the SDK does", () => {
    const error = badRequest("The specified client_id does not exist.");
    expect(error).toBeInstanceOf(ManagementError);
    expect(error.statusCode).toBe(400);
    expect(error.body).toEqual({ statusCode: 400, error: "Bad Request", message: "The specified client_id does not exist.", errorCode: "invalid_body" });
  });

  it.each(cases)("$name", ({ error, code, field, status, says }) => {
    const mapped = mapAuth0Error(error);
    expect(mapped.code).toBe(code);
    expect(mapped.field).toBe(field);
    expect(mapped.status).toBe(status);
    for (const phrase of says) expect(mapped.message).toMatch(phrase);
    // A person sees the message, not the SDK's debugging dump.
    expect(mapped.message).not.toMatch(/Status code:|Body:|BadRequestError|ManagementError/);
  });
});
