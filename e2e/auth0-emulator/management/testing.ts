// Shared by the contract tests: an in-process emulator per test file, reset before each test, and small
// clients for its Management API and its controls. Plain `fetch` to https works because the vitest global
// setup exports NODE_EXTRA_CA_CERTS before the workers start.
import path from "node:path";
import { afterAll, beforeAll, beforeEach } from "vitest";
import { ADMIN_M2M } from "../app-env.ts";
import { readEmulatorConfig, type EmulatorConfig } from "../config.ts";
import { startEmulator, type RunningEmulator } from "../main.ts";
import { issueManagementToken } from "./token.ts";

// Ports of the in-process emulator; VITEST_EMULATOR_PORT moves both, so two checkouts can test at once.
const SIGN_IN_PORT = Number(process.env.VITEST_EMULATOR_PORT ?? 18080);
const API_PORT = SIGN_IN_PORT + 363;
export const API_HOST = `127.0.0.1:${API_PORT}`;
export const API_URL = `https://${API_HOST}`;
export const AUDIENCE = `${API_URL}/api/v2/`;
export const SIGN_IN_URL = `http://127.0.0.1:${SIGN_IN_PORT}`;
/** The SMTP sink's port, for tests of the app's own email (`useEmulator({ smtpPort: SMTP_SINK_PORT })`). */
export const SMTP_SINK_PORT = SIGN_IN_PORT + 25;
const CONTROLS_URL = `${SIGN_IN_URL}/__emulator`;

export const ACME = "org_AcmeCorp00000001";
export const GLOBEX = "org_Globex0000000002";
export const ADMIN_APP_ID = "AdminAppClientId0000000000000001";

export type Reply<T = any> = { status: number; headers: Headers; body: T; text: string };

async function reply<T>(response: Response): Promise<Reply<T>> {
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: text ? JSON.parse(text) : undefined, text };
}

let running: RunningEmulator | undefined;

/** Starts the emulator for the calling test file (settings such as `seedOrganizations` may be given); returns a getter for it. */
export function useEmulator(settings: Partial<EmulatorConfig> = {}): () => RunningEmulator {
  beforeAll(async () => {
    running = await startEmulator({
      ...readEmulatorConfig({} as NodeJS.ProcessEnv),
      ...settings,
      signInPort: SIGN_IN_PORT,
      apiPort: API_PORT,
      dataDir: path.resolve(".emulator"),
    });
  });
  afterAll(() => running?.close());
  beforeEach(async () => {
    await control("POST", "reset");
  });
  return () => running!;
}

export async function control<T = any>(method: string, name: string, body?: unknown): Promise<Reply<T>> {
  const response = await fetch(`${CONTROLS_URL}/${name}`, {
    method,
    headers: body === undefined ? undefined : { "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return reply<T>(response);
}

export async function requestToken(body: Record<string, string>, form = false): Promise<Reply> {
  const response = await fetch(`${API_URL}/oauth/token`, {
    method: "POST",
    headers: { "content-type": form ? "application/x-www-form-urlencoded" : "application/json" },
    body: form ? new URLSearchParams(body).toString() : JSON.stringify(body),
  });
  return reply(response);
}

export async function tokenFor(client: { client_id: string; client_secret: string } = ADMIN_M2M): Promise<string> {
  const { status, body } = await requestToken({
    grant_type: "client_credentials",
    client_id: client.client_id,
    client_secret: client.client_secret,
    audience: AUDIENCE,
  });
  if (status !== 200) throw new Error(`token request failed: ${status} ${JSON.stringify(body)}`);
  return body.access_token;
}

type ApiOptions = { token?: string; body?: unknown; headers?: Record<string, string>; rawBody?: string; contentType?: string };

// The seeded app client holds only the scopes the app needs; the contract tests also cover endpoints
// beyond those, so by default they call with a token the running emulator signs for every scope.
const EVERY_SCOPE = [
  ...(ADMIN_M2M as { scopes?: string[] }).scopes ?? [],
  "create:organization_members", "delete:organization_members",
  "create:organization_member_roles", "delete:organization_member_roles", "read:connections", "read:client_summary", "update:users",
  "update:organizations",
];

export async function everyScopeToken(): Promise<string> {
  const client = running!.context.tenant.client(ADMIN_M2M.client_id)!;
  return issueManagementToken(running!.context, { ...client, scopes: EVERY_SCOPE });
}

/** Calls `/api/v2{path}`; with no `token` given, with every scope (see above). */
export async function api<T = any>(method: string, path: string, options: ApiOptions = {}): Promise<Reply<T>> {
  const token = "token" in options ? options.token : await everyScopeToken();
  const body = options.rawBody ?? (options.body === undefined ? undefined : JSON.stringify(options.body));
  const response = await fetch(`${API_URL}/api/v2${path}`, {
    method,
    headers: {
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(body !== undefined ? { "content-type": options.contentType ?? "application/json" } : {}),
      ...options.headers,
    },
    body,
  });
  return reply<T>(response);
}

export function invitationBody(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    inviter: { name: "Alice Admin" },
    invitee: { email: "newcomer@acme.test" },
    client_id: ADMIN_APP_ID,
    ...overrides,
  };
}

export function createInvitation(overrides: Record<string, unknown> = {}, options: ApiOptions = {}, orgId = ACME) {
  return api("POST", `/organizations/${orgId}/invitations`, { ...options, body: invitationBody(overrides) });
}

export function auth0Error(statusCode: number, error: string, message: string, errorCode?: string) {
  return { statusCode, error, message, ...(errorCode ? { errorCode } : {}) };
}
