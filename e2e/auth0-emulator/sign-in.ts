// Browser-facing sign-in, as Auth0's Universal Login behaves for our purposes: OIDC (code + PKCE) through
// `oidc-provider`, a small login page for the seeded users, Auth0's `organization` and `invitation` parameters.
import { generateKeyPairSync, randomBytes } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import "./quiet-runtime-notice.ts";
import Provider, { interactionPolicy, type Configuration, type KoaContextWithOIDC } from "oidc-provider";
import { createMemoryAdapter } from "oidc-provider/lib/adapters/memory_adapter.js";
import type { EmulatorContext } from "./context.ts";
import { decideLogout } from "./logout-urls.ts";
import { escapeHtml, renderLoginPage, renderMessagePage } from "./sign-in-pages.ts";
import type { Organization, TenantStore, User } from "./tenant.ts";
import { logInvitationAccepted, logInvitationFailed, logLogin, logMemberAdded, type SignInFlow } from "./tenant-logs.ts";

type Handler = (req: IncomingMessage, res: ServerResponse) => void;
type OrganizationClaims = { org_id: string; org_name: string };

const INTERACTION_PATH = "/u/login/";
/** Where the browser goes once oidc-provider has ended the session, set by /v2/logout. */
const LOGOUT_RETURN_COOKIE = "emulator_logout_return";

function readForm(req: IncomingMessage): Promise<URLSearchParams> {
  return new Promise((resolve, reject) => {
    let body = "";
    req.setEncoding("utf8");
    req.on("data", (chunk: string) => {
      body += chunk;
      if (body.length > 100_000) req.destroy(new Error("form too large"));
    });
    req.on("end", () => resolve(new URLSearchParams(body)));
    req.on("error", reject);
  });
}

function sendHtml(res: ServerResponse, status: number, html: string): void {
  res.writeHead(status, { "content-type": "text/html; charset=utf-8", "cache-control": "no-store" });
  res.end(html);
}

function providerConfiguration(tenant: TenantStore, orgByCode: Map<string, OrganizationClaims>): Configuration {
  const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  const policy = interactionPolicy.base();
  // An organization login or an invitation always goes through the login page, where membership is checked
  // and the invitation accepted; a plain login may reuse the Auth0 session (SSO).
  policy.get("login")!.checks.add(
    new interactionPolicy.Check("organization_login", "organization login requires a membership check", (ctx) => {
      const { params, result } = ctx.oidc;
      return (params!.organization || params!.invitation) && !result?.login
        ? interactionPolicy.Check.REQUEST_PROMPT
        : interactionPolicy.Check.NO_NEED_TO_PROMPT;
    }),
  );

  return {
    // A test tenant's sessions live in memory on purpose. Naming oidc-provider's in-memory adapter says so, rather
    // than leaving it as the default it warns about ("you MUST change it") on every start.
    adapter: createMemoryAdapter(),
    clients: tenant.state.clients
      .filter((client) => client.grant_types.includes("authorization_code"))
      .map((client) => ({
        client_id: client.client_id,
        client_secret: client.client_secret,
        client_name: client.name,
        redirect_uris: client.callbacks ?? [],
        post_logout_redirect_uris: client.allowed_logout_urls ?? [],
        grant_types: ["authorization_code"],
        response_types: ["code"],
        token_endpoint_auth_method: "client_secret_basic",
      })),
    jwks: { keys: [{ ...privateKey.export({ format: "jwk" }), use: "sig", alg: "RS256", kid: "emulator-signin" }] },
    cookies: { keys: [randomBytes(32).toString("base64")] },
    pkce: { required: () => true },
    conformIdTokenClaims: false,
    extraParams: ["organization", "invitation", "organization_name"],
    claims: { openid: ["sub", "org_id", "org_name"], email: ["email", "email_verified"], profile: ["name", "nickname", "picture"] },
    scopes: ["openid", "email", "profile", "offline_access"],
    routes: {
      authorization: "/authorize",
      token: "/oauth/token",
      userinfo: "/userinfo",
      jwks: "/.well-known/jwks.json",
      end_session: "/oidc/logout",
    },
    features: {
      devInteractions: { enabled: false },
      rpInitiatedLogout: {
        enabled: true,
        // Auth0's /v2/logout signs out without asking; submit oidc-provider's confirmation form at once.
        logoutSource: async (ctx, form) => {
          ctx.body = renderMessagePage(
            "Signing out…",
            `${form.replace("</form>", '<input type="hidden" name="logout" value="yes"></form>')}
             <script>document.forms[0].submit()</script>
             <noscript><button type="submit" form="op.logoutForm">Sign out</button></noscript>`,
          );
        },
        // /v2/logout checked its returnTo against the Allowed Logout URLs (query strings and all, which
        // oidc-provider's exact match of registered URIs would refuse) and left it in a cookie.
        postLogoutSuccessSource: async (ctx) => {
          const returnTo = ctx.cookies.get(LOGOUT_RETURN_COOKIE, { signed: false });
          if (returnTo) {
            ctx.cookies.set(LOGOUT_RETURN_COOKIE, null, { signed: false });
            ctx.redirect(decodeURIComponent(returnTo));
            return;
          }
          ctx.body = renderMessagePage("Signed out", "<p>You are signed out.</p>");
        },
      },
    },
    interactions: { url: (_ctx, interaction) => `${INTERACTION_PATH}${interaction.uid}`, policy },
    findAccount: (_ctx, sub, token) => {
      const user = tenant.user(sub);
      if (!user) return undefined;
      const organization = token && "jti" in token ? orgByCode.get(token.jti) : undefined;
      return {
        accountId: sub,
        claims: () => ({
          sub,
          email: user.email,
          email_verified: user.email_verified,
          name: user.name,
          nickname: user.nickname,
          ...organization,
        }),
      };
    },
    ttl: { AuthorizationCode: 60, IdToken: 36_000, AccessToken: 86_400, Interaction: 3_600, Session: 86_400, Grant: 86_400 },
  };
}

