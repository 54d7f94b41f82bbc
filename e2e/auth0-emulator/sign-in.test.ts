// Contract tests for the emulator's sign-in: authorization code + PKCE, Auth0's `organization` and
// `invitation` parameters, and /v2/logout. A tiny cookie-keeping client plays the browser.
import { createHash, randomBytes } from "node:crypto";
import { decodeJwt } from "jose";
import { describe, expect, it } from "vitest";
import { ADMIN_APP } from "./app-env.ts";
import { ACME, GLOBEX, SIGN_IN_URL, control, createInvitation, useEmulator } from "./management/testing.ts";

useEmulator();
const ISSUER = SIGN_IN_URL;
const REDIRECT_URI = "http://127.0.0.1:3000/api/auth/callback/auth0";
const PASSWORD = "demo-password";

class Browser {
  private cookies = new Map<string, string>();
  async fetch(url: string, init: RequestInit = {}): Promise<Response> {
    const response = await fetch(new URL(url, ISSUER), {
      ...init,
      redirect: "manual",
      headers: { ...(init.headers as Record<string, string>), cookie: [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; ") },
    });
    for (const cookie of response.headers.getSetCookie()) {
      const [pair] = cookie.split(";");
      const [name, ...value] = pair!.split("=");
      this.cookies.set(name!, value.join("="));
    }
    return response;
  }
  /** Follows redirects on the emulator until one leaves it (to the app) or a page is shown. */
  async follow(response: Response): Promise<{ page?: Response; leftTo?: URL }> {
    let current = response;
    while (current.status >= 300 && current.status < 400) {
      const location = new URL(current.headers.get("location")!, ISSUER);
      if (location.origin !== ISSUER) return { leftTo: location };
      current = await this.fetch(location.toString());
    }
    return { page: current };
  }
}

function pkce() {
  const verifier = randomBytes(32).toString("base64url");
  return { verifier, challenge: createHash("sha256").update(verifier).digest("base64url") };
}

async function authorize(browser: Browser, extra: Record<string, string> = {}) {
  const { verifier, challenge } = pkce();
  const params = new URLSearchParams({
    client_id: ADMIN_APP.client_id,
    redirect_uri: REDIRECT_URI,
    response_type: "code",
    scope: "openid email profile",
    state: "s-123",
    code_challenge: challenge,
    code_challenge_method: "S256",
    ...extra,
  });
  const { page } = await browser.follow(await browser.fetch(`/authorize?${params}`));
  const html = await page!.text();
  const action = html.match(/<form method="post" action="([^"]+)"/)?.[1];
  return { verifier, html, action: action! };
}

async function submitLogin(browser: Browser, action: string, email: string, password = PASSWORD) {
  const response = await browser.fetch(action, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ email, password }).toString(),
  });
  return browser.follow(response);
}

async function exchange(code: string, verifier: string) {
  const response = await fetch(`${ISSUER}/oauth/token`, {
    method: "POST",
    headers: {
      "content-type": "application/x-www-form-urlencoded",
      authorization: `Basic ${Buffer.from(`${ADMIN_APP.client_id}:${ADMIN_APP.client_secret}`).toString("base64")}`,
    },
    body: new URLSearchParams({ grant_type: "authorization_code", code, redirect_uri: REDIRECT_URI, code_verifier: verifier }).toString(),
  });
  expect(response.status).toBe(200);
  const tokens = (await response.json()) as { id_token: string };
  return decodeJwt(tokens.id_token);
}

async function signIn(extra: Record<string, string>, email: string, password = PASSWORD) {
  const browser = new Browser();
  const { verifier, action, html } = await authorize(browser, extra);
  const result = await submitLogin(browser, action, email, password);
  return { browser, verifier, html, ...result };
}

