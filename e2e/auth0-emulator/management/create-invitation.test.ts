// Contract: POST /organizations/{id}/invitations — the response, every validation rule with Auth0's message,
// the auth0-custom-domain header and the invitation email.
import { describe, expect, it } from "vitest";
import { ACME, ADMIN_APP_ID, GLOBEX, api, auth0Error, control, createInvitation, invitationBody, SIGN_IN_URL, useEmulator } from "./testing.ts";

const emulator = useEmulator();

const badBody = (message: string) => auth0Error(400, "Bad Request", message, "invalid_body");

describe("creating an invitation", () => {
  it("answers 201 with Auth0's fields, unset optional ones omitted", async () => {
    const { status, body } = await createInvitation();
    expect(status).toBe(201);
    expect(Object.keys(body).sort()).toEqual(
      ["client_id", "created_at", "expires_at", "id", "invitation_url", "invitee", "inviter", "organization_id", "ticket_id"].sort(),
    );
    expect(body).toMatchObject({
      organization_id: ACME,
      client_id: ADMIN_APP_ID,
      inviter: { name: "Alice Admin" },
      invitee: { email: "newcomer@acme.test" },
    });
    expect(body.id).toMatch(/^uinv_[A-Za-z0-9]{16}$/);
    expect(body.ticket_id).toMatch(/^[A-Za-z0-9]{32}$/);
    expect(body.created_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    expect(Date.parse(body.expires_at) - Date.parse(body.created_at)).toBe(604800_000);
    expect(body.invitation_url).toBe(
      `http://127.0.0.1:3000/login?invitation=${body.ticket_id}&organization=${ACME}&organization_name=acme`,
    );
    expect(emulator().context.tenant.state.invitations).toEqual([body]);
  });

  it("keeps the optional fields it was given", async () => {
    const extras = {
      connection_id: "con_UsernamePasswd01",
      app_metadata: { plan: "pro" },
      user_metadata: { locale: "fr" },
      roles: ["rol_Member0000000003", "rol_Billing000000004"],
      ttl_sec: 3600,
    };
    const { status, body } = await createInvitation(extras);
    expect(status).toBe(201);
    const { ttl_sec: _ttl, ...stored } = extras;
    expect(body).toMatchObject(stored);
    expect(Date.parse(body.expires_at) - Date.parse(body.created_at)).toBe(3600_000);
  });

  it("reads ttl_sec 0 as the 7-day default", async () => {
    const { body } = await createInvitation({ ttl_sec: 0 });
    expect(Date.parse(body.expires_at) - Date.parse(body.created_at)).toBe(604800_000);
  });

  it("accepts the maximum ttl_sec and 50 roles", async () => {
    emulator().context.tenant.state.roles.push(
      ...Array.from({ length: 50 }, (_, i) => ({ id: `rol_Extra${String(i).padStart(11, "0")}`, name: `Extra ${i}` })),
    );
    const roles = Array.from({ length: 50 }, (_, i) => `rol_Extra${String(i).padStart(11, "0")}`);
    expect((await createInvitation({ ttl_sec: 2592000, roles })).status).toBe(201);
  });

  it("accepts a form-encoded body with flat fields", async () => {
    // Form payloads are flat, so nested `inviter`/`invitee` cannot be sent this way: Auth0 answers the schema error.
    const { status, body } = await api("POST", `/organizations/${ACME}/invitations`, {
      rawBody: "client_id=x&ttl_sec=60",
      contentType: "application/x-www-form-urlencoded",
    });
    expect(status).toBe(400);
    expect(body).toEqual(badBody("Payload validation error: 'Missing required property: inviter'."));
  });
});

describe("payload validation", () => {
  const without = (name: string) => {
    const body = invitationBody();
    delete body[name];
    return body;
  };

  it.each<[string, Record<string, unknown>, string]>([
    ["an unknown property", invitationBody({ foo: 1 }), "Payload validation error: 'Additional properties not allowed: foo'."],
    ["no inviter", without("inviter"), "Payload validation error: 'Missing required property: inviter'."],
    ["no invitee", without("invitee"), "Payload validation error: 'Missing required property: invitee'."],
    ["no client_id", without("client_id"), "Payload validation error: 'Missing required property: client_id'."],
    [
      "an empty inviter name",
      invitationBody({ inviter: { name: "" } }),
      "Payload validation error: 'String is too short (0 chars), minimum 1' on property inviter.name (The Inviter's name.).",
    ],
    [
      "an inviter name over 300 characters",
      invitationBody({ inviter: { name: "x".repeat(301) } }),
      "Payload validation error: 'String is too long (301 chars), maximum 300' on property inviter.name (The Inviter's name.).",
    ],
    [
      "an inviter without a name",
      invitationBody({ inviter: {} }),
      "Payload validation error: 'Missing required property: name' on property inviter.",
    ],
    [
      "an unknown inviter property",
      invitationBody({ inviter: { name: "A", email: "a@acme.test" } }),
      "Payload validation error: 'Additional properties not allowed: email' on property inviter.",
    ],
    [
      "a malformed invitee email",
      invitationBody({ invitee: { email: "not-an-email" } }),
      "Payload validation error: 'Object didn't pass validation for format email: not-an-email' on property invitee.email (The invitee's email.).",
    ],
    [
      "a non-string client_id",
      invitationBody({ client_id: 42 }),
      "Payload validation error: 'Expected type string but found type integer' on property client_id (Auth0 client ID. Used to resolve the application's login initiation endpoint.).",
    ],
    [
      "a fractional ttl_sec",
      invitationBody({ ttl_sec: 1.5 }),
      "Payload validation error: 'Expected type integer but found type number' on property ttl_sec (Number of seconds for which the invitation is valid before expiration.).",
    ],
    [
      "a negative ttl_sec",
      invitationBody({ ttl_sec: -1 }),
      "Payload validation error: 'Value -1 is less than minimum 0' on property ttl_sec (Number of seconds for which the invitation is valid before expiration.).",
    ],
    [
      "a ttl_sec over 30 days",
      invitationBody({ ttl_sec: 2592001 }),
      "Payload validation error: 'Value 2592001 is greater than maximum 2592000' on property ttl_sec (Number of seconds for which the invitation is valid before expiration.).",
    ],
    [
      "an empty roles list",
      invitationBody({ roles: [] }),
      "Payload validation error: 'Array is too short (0), minimum 1' on property roles (List of roles IDs to associated with the user.).",
    ],
    [
      "more than 50 roles",
      invitationBody({ roles: Array.from({ length: 51 }, (_, i) => `rol_${i}`) }),
      "Payload validation error: 'Array is too long (51), maximum 50' on property roles (List of roles IDs to associated with the user.).",
    ],
    [
      "a non-boolean send_invitation_email",
      invitationBody({ send_invitation_email: "no" }),
      "Payload validation error: 'Expected type boolean but found type string' on property send_invitation_email (Whether the user will receive an invitation email (true) or no email (false), true by default).",
    ],
    [
      "non-object metadata",
      invitationBody({ app_metadata: "x" }),
      "Payload validation error: 'Expected type object but found type string' on property app_metadata (Data related to the user that affects the application's core functionality.).",
    ],
  ])("refuses %s", async (_case, body, message) => {
    const reply = await api("POST", `/organizations/${ACME}/invitations`, { body });
    expect(reply.status).toBe(400);
    expect(reply.body).toEqual(badBody(message));
    expect(emulator().context.tenant.state.invitations).toEqual([]);
  });

  it("refuses a body that is not JSON", async () => {
    const { status, body } = await api("POST", `/organizations/${ACME}/invitations`, { rawBody: "{oops" });
    expect(status).toBe(400);
    expect(body).toEqual(badBody("Invalid request payload JSON format"));
  });

  it("refuses a payload over 1 MB with 413", async () => {
    const body = invitationBody({ app_metadata: { blob: "x".repeat(1024 * 1024) } });
    const reply = await api("POST", `/organizations/${ACME}/invitations`, { body });
    expect(reply.status).toBe(413);
    expect(reply.body).toEqual(
      auth0Error(413, "Payload Too Large", "Payload content length greater than maximum allowed: 1048576"),
    );
  });

  it("refuses query string parameters", async () => {
    const { status, body } = await api("POST", `/organizations/${ACME}/invitations?foo=1`, { body: invitationBody() });
    expect(status).toBe(400);
    expect(body).toEqual(
      auth0Error(400, "Bad Request", "Query validation error: 'Additional properties not allowed: foo'.", "invalid_query_string"),
    );
  });
});

describe("tenant checks", () => {
  const setLoginRoute = (uri: string) => {
    emulator().context.tenant.client(ADMIN_APP_ID)!.initiate_login_uri = uri;
  };

  it.each<[string, Record<string, unknown>, string, string?]>([
    ["an unknown client", { client_id: "NoSuchClient" }, "The specified client_id does not exist."],
    [
      "a client that does not allow organizations",
      { client_id: "AdminAppM2MClientId0000000000004" },
      "The specified client_id does not allow organizations.",
    ],
    ["an unknown connection", { connection_id: "con_DoesNotExist0001" }, "The specified connection does not exist."],
    ["a passwordless connection", { connection_id: "con_EmailPasswdls003" }, "Passwordless connections are not supported."],
    [
      "a connection the organization has not enabled",
      { connection_id: "con_GoogleOauth20002" },
      "The specified connection (con_GoogleOauth20002) is not enabled for the organization",
      GLOBEX,
    ],
    [
      "a client without a login route",
      { client_id: "NoLoginRouteClientId000000000003" },
      "A default login route is required to generate the invitation url. For more information, see https://auth0.com/docs/universal-login/configure-default-login-routes",
    ],
    [
      "roles the tenant does not have",
      { roles: ["rol_Member0000000003", "rol_a", "rol_b"] },
      "One or more of the specified roles do not exist: rol_a, rol_b",
    ],
  ])("refuses %s", async (_case, overrides, message, orgId = ACME) => {
    const { status, body } = await createInvitation(overrides, {}, orgId);
    expect(status).toBe(400);
    expect(body).toEqual(badBody(message));
  });

  it("accepts a client whose organization usage is require", async () => {
    // Acme Portal's login route is served by the emulator's sign-in server itself (customer-apps.ts).
    expect((await createInvitation({ client_id: "AcmePortalClientId00000000000002" })).body.invitation_url).toMatch(
      new RegExp(`^${SIGN_IN_URL}/apps/AcmePortalClientId00000000000002/login\\?invitation=`),
    );
  });

  it("refuses an http login route on a public host, but accepts one on loopback", async () => {
    setLoginRoute("http://app.example.test/login");
    expect((await createInvitation()).body.message).toMatch(/^A default login route is required/);
    setLoginRoute("http://localhost:3000/login");
    expect((await createInvitation()).status).toBe(201);
  });

  it("keeps the login route's own query parameters", async () => {
    setLoginRoute("https://app.example.test/login?source=invite");
    const { body } = await createInvitation();
    expect(body.invitation_url).toBe(
      `https://app.example.test/login?source=invite&invitation=${body.ticket_id}&organization=${ACME}&organization_name=acme`,
    );
  });

  it("answers 404 for an unknown organization", async () => {
    const { status, body } = await createInvitation({}, {}, "org_DoesNotExist0001");
    expect(status).toBe(404);
    expect(body).toEqual(auth0Error(404, "Not Found", "No organization found by that id."));
  });

  it("answers 400 for an organization id over 50 characters", async () => {
    const { status, body } = await createInvitation({}, {}, "o".repeat(51));
    expect(status).toBe(400);
    expect(body.errorCode).toBe("invalid_uri");
    expect(body.message).toBe(
      "Path validation error: 'String is too long (51 chars), maximum 50' on property id (ID of the organization).",
    );
  });
});

describe("the auth0-custom-domain header", () => {
  const withDomain = (domain: string) => createInvitation({}, { headers: { "auth0-custom-domain": domain } });

  it("puts the custom domain in the invitation URL and the email", async () => {
    const { status, body } = await withDomain("login.acme.test");
    expect(status).toBe(201);
    expect(body.invitation_url).toBe(
      `http://login.acme.test/login?invitation=${body.ticket_id}&organization=${ACME}&organization_name=acme`,
    );
    const mailbox = (await control("GET", "mailbox")).body;
    expect(mailbox).toEqual([expect.objectContaining({ invitation_id: body.id, custom_domain: "login.acme.test" })]);
  });

  it("uses the canonical domain without the header, although the tenant has two verified custom domains", async () => {
    const { status, body } = await createInvitation();
    expect(status).toBe(201);
    expect(new URL(body.invitation_url).host).toBe("127.0.0.1:3000");
    expect((await control("GET", "mailbox")).body[0]).not.toHaveProperty("custom_domain");
  });

  it.each(["ab", "a".repeat(256), "login acme.test", "login.acme.test/", "-login.acme.test", "nodot"])(
    "refuses the malformed value %j",
    async (domain) => {
      const { status, body } = await withDomain(domain);
      expect(status).toBe(400);
      expect(body).toEqual(auth0Error(400, "Bad Request", "The auth0-custom-domain HTTP header has an invalid format."));
    },
  );

  it("refuses a domain the tenant does not have", async () => {
    const { status, body } = await withDomain("login.other.test");
    expect(status).toBe(400);
    expect(body).toEqual(auth0Error(400, "Bad Request", "The custom domain does not exist for the tenant."));
  });
});

describe("the invitation email", () => {
  it("is sent unless send_invitation_email is false", async () => {
    const sent = (await createInvitation({ invitee: { email: "Sent@Acme.test" } })).body;
    await createInvitation({ invitee: { email: "quiet@acme.test" }, send_invitation_email: false });
    const mailbox = (await control("GET", "mailbox")).body;
    expect(mailbox).toEqual([
      {
        to: "Sent@Acme.test",
        subject: "You've been invited to join Acme Corp",
        invitation_id: sent.id,
        invitation_url: sent.invitation_url,
        organization_id: ACME,
        sent_at: sent.created_at,
        sent_by: "auth0",
      },
    ]);
    expect((await control("GET", "mailbox?to=sent@acme.test")).body).toHaveLength(1);
    expect((await control("GET", "mailbox?to=quiet@acme.test")).body).toEqual([]);
  });
});