export type LoginOutcome =
  | { kind: "signed-in"; user: User; organization?: Organization }
  | { kind: "retry"; error: string }
  | { kind: "refused"; error: string; description: string }
  | { kind: "dead-end"; title: string; message: string };

/** Checks the credentials and applies Auth0's organization and invitation rules, writing the tenant logs they cause. */
export function decideLogin(tenant: TenantStore, flow: SignInFlow, params: Record<string, unknown>, email: string, password: string): LoginOutcome {
  const ticket = typeof params.invitation === "string" ? params.invitation : undefined;
  const orgParam = typeof params.organization === "string" ? params.organization : undefined;

  if (ticket) {
    const invitation = tenant.invitationByTicket(ticket);
    const organization = invitation && tenant.organization(invitation.organization_id);
    if (!invitation || !organization || (orgParam && orgParam !== organization.id && orgParam !== organization.name)) {
      return { kind: "dead-end", title: "Invitation not found", message: "This invitation is not valid any more. Ask the person who invited you for a new one." };
    }
    if (Date.parse(invitation.expires_at) < Date.now()) {
      return { kind: "dead-end", title: "Invitation expired", message: "This invitation has expired. Ask the person who invited you for a new one." };
    }
    if (email.toLowerCase() !== invitation.invitee.email.toLowerCase()) {
      // Auth0 consumes an invitation that the wrong account tries to accept (log event "fi").
      tenant.state.invitations = tenant.state.invitations.filter((i) => i.id !== invitation.id);
      logInvitationFailed(tenant, flow, invitation, organization, { email, user: tenant.userByEmail(email) });
      return { kind: "dead-end", title: "Wrong account", message: `This invitation was for another email address, and is no longer valid. Ask for a new invitation for ${email}.` };
    }
    let user = tenant.userByEmail(email);
    if (user && user.password !== password) return { kind: "retry", error: "Wrong email or password." };
    if (!user) {
      if (password.length < 8) return { kind: "retry", error: "Choose a password of at least 8 characters to create your account." };
      user = tenant.createUser(email, password);
    }
    if (tenant.addMember(organization, user.user_id, invitation.roles)) logMemberAdded(tenant, flow, organization, user);
    tenant.state.invitations = tenant.state.invitations.filter((i) => i.id !== invitation.id);
    logInvitationAccepted(tenant, flow, invitation, organization, user);
    logLogin(tenant, flow, user, organization);
    return { kind: "signed-in", user, organization };
  }

  const user = tenant.userByEmail(email);
  if (!user || user.password !== password) return { kind: "retry", error: "Wrong email or password." };
  // Auth0's Universal Login answers a blocked user's correct password with this.
  if (user.blocked) return { kind: "retry", error: "user is blocked" };
  if (!orgParam) {
    logLogin(tenant, flow, user);
    return { kind: "signed-in", user };
  }
  const organization = tenant.organization(orgParam);
  if (!organization) {
    return { kind: "refused", error: "invalid_request", description: `no connections enabled for the organization "${orgParam}"` };
  }
  if (!tenant.member(organization, user.user_id)) {
    return { kind: "refused", error: "access_denied", description: `user ${user.user_id} is not part of the ${organization.id} organization` };
  }
  logLogin(tenant, flow, user, organization);
  return { kind: "signed-in", user, organization };
}