describe("sign-in", () => {
  it("publishes Auth0's issuer (with its trailing slash) and endpoints", async () => {
    const discovery = await (await fetch(`${ISSUER}/.well-known/openid-configuration`)).json();
    expect(discovery.issuer).toBe(`${ISSUER}/`);
    expect(discovery.authorization_endpoint).toBe(`${ISSUER}/authorize`);
    expect(discovery.token_endpoint).toBe(`${ISSUER}/oauth/token`);
    expect(discovery.jwks_uri).toBe(`${ISSUER}/.well-known/jwks.json`);
  });

  it("signs a seeded user in with code + PKCE and an RS256 ID token carrying email and name", async () => {
    const { leftTo, verifier } = await signIn({}, "alice@acme.test");
    expect(leftTo?.searchParams.get("state")).toBe("s-123");
    const claims = await exchange(leftTo!.searchParams.get("code")!, verifier);
    expect(claims).toMatchObject({ iss: `${ISSUER}/`, sub: "auth0|alice0000000000000000001", email: "alice@acme.test", name: "Alice Admin" });
    expect(claims.org_id).toBeUndefined();
  });

  it("requires PKCE", async () => {
    const response = await fetch(
      `${ISSUER}/authorize?${new URLSearchParams({ client_id: ADMIN_APP.client_id, redirect_uri: REDIRECT_URI, response_type: "code", scope: "openid" })}`,
      { redirect: "manual" },
    );
    expect(new URL(response.headers.get("location")!).searchParams.get("error")).toBe("invalid_request");
  });

  it("refuses a wrong password on the login page", async () => {
    const { page } = await signIn({}, "alice@acme.test", "wrong");
    expect(await page!.text()).toContain("Wrong email or password.");
  });

  it("puts org_id and org_name in the ID token of an organization login", async () => {
    const { leftTo, verifier } = await signIn({ organization: ACME }, "alice@acme.test");
    const claims = await exchange(leftTo!.searchParams.get("code")!, verifier);
    expect(claims).toMatchObject({ org_id: ACME, org_name: "acme" });
  });

  it("accepts the organization's name as well as its id", async () => {
    const { leftTo, verifier } = await signIn({ organization: "globex" }, "carol@globex.test");
    expect((await exchange(leftTo!.searchParams.get("code")!, verifier)).org_id).toBe(GLOBEX);
  });

  it("refuses an organization login by a non-member, back to the app with access_denied", async () => {
    const { leftTo } = await signIn({ organization: GLOBEX }, "alice@acme.test");
    expect(leftTo?.searchParams.get("error")).toBe("access_denied");
    expect(leftTo?.searchParams.get("error_description")).toContain(`is not part of the ${GLOBEX} organization`);
  });
});

