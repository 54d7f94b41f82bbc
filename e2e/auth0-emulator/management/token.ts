// Client-credentials tokens for the Management API (`POST /oauth/token`), and their verification on
// every /api/v2 call: RS256 JWTs signed by a key made once per process.
import type { IncomingMessage } from "node:http";
import { errors, generateKeyPair, jwtVerify, SignJWT } from "jose";
import type { EmulatorContext } from "../context.ts";
import type { Client } from "../tenant.ts";
import { randomAlphanumeric } from "../tenant.ts";
import { ApiError } from "./errors.ts";
import { readPayload } from "./http.ts";
import type { ApiResponse } from "./router.ts";

const TOKEN_LIFETIME_SECONDS = 86400;
const KEY_ID = randomAlphanumeric(22);
const signingKey = generateKeyPair("RS256");

const managementAudience = (ctx: EmulatorContext) => `${ctx.apiOrigin}api/v2/`;

/** A Management API access token for `client`, as Auth0 issues it; `issuedAt` lets tests make expired ones. */
export async function issueManagementToken(ctx: EmulatorContext, client: Client, issuedAt = new Date()): Promise<string> {
  const iat = Math.floor(issuedAt.getTime() / 1000);
  return new SignJWT({ scope: (client.scopes ?? []).join(" "), gty: "client-credentials", azp: client.client_id })
    .setProtectedHeader({ alg: "RS256", typ: "JWT", kid: KEY_ID })
    .setIssuer(ctx.apiOrigin)
    .setSubject(`${client.client_id}@clients`)
    .setAudience(managementAudience(ctx))
    .setIssuedAt(iat)
    .setExpirationTime(iat + TOKEN_LIFETIME_SECONDS)
    .sign((await signingKey).privateKey);
}

const unauthorized = (message: string) => new ApiError(401, message);

/** The scopes of the request's bearer token; 401 in Auth0's words when it is missing or not ours. */
export async function verifyManagementToken(ctx: EmulatorContext, authorization: string | undefined): Promise<Set<string>> {
  if (!authorization) throw unauthorized("Missing authentication");
  const token = authorization.match(/^Bearer\s+(\S+)$/i)?.[1];
  if (!token) throw unauthorized("Invalid token.");
  try {
    const { payload } = await jwtVerify(token, (await signingKey).publicKey, {
      algorithms: ["RS256"],
      issuer: ctx.apiOrigin,
      audience: managementAudience(ctx),
    });
    return new Set(typeof payload.scope === "string" ? payload.scope.split(" ").filter(Boolean) : []);
  } catch (error) {
    if (error instanceof errors.JWTExpired) throw unauthorized("Expired token received for JSON Web Token validation.");
    if (error instanceof errors.JWSSignatureVerificationFailed) {
      throw unauthorized("Invalid signature received for JSON Web Token validation.");
    }
    throw unauthorized("Invalid token.");
  }
}

function oauthError(status: number, error: string, description: string): ApiResponse {
  return { status, body: { error, error_description: description } };
}

function field(body: Record<string, unknown>, name: string): string | undefined {
  const value = body[name];
  return typeof value === "string" ? value : undefined;
}

/** `POST /oauth/token`, client credentials only: the other grants belong to the sign-in server. */
export async function handleTokenRequest(ctx: EmulatorContext, req: IncomingMessage): Promise<ApiResponse> {
  const { value } = await readPayload(req);
  const body = typeof value === "object" && value !== null ? (value as Record<string, unknown>) : {};
  const grantType = field(body, "grant_type");
  if (!grantType) return oauthError(400, "invalid_request", "Missing required parameter: grant_type");
  if (grantType !== "client_credentials") {
    return oauthError(400, "unsupported_grant_type", `Unsupported grant type: ${grantType}`);
  }
  const client = ctx.tenant.client(field(body, "client_id") ?? "");
  if (!client || client.client_secret !== field(body, "client_secret")) {
    return oauthError(401, "access_denied", "Unauthorized");
  }
  if (!client.grant_types.includes("client_credentials")) {
    return oauthError(403, "unauthorized_client", "Grant type 'client_credentials' not allowed for the client.");
  }
  const audience = field(body, "audience");
  if (!audience) {
    return oauthError(403, "access_denied", "No audience parameter was provided, and no default audience has been configured");
  }
  if (audience !== managementAudience(ctx)) return oauthError(403, "access_denied", `Service not found: ${audience}`);
  return {
    status: 200,
    body: {
      access_token: await issueManagementToken(ctx, client),
      expires_in: TOKEN_LIFETIME_SECONDS,
      scope: (client.scopes ?? []).join(" "),
      token_type: "Bearer",
    },
    headers: { "cache-control": "no-store" },
  };
}
