// Contract: client-credentials tokens, bearer-token checks (401) and per-endpoint scopes (403).
import path from "node:path";
import { decodeJwt, decodeProtectedHeader, generateKeyPair, SignJWT } from "jose";
import { describe, expect, it } from "vitest";
import { ADMIN_APP, ADMIN_M2M, READ_ONLY_M2M } from "../app-env.ts";
import { issueManagementToken } from "./token.ts";
import { ACME, API_URL, AUDIENCE, api, auth0Error, createInvitation, requestToken, tokenFor, useEmulator } from "./testing.ts";

const emulator = useEmulator();

const credentials = (overrides: Record<string, string> = {}) => ({
  grant_type: "client_credentials",
  client_id: ADMIN_M2M.client_id,
  client_secret: ADMIN_M2M.client_secret,
  audience: AUDIENCE,
  ...overrides,
});

describe("the emulator's certificate", () => {
  it("is trusted by forked workers through NODE_EXTRA_CA_CERTS from the global setup", async () => {
    expect(process.env.NODE_EXTRA_CA_CERTS).toBe(path.resolve(".emulator/cert.pem"));
    // A plain fetch, no custom agent or CA: it fails with DEPTH_ZERO_SELF_SIGNED_CERT unless the worker trusts it.
    const response = await fetch(`${API_URL}/api/v2/organizations`);
    expect(response.status).toBe(401);
  });
});

describe("POST /oauth/token", () => {
  it("issues an RS256 Management API token with Auth0's claims", async () => {
    const before = Math.floor(Date.now() / 1000);
    const { status, body } = await requestToken(credentials());
    expect(status).toBe(200);
    const scope = emulator().context.tenant.client(ADMIN_M2M.client_id)!.scopes!.join(" ");
    expect(body).toEqual({ access_token: expect.any(String), expires_in: 86400, scope, token_type: "Bearer" });
    expect(decodeProtectedHeader(body.access_token)).toMatchObject({ alg: "RS256", typ: "JWT" });
    const claims = decodeJwt(body.access_token);
    expect(claims).toEqual({
      iss: `${API_URL}/`,
      sub: `${ADMIN_M2M.client_id}@clients`,
      aud: AUDIENCE,
      iat: expect.any(Number),
      exp: claims.iat! + 86400,
      scope,
      gty: "client-credentials",
      azp: ADMIN_M2M.client_id,
    });
    expect(claims.iat).toBeGreaterThanOrEqual(before);
  });

  it("accepts a form-encoded request, as the auth0 SDK sends it", async () => {
    const { status, body } = await requestToken(credentials(), true);
    expect(status).toBe(200);
    expect(decodeJwt(body.access_token).sub).toBe(`${ADMIN_M2M.client_id}@clients`);
  });

  it.each([
    ["a wrong secret", { client_secret: "nope" }, 401, { error: "access_denied", error_description: "Unauthorized" }],
    ["an unknown client", { client_id: "nobody" }, 401, { error: "access_denied", error_description: "Unauthorized" }],
    [
      "a client without the client-credentials grant",
      { client_id: ADMIN_APP.client_id, client_secret: ADMIN_APP.client_secret },
      403,
      { error: "unauthorized_client", error_description: "Grant type 'client_credentials' not allowed for the client." },
    ],
    [
      "another audience",
      { audience: "https://example.test/api/" },
      403,
      { error: "access_denied", error_description: "Service not found: https://example.test/api/" },
    ],
    [
      "no audience",
      { audience: "" },
      403,
      { error: "access_denied", error_description: "No audience parameter was provided, and no default audience has been configured" },
    ],
    ["no grant type", { grant_type: "" }, 400, { error: "invalid_request", error_description: "Missing required parameter: grant_type" }],
    ["another grant type", { grant_type: "password" }, 400, { error: "unsupported_grant_type", error_description: "Unsupported grant type: password" }],
  ])("refuses %s", async (_case, overrides, status, body) => {
    const reply = await requestToken(credentials(overrides));
    expect(reply.status).toBe(status);
    expect(reply.body).toEqual(body);
  });
});