describe("accepting an invitation", () => {
  async function invite(email: string, roles?: string[]) {
    const created = await createInvitation({ invitee: { email }, ...(roles && { roles }) });
    expect(created.status).toBe(201);
    const link = new URL(created.body.invitation_url);
    return { id: created.body.id as string, invitation: link.searchParams.get("invitation")!, organization: link.searchParams.get("organization")! };
  }
  const acmeMember = async (userId: string) =>
    (await control("GET", "state")).body.organizations.find((o: { id: string }) => o.id === ACME).members.find((m: { user_id: string }) => m.user_id === userId);

  it("creates the new user, makes them a member with the invitation's roles, and deletes the invitation", async () => {
    const { id, invitation, organization } = await invite("new.person@example.test", ["rol_Billing000000004"]);
    const { html, leftTo, verifier } = await signIn({ invitation, organization }, "new.person@example.test", "brand-new-password");
    expect(html).toContain("Alice Admin invited you to join <strong>Acme Corp</strong>");
    const claims = await exchange(leftTo!.searchParams.get("code")!, verifier);
    expect(claims).toMatchObject({ email: "new.person@example.test", org_id: ACME, org_name: "acme" });

    expect(await acmeMember(String(claims.sub))).toEqual({ user_id: claims.sub, roles: ["rol_Billing000000004"] });
    const state = (await control("GET", "state")).body;
    expect(state.invitations.find((i: { id: string }) => i.id === id)).toBeUndefined();
  });

  it("lets an existing user accept with their own password", async () => {
    const { invitation, organization } = await invite("eve@outside.test", ["rol_Member0000000003"]);
    const { leftTo } = await signIn({ invitation, organization }, "eve@outside.test");
    expect(leftTo?.searchParams.get("code")).toBeTruthy();
    expect(await acmeMember("auth0|eve000000000000000000007")).toMatchObject({ roles: ["rol_Member0000000003"] });
  });

  it("consumes the invitation when another account tries to accept it", async () => {
    const { id, invitation, organization } = await invite("intended@example.test");
    const { page } = await signIn({ invitation, organization }, "eve@outside.test");
    expect(page!.status).toBe(400);
    expect(await page!.text()).toContain("This invitation was for another email address");
    const state = (await control("GET", "state")).body;
    expect(state.invitations.find((i: { id: string }) => i.id === id)).toBeUndefined();
    expect(await acmeMember("auth0|eve000000000000000000007")).toBeUndefined();
  });

  const logs = async () => (await control("GET", "logs")).body as { type: string; [key: string]: any }[];

  it("logs organization_member_added, si and s for an accepted invitation", async () => {
    const created = await createInvitation({ invitee: { email: "new.person@example.test" }, roles: ["rol_Billing000000004"] });
    const link = new URL(created.body.invitation_url);
    const { leftTo, verifier } = await signIn(
      { invitation: link.searchParams.get("invitation")!, organization: link.searchParams.get("organization")! },
      "new.person@example.test",
      "brand-new-password",
    );
    const userId = String((await exchange(leftTo!.searchParams.get("code")!, verifier)).sub);
    const events = await logs();
    expect(events.map((e) => e.type)).toEqual(["organization_member_added", "si", "s"]);
    const [added, si, login] = events;
    expect(added).toMatchObject({ organization_id: ACME, user_id: userId, details: { reason: "invitation" } });
    const invitation = created.body;
    expect(si).toEqual({
      log_id: expect.stringMatching(/^\d{56}$/),
      date: expect.stringMatching(/Z$/),
      type: "si",
      description: expect.any(String),
      client_id: ADMIN_APP.client_id,
      client_name: "Org Inviter Admin",
      connection: "Username-Password-Authentication",
      strategy: "auth0",
      strategy_type: "database",
      hostname: new URL(ISSUER).host,
      ip: "127.0.0.1",
      user_agent: expect.any(String),
      user_id: userId,
      user_name: "new.person@example.test",
      organization_id: ACME,
      organization_name: "acme",
      tenant_name: expect.any(String),
      environment_name: expect.any(String),
      details: {
        invitation: {
          id: invitation.id,
          ticket_id: invitation.ticket_id,
          invitee: { email: "new.person@example.test" },
          inviter: { name: "Alice Admin", organization_id: ACME },
          roles: ["rol_Billing000000004"],
          client_id: ADMIN_APP.client_id,
          created_at: invitation.created_at,
          expires_at: invitation.expires_at,
        },
      },
    });
    expect(login).toMatchObject({ type: "s", user_id: userId, organization_id: ACME });
    expect(si.log_id < login.log_id && added.log_id < si.log_id).toBe(true);
  });

  it("logs no organization_member_added when the invitee already is a member", async () => {
    const { invitation, organization } = await invite("bob@acme.test");
    await signIn({ invitation, organization }, "bob@acme.test");
    expect((await logs()).map((e) => e.type)).toEqual(["si", "s"]);
  });

  it("logs fi, with a description, when another account uses the invitation up", async () => {
    const { id, invitation, organization } = await invite("intended@example.test");
    await signIn({ invitation, organization }, "eve@outside.test");
    const events = await logs();
    expect(events.map((e) => e.type)).toEqual(["fi"]);
    expect(events[0]).toMatchObject({
      type: "fi",
      description: expect.stringContaining("intended@example.test"),
      user_id: "auth0|eve000000000000000000007",
      user_name: "eve@outside.test",
      organization_id: ACME,
      organization_name: "acme",
      details: { invitation: { id, invitee: { email: "intended@example.test" }, inviter: { name: "Alice Admin", organization_id: ACME }, roles: [] } },
    });
  });

  it("refuses an unknown invitation ticket", async () => {
    const { page } = await signIn({ invitation: "A".repeat(32), organization: ACME }, "eve@outside.test");
    expect(await page!.text()).toContain("This invitation is not valid any more");
  });
});

describe("plain logins", () => {
  it("log s, with the organization when there is one, and nothing for a wrong password", async () => {
    await signIn({}, "alice@acme.test");
    await signIn({ organization: ACME }, "alice@acme.test");
    await signIn({}, "alice@acme.test", "wrong");
    const events = (await control("GET", "logs")).body;
    expect(events.map((e: { type: string }) => e.type)).toEqual(["s", "s"]);
    expect(events[0]).toMatchObject({ user_id: "auth0|alice0000000000000000001", user_name: "alice@acme.test", client_name: "Org Inviter Admin" });
    expect(events[0]).not.toHaveProperty("organization_id");
    expect(events[1]).toMatchObject({ organization_id: ACME, organization_name: "acme" });
  });
});