export async function createSignInHandler(context: EmulatorContext): Promise<Handler> {
  const { tenant } = context;
  const orgByCode = new Map<string, OrganizationClaims>();
  const provider = new Provider(context.signInIssuer, providerConfiguration(tenant, orgByCode));
  provider.proxy = false;

  // The code is only issued after the login page ran, so the organization chosen there is in `result`.
  provider.on("authorization.success", (ctx: KoaContextWithOIDC, out?: Record<string, unknown>) => {
    const organization = ctx.oidc.result?.organization as OrganizationClaims | undefined;
    if (typeof out?.code === "string" && organization) orgByCode.set(out.code, organization);
  });

  const oidc = provider.callback();

  async function interaction(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const details = await provider.interactionDetails(req, res);
    const params = details.params as Record<string, unknown>;
    const invitation = typeof params.invitation === "string" ? tenant.invitationByTicket(params.invitation) : undefined;
    const page = (error?: string, email?: string) =>
      renderLoginPage({
        action: `${INTERACTION_PATH}${details.uid}`,
        email: email ?? invitation?.invitee.email ?? "",
        error,
        invitation: invitation && {
          organization: tenant.organization(invitation.organization_id)?.display_name ?? invitation.organization_id,
          inviter: invitation.inviter.name,
        },
      });

    if (req.method !== "POST") return sendHtml(res, 200, page());
    const form = await readForm(req);
    const email = (form.get("email") ?? "").trim();
    const flow: SignInFlow = {
      client: tenant.client(String(params.client_id)),
      hostname: req.headers.host ?? new URL(context.signInIssuer).host,
      ip: (req.socket.remoteAddress ?? "127.0.0.1").replace(/^::ffff:/, ""),
      userAgent: req.headers["user-agent"],
    };
    const outcome = decideLogin(tenant, flow, params, email, form.get("password") ?? "");
    switch (outcome.kind) {
      case "retry":
        return sendHtml(res, 200, page(outcome.error, email));
      case "dead-end":
        return sendHtml(res, 400, renderMessagePage(outcome.title, `<p>${outcome.message}</p>`));
      case "refused":
        return void (await provider.interactionFinished(req, res, {
          error: outcome.error,
          error_description: outcome.description,
        }, { mergeWithLastSubmission: false }));
      case "signed-in": {
        const { user, organization } = outcome;
        const grant = new provider.Grant({ accountId: user.user_id, clientId: details.params.client_id as string });
        grant.addOIDCScope(String(details.params.scope ?? "openid"));
        const grantId = await grant.save();
        await provider.interactionFinished(req, res, {
          login: { accountId: user.user_id },
          consent: { grantId },
          organization: organization && { org_id: organization.id, org_name: organization.name },
        }, { mergeWithLastSubmission: false });
      }
    }
  }

  return (req, res) => {
    const url = new URL(req.url ?? "/", context.signInIssuer);
    if (url.pathname.startsWith(INTERACTION_PATH)) {
      interaction(req, res).catch((error: unknown) => {
        sendHtml(res, 400, renderMessagePage("Sign-in failed", `<p>${String((error as Error).message ?? error)}. Start again from the application.</p>`));
      });
      return;
    }
    if (url.pathname === "/v2/logout") {
      // Auth0's logout endpoint: returnTo must be an Allowed Logout URL (./logout-urls.ts); then the session
      // ends and the browser goes there. A returnTo not allowed gets Auth0's error page, the session kept.
      const clientId = url.searchParams.get("client_id");
      const decision = decideLogout(tenant.state.settings, clientId ? tenant.client(clientId) : undefined, clientId, url.searchParams.get("returnTo"));
      if (decision.kind === "refused") {
        return sendHtml(res, 400, renderMessagePage("Oops!, something went wrong", `<p class="error" role="alert">invalid_request: ${escapeHtml(decision.message)}</p>`));
      }
      const headers: Record<string, string | string[]> = { location: "/oidc/logout" };
      if (decision.kind === "return") {
        headers["set-cookie"] = `${LOGOUT_RETURN_COOKIE}=${encodeURIComponent(decision.url)}; Path=/; Max-Age=300; HttpOnly; SameSite=Lax`;
      }
      res.writeHead(302, headers);
      res.end();
      return;
    }
    oidc(req, res);
  };
}