describe("bearer tokens on /api/v2", () => {
  const unauthorized = (message: string) => auth0Error(401, "Unauthorized", message);

  it("answers 401 without a token", async () => {
    const { status, body } = await api("GET", "/organizations", { token: undefined });
    expect(status).toBe(401);
    expect(body).toEqual(unauthorized("Missing authentication"));
  });

  it("answers 401 Invalid token. for garbage", async () => {
    const { status, body } = await api("GET", "/organizations", { token: "not-a-jwt" });
    expect(status).toBe(401);
    expect(body).toEqual(unauthorized("Invalid token."));
  });

  it("answers 401 for a token signed by another key", async () => {
    const { privateKey } = await generateKeyPair("RS256");
    const now = Math.floor(Date.now() / 1000);
    const forged = await new SignJWT({ scope: "read:organizations", gty: "client-credentials" })
      .setProtectedHeader({ alg: "RS256" })
      .setIssuer(`${API_URL}/`)
      .setAudience(AUDIENCE)
      .setSubject(`${ADMIN_M2M.client_id}@clients`)
      .setIssuedAt(now)
      .setExpirationTime(now + 3600)
      .sign(privateKey);
    const { status, body } = await api("GET", "/organizations", { token: forged });
    expect(status).toBe(401);
    expect(body).toEqual(unauthorized("Invalid signature received for JSON Web Token validation."));
  });

  it("answers 401 for an expired token", async () => {
    const client = emulator().context.tenant.client(ADMIN_M2M.client_id)!;
    const expired = await issueManagementToken(emulator().context, client, new Date(Date.now() - 2 * 86400_000));
    const { status, body } = await api("GET", "/organizations", { token: expired });
    expect(status).toBe(401);
    expect(body).toEqual(unauthorized("Expired token received for JSON Web Token validation."));
  });

  it("answers 401 for our own signature on another tenant's issuer and audience", async () => {
    const ctx = emulator().context;
    const elsewhere = await issueManagementToken({ ...ctx, apiOrigin: "https://other.example.test/" }, ctx.tenant.client(ADMIN_M2M.client_id)!);
    const { status, body } = await api("GET", "/organizations", { token: elsewhere });
    expect(status).toBe(401);
    expect(body).toEqual(unauthorized("Invalid token."));
  });
});

describe("scopes", () => {
  it("refuses an invitation from the read-only client with 403 insufficient_scope", async () => {
    const token = await tokenFor(READ_ONLY_M2M);
    const { status, body } = await createInvitation({}, { token });
    expect(status).toBe(403);
    expect(body).toEqual(
      auth0Error(403, "Forbidden", "Insufficient scope; expected any of: create:organization_invitations.", "insufficient_scope"),
    );
    expect(emulator().context.tenant.state.invitations).toEqual([]);
  });

  it("lets the read-only client read what its scopes cover", async () => {
    const token = await tokenFor(READ_ONLY_M2M);
    expect((await api("GET", `/organizations/${ACME}/invitations`, { token })).status).toBe(200);
  });

  /** A token for the app's M2M client holding only `scopes`. */
  async function tokenWith(...scopes: string[]) {
    emulator().context.tenant.client(ADMIN_M2M.client_id)!.scopes = scopes;
    return tokenFor(ADMIN_M2M);
  }

  it.each([
    ["GET", "/organizations", "Insufficient scope; expected any of: read:organizations."],
    ["GET", `/organizations/${ACME}/members`, "Insufficient scope; expected any of: read:organization_members."],
    ["GET", `/organizations/${ACME}/invitations`, "Insufficient scope; expected any of: read:organization_invitations."],
    ["DELETE", `/organizations/${ACME}/invitations/uinv_x`, "Insufficient scope; expected any of: delete:organization_invitations."],
    ["GET", `/organizations/${ACME}/enabled_connections`, "Insufficient scope; expected any of: read:organization_connections."],
    ["POST", `/organizations/${ACME}/members`, "Insufficient scope; expected any of: create:organization_members."],
    ["GET", "/users/auth0%7Cbob000000000000000000003/organizations", "Insufficient scope; expected any of: read:users,read:organizations."],
    ["GET", "/users/auth0%7Cbob000000000000000000003/roles", "Insufficient scope; expected all of: read:users,read:roles,read:role_members."],
    ["GET", "/clients", "Insufficient scope; expected any of: read:clients,read:client_summary."],
    ["GET", "/connections", "Insufficient scope; expected any of: read:connections."],
    ["GET", "/roles", "Insufficient scope; expected any of: read:roles."],
    ["GET", "/logs", "Insufficient scope; expected any of: read:logs,read:logs_users."],
  ])("%s %s needs its scope", async (method, path, message) => {
    const token = await tokenWith("read:role_members");
    const { status, body } = await api(method, path, { token });
    expect(status).toBe(403);
    expect(body).toEqual(auth0Error(403, "Forbidden", message, "insufficient_scope"));
  });

  it("needs read:organization_member_roles to list members with their roles", async () => {
    const token = await tokenWith("read:organization_members");
    expect((await api("GET", `/organizations/${ACME}/members`, { token })).status).toBe(200);
    const { status, body } = await api("GET", `/organizations/${ACME}/members?fields=user_id,roles`, { token });
    expect(status).toBe(403);
    expect(body.message).toBe("Insufficient scope; expected any of: read:organization_member_roles.");
  });

  it("needs every one of the scopes an all-of endpoint lists", async () => {
    const token = await tokenWith("read:users", "read:roles");
    expect((await api("GET", "/users/auth0%7Cbob000000000000000000003/roles", { token })).status).toBe(403);
  });

  it("accepts any one of several scopes", async () => {
    const token = await tokenWith("read:organizations");
    expect((await api("GET", "/users/auth0%7Cbob000000000000000000003/organizations", { token })).status).toBe(200);
  });
});