describe("the customer application Acme Portal, played by the emulator", () => {
  const PORTAL = "AcmePortalClientId00000000000002";

  it("accepts an emailed invitation end to end: login route, /authorize, callback page", async () => {
    await createInvitation({ client_id: PORTAL, invitee: { email: "portal.user@example.test" }, roles: ["rol_Member0000000003"] });
    const [mail] = (await control("GET", "mailbox")).body;
    const link = new URL(mail.invitation_url);
    expect(link.origin).toBe(ISSUER);
    expect(link.pathname).toBe(`/apps/${PORTAL}/login`);

    const browser = new Browser();
    const login = await browser.fetch(mail.invitation_url);
    const authorize = new URL(login.headers.get("location")!);
    expect(authorize.pathname).toBe("/authorize");
    expect(Object.fromEntries(authorize.searchParams)).toMatchObject({
      client_id: PORTAL,
      redirect_uri: `${ISSUER}/apps/${PORTAL}/callback`,
      response_type: "code",
      code_challenge_method: "S256",
      invitation: link.searchParams.get("invitation"),
      organization: ACME,
    });
    const { page } = await browser.follow(login);
    const html = await page!.text();
    expect(html).toContain("invited you to join <strong>Acme Corp</strong>");
    const action = html.match(/<form method="post" action="([^"]+)"/)![1]!;

    const done = await submitLogin(browser, action, "portal.user@example.test", "portal-password");
    expect(done.page!.status).toBe(200);
    const signedIn = await done.page!.text();
    expect(signedIn).toContain("<h1>Signed in to Acme Portal</h1>");
    expect(signedIn).toContain("portal.user@example.test");
    expect(signedIn).toContain("Acme Corp");

    const events = (await control("GET", "logs")).body;
    expect(events.map((e: { type: string }) => e.type)).toEqual(["organization_member_added", "si", "s"]);
    expect(events[1]).toMatchObject({ client_id: PORTAL, client_name: "Acme Portal", details: { invitation: { client_id: PORTAL } } });
    const acme = (await control("GET", "state")).body.organizations.find((o: { id: string }) => o.id === ACME);
    expect(acme.members.at(-1)).toEqual({ user_id: events[1].user_id, roles: ["rol_Member0000000003"] });
  });

  it("shows Auth0's refusal on its callback page, and refuses a callback it did not start", async () => {
    const browser = new Browser();
    const { action } = await (async () => {
      const { page } = await browser.follow(await browser.fetch(`/apps/${PORTAL}/login?organization=${GLOBEX}`));
      return { action: (await page!.text()).match(/<form method="post" action="([^"]+)"/)![1]! };
    })();
    const refused = await submitLogin(browser, action, "alice@acme.test");
    expect(refused.page!.status).toBe(400);
    expect(await refused.page!.text()).toContain("is not part of the");

    const forged = await new Browser().fetch(`/apps/${PORTAL}/callback?code=x&state=nope`);
    expect(forged.status).toBe(400);
    expect((await new Browser().fetch("/apps/NoSuchClient/login")).status).toBe(404);
    // The admin app keeps its own login route: the emulator serves none for it.
    expect((await new Browser().fetch(`/apps/${ADMIN_APP.client_id}/login`)).status).toBe(404);
  });
});

describe("the mailbox page", () => {
  it("lists each email the emulator sent, with its invitation link", async () => {
    const empty = await fetch(`${ISSUER}/mailbox`);
    expect(empty.headers.get("content-type")).toContain("text/html");
    expect(await empty.text()).toContain("No emails yet");

    await createInvitation({ invitee: { email: "first@example.test" } });
    await createInvitation({ invitee: { email: "second@example.test" } });
    const mails = (await control("GET", "mailbox")).body;
    const html = await (await fetch(`${ISSUER}/mailbox`)).text();
    expect(html).toContain("<h1>Mailbox</h1>");
    expect(html.match(/<li>/g)).toHaveLength(2);
    expect(html.indexOf("second@example.test")).toBeLessThan(html.indexOf("first@example.test"));
    for (const mail of mails) {
      expect(html).toContain(mail.subject.replaceAll("'", "&#39;"));
      expect(html).toContain(`<time datetime="${mail.sent_at}">`);
      expect(html).toContain(`<a href="${mail.invitation_url.replaceAll("&", "&#38;")}">`);
    }
  });
});

