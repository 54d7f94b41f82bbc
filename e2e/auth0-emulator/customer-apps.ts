// The seeded customer applications (e.g. Acme Portal), played by the emulator itself so that an emailed
// invitation link can be accepted end to end in a browser. `/apps/{client_id}/login` is the application's
// login route (`initiate_login_uri`): as Auth0 requires of one, it forwards `invitation` and `organization`
// to /authorize (invite-members.mdx), with code + PKCE as the provider insists. `/apps/{client_id}/callback`
// exchanges the code and shows who signed in to which organization.
import { createHash, randomBytes } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { decodeJwt } from "jose";
import type { EmulatorContext } from "./context.ts";
import { escapeHtml, renderMessagePage } from "./sign-in-pages.ts";
import type { Client } from "./tenant.ts";

type Handler = (req: IncomingMessage, res: ServerResponse) => void;
type PendingLogin = { clientId: string; verifier: string };

const APP_PATH = /^\/apps\/([^/]+)\/(login|callback)$/;
const STATE_COOKIE = "emulator_app_state";
// Enough for any demo; the oldest pending logins go first so that abandoned ones cannot pile up.
const MAX_PENDING = 500;

export const isCustomerAppPath = (pathname: string) => APP_PATH.test(pathname);

function sendHtml(res: ServerResponse, status: number, html: string, headers: Record<string, string> = {}): void {
  res.writeHead(status, { "content-type": "text/html; charset=utf-8", "cache-control": "no-store", ...headers });
  res.end(html);
}

function cookie(req: IncomingMessage, name: string): string | undefined {
  for (const part of (req.headers.cookie ?? "").split(";")) {
    const [key, ...value] = part.trim().split("=");
    if (key === name) return value.join("=");
  }
  return undefined;
}

export function createCustomerAppsHandler(context: EmulatorContext): Handler {
  const pending = new Map<string, PendingLogin>();
  const callbackUrl = (clientId: string) => new URL(`/apps/${encodeURIComponent(clientId)}/callback`, context.signInIssuer).toString();

  /** Only a client whose callbacks name this emulator's callback page is served here. */
  function servedClient(clientId: string): Client | undefined {
    const client = context.tenant.client(clientId);
    if (!client?.grant_types.includes("authorization_code")) return undefined;
    return client.callbacks?.includes(callbackUrl(clientId)) ? client : undefined;
  }

  function login(res: ServerResponse, client: Client, url: URL): void {
    const state = randomBytes(16).toString("base64url");
    const verifier = randomBytes(32).toString("base64url");
    pending.set(state, { clientId: client.client_id, verifier });
    if (pending.size > MAX_PENDING) pending.delete(pending.keys().next().value!);

    const authorize = new URL("/authorize", context.signInIssuer);
    authorize.search = new URLSearchParams({
      client_id: client.client_id,
      redirect_uri: callbackUrl(client.client_id),
      response_type: "code",
      scope: "openid email profile",
      state,
      code_challenge: createHash("sha256").update(verifier).digest("base64url"),
      code_challenge_method: "S256",
    }).toString();
    for (const name of ["invitation", "organization"]) {
      const value = url.searchParams.get(name);
      if (value) authorize.searchParams.set(name, value);
    }
    res.writeHead(302, {
      location: authorize.toString(),
      "set-cookie": `${STATE_COOKIE}=${state}; Path=/apps/; HttpOnly; SameSite=Lax`,
      "cache-control": "no-store",
    });
    res.end();
  }

  async function callback(req: IncomingMessage, res: ServerResponse, client: Client, url: URL): Promise<void> {
    const error = url.searchParams.get("error");
    if (error) {
      const description = url.searchParams.get("error_description") ?? error;
      return sendHtml(res, 400, renderMessagePage("Sign-in failed", `<p>${escapeHtml(client.name)}: ${escapeHtml(description)}</p>`));
    }
    const state = url.searchParams.get("state") ?? "";
    const login = pending.get(state);
    if (!login || login.clientId !== client.client_id || cookie(req, STATE_COOKIE) !== state) {
      return sendHtml(res, 400, renderMessagePage("Sign-in failed", `<p>This sign-in was not started here. Start again from ${escapeHtml(client.name)}.</p>`));
    }
    pending.delete(state);
    const response = await fetch(new URL("/oauth/token", context.signInIssuer), {
      method: "POST",
      headers: {
        "content-type": "application/x-www-form-urlencoded",
        authorization: `Basic ${Buffer.from(`${client.client_id}:${client.client_secret}`).toString("base64")}`,
      },
      body: new URLSearchParams({
        grant_type: "authorization_code",
        code: url.searchParams.get("code") ?? "",
        redirect_uri: callbackUrl(client.client_id),
        code_verifier: login.verifier,
      }).toString(),
    });
    if (!response.ok) {
      return sendHtml(res, 400, renderMessagePage("Sign-in failed", `<p>The code exchange failed (${response.status}).</p>`));
    }
    // Straight from our own token endpoint over loopback: reading the claims needs no signature check here.
    const claims = decodeJwt(((await response.json()) as { id_token: string }).id_token);
    const organization = typeof claims.org_id === "string" ? context.tenant.organization(claims.org_id) : undefined;
    const where = organization
      ? `<p>Organization: <strong>${escapeHtml(organization.display_name ?? organization.name)}</strong> (${escapeHtml(organization.id)})</p>`
      : `<p>No organization.</p>`;
    sendHtml(
      res,
      200,
      renderMessagePage(`Signed in to ${client.name}`, `<p>Signed in as <strong>${escapeHtml(String(claims.email ?? claims.sub))}</strong>.</p>${where}`),
      { "set-cookie": `${STATE_COOKIE}=; Path=/apps/; Max-Age=0` },
    );
  }

  return (req, res) => {
    const url = new URL(req.url ?? "/", context.signInIssuer);
    const [, rawClientId, page] = url.pathname.match(APP_PATH) ?? [];
    let clientId: string;
    try {
      clientId = decodeURIComponent(rawClientId ?? "");
    } catch {
      clientId = "";
    }
    const client = servedClient(clientId);
    if (!client || req.method !== "GET") {
      return sendHtml(res, 404, renderMessagePage("Not found", "<p>The emulator serves no application here.</p>"));
    }
    if (page === "login") return login(res, client, url);
    callback(req, res, client, url).catch((error: unknown) => {
      sendHtml(res, 500, renderMessagePage("Sign-in failed", `<p>${escapeHtml(String((error as Error).message ?? error))}</p>`));
    });
  };
}