describe("logout", () => {
  it("ends the Auth0 session and returns to an allowed URL", async () => {
    const { browser, leftTo } = await signIn({}, "alice@acme.test");
    expect(leftTo).toBeDefined();
    // With the session, a new authorization needs no login page.
    const silent = await browser.follow(await browser.fetch(`/authorize?${new URLSearchParams({
      client_id: ADMIN_APP.client_id, redirect_uri: REDIRECT_URI, response_type: "code", scope: "openid",
      code_challenge: pkce().challenge, code_challenge_method: "S256",
    })}`));
    expect(silent.leftTo?.searchParams.get("code")).toBeTruthy();

    const logout = await browser.follow(
      await browser.fetch(`/v2/logout?${new URLSearchParams({ client_id: ADMIN_APP.client_id, returnTo: "http://127.0.0.1:3000" })}`),
    );
    // The confirmation form submits itself in a browser; submit it here.
    const html = await logout.page!.text();
    const form = html.match(/<form[^>]*action="([^"]+)"[\s\S]*?name="xsrf" value="([^"]+)"/)!;
    const done = await browser.follow(
      await browser.fetch(form[1]!, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({ xsrf: form[2]!, logout: "yes" }).toString(),
      }),
    );
    expect(done.leftTo?.toString()).toBe("http://127.0.0.1:3000/");

    const again = await authorize(browser);
    expect(again.html).toContain("Log in");
  });

  const ACME_PORTAL = "AcmePortalClientId00000000000002";
  const portalLogin = `${ISSUER}/apps/${ACME_PORTAL}/login`;

  /** Asks /v2/logout, submits the confirmation form it shows, and follows on; or returns the page it refused with. */
  async function logOut(browser: Browser, params: Record<string, string>) {
    const first = await browser.follow(await browser.fetch(`/v2/logout?${new URLSearchParams(params)}`));
    if (first.leftTo || first.page!.status !== 200) return first;
    const html = await first.page!.text();
    const form = html.match(/<form[^>]*action="([^"]+)"[\s\S]*?name="xsrf" value="([^"]+)"/);
    if (!form) return { page: new Response(html, { status: first.page!.status }) };
    return browser.follow(
      await browser.fetch(form[1]!, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({ xsrf: form[2]!, logout: "yes" }).toString(),
      }),
    );
  }

  /** With an Auth0 session, /authorize returns a code to the app without a login page. */
  async function stillSignedIn(browser: Browser): Promise<boolean> {
    const again = await browser.follow(await browser.fetch(`/authorize?${new URLSearchParams({
      client_id: ADMIN_APP.client_id, redirect_uri: REDIRECT_URI, response_type: "code", scope: "openid",
      code_challenge: pkce().challenge, code_challenge_method: "S256",
    })}`));
    return Boolean(again.leftTo?.searchParams.get("code"));
  }

  it("returns to an application's Allowed Logout URL with a query string of its own (Auth0 ignores it), ending the session", async () => {
    const created = await createInvitation({ client_id: ACME_PORTAL, invitee: { email: "landing@example.test" } });
    const invitationUrl = created.body.invitation_url as string;
    expect(invitationUrl.startsWith(`${portalLogin}?`)).toBe(true);
    const { browser } = await signIn({}, "bob@acme.test");

    const done = await logOut(browser, { client_id: ACME_PORTAL, returnTo: invitationUrl });
    // The application's login route forwards the invitation to /authorize, whose login page now asks afresh.
    const html = await done.page!.text();
    expect(html).toContain("Accept your invitation");
    expect(html).toContain('value="landing@example.test"');
    expect(await stillSignedIn(browser)).toBe(false);
  });

  it("refuses a returnTo that is not in the application's list with Auth0's error, and keeps the session", async () => {
    const { browser } = await signIn({}, "bob@acme.test");
    const returnTo = `${portalLogin}?invitation=abc&organization=${ACME}`;
    // The admin application does not list Acme Portal's login route; only Acme Portal does.
    const refused = await logOut(browser, { client_id: ADMIN_APP.client_id, returnTo });
    expect(refused.page!.status).toBe(400);
    expect(await refused.page!.text()).toContain(
      `The &#34;returnTo&#34; querystring parameter &#34;${returnTo.replaceAll("&", "&#38;")}&#34; is not defined as a valid URL in &#34;Allowed Logout URLs&#34;.`,
    );
    // Another path under an allowed origin is no allowed URL either.
    expect((await logOut(browser, { client_id: ACME_PORTAL, returnTo: `${ISSUER}/apps/${ACME_PORTAL}/other` })).page!.status).toBe(400);
    expect(await stillSignedIn(browser)).toBe(true);
  });

  it("without client_id checks the tenant's list, not an application's", async () => {
    const { browser } = await signIn({}, "bob@acme.test");
    expect((await logOut(browser, { returnTo: portalLogin })).page!.status).toBe(400);
    expect(await stillSignedIn(browser)).toBe(true);

    const done = await logOut(browser, { returnTo: "http://127.0.0.1:3000/signed-out" });
    expect(done.leftTo?.toString()).toBe("http://127.0.0.1:3000/signed-out");
    expect(await stillSignedIn(browser)).toBe(false);
  });

  it("with client_id and no returnTo goes to the application's first Allowed Logout URL", async () => {
    const { browser } = await signIn({}, "bob@acme.test");
    const done = await logOut(browser, { client_id: ADMIN_APP.client_id });
    expect(done.leftTo?.toString()).toBe("http://127.0.0.1:3000/");
    expect(await stillSignedIn(browser)).toBe(false);
  });
});
