// Contract: organizations (offset and checkpoint paging), members and their roles, enabled connections,
// users, roles, clients and connections.
import { describe, expect, it } from "vitest";
import { ADMIN_M2M } from "../app-env.ts";
import { ACME, GLOBEX, api, auth0Error, tokenFor, useEmulator } from "./testing.ts";

const emulator = useEmulator();

const BOB = "auth0|bob000000000000000000003";
const EVE = "auth0|eve000000000000000000007";
const SAM = "auth0|sam000000000000000000006";
const enc = encodeURIComponent;
const ids = (items: { id: string }[]) => items.map((i) => i.id);

/** A token for the app's M2M client with extra scopes the seed does not grant it. */
async function tokenWithExtra(...scopes: string[]) {
  emulator().context.tenant.client(ADMIN_M2M.client_id)!.scopes!.push(...scopes);
  return tokenFor();
}

describe("organizations", () => {
  const all = ["org_AcmeCorp00000001", "org_Globex0000000002", "org_Initech000000003", "org_Umbrella00000004"];

  it("lists as a bare array, or with totals", async () => {
    expect(ids((await api("GET", "/organizations")).body)).toEqual(all);
    const { body } = await api("GET", "/organizations?include_totals=true&per_page=3&page=1");
    expect(body).toEqual({ organizations: [{ id: all[3], name: "umbrella", display_name: "Umbrella" }], start: 3, limit: 3, total: 4 });
  });

  it("pages by checkpoint: next on every page but the last", async () => {
    const token = await tokenFor();
    const first = (await api("GET", "/organizations?take=3", { token })).body;
    expect(ids(first.organizations)).toEqual(all.slice(0, 3));
    expect(first.next).toEqual(expect.any(String));
    const last = (await api("GET", `/organizations?take=3&from=${enc(first.next)}`, { token })).body;
    expect(last).toEqual({ organizations: [expect.objectContaining({ id: all[3] })] });
  });

  it("refuses a checkpoint it did not issue", async () => {
    const { status, body } = await api("GET", "/organizations?from=garbage");
    expect(status).toBe(400);
    expect(body).toEqual(auth0Error(400, "Bad Request", "Query validation error: 'Invalid checkpoint' on property from.", "invalid_query_string"));
  });

  it("sorts by name, display_name or created_at", async () => {
    expect(ids((await api("GET", "/organizations?sort=name:-1")).body)).toEqual([...all].reverse());
    expect((await api("GET", "/organizations?sort=id:1")).status).toBe(400);
  });

  it("reads one by id or by name; 404 otherwise", async () => {
    const acme = {
      id: ACME,
      name: "acme",
      display_name: "Acme Corp",
      branding: { logo_url: "https://acme.test/logo.png", colors: { primary: "#0b6e4f", page_background: "#ffffff" } },
      metadata: { inviter_applications: "NoLoginRouteClientId000000000003" },
    };
    expect((await api("GET", `/organizations/${ACME}`)).body).toEqual(acme);
    expect((await api("GET", "/organizations/name/acme")).body).toEqual(acme);
    const missing = auth0Error(404, "Not Found", "No organization found by that id or name");
    expect((await api("GET", "/organizations/org_DoesNotExist0001")).body).toEqual(missing);
    expect((await api("GET", "/organizations/name/nobody")).body).toEqual(missing);
  });

  it("lists enabled connections, limit being the number returned", async () => {
    const { body } = await api("GET", `/organizations/${GLOBEX}/enabled_connections?include_totals=true`);
    expect(body).toEqual({
      enabled_connections: [
        {
          connection_id: "con_UsernamePasswd01",
          assign_membership_on_login: false,
          show_as_button: true,
          is_signup_enabled: true,
          connection: { name: "Username-Password-Authentication", strategy: "auth0" },
        },
      ],
      start: 0,
      limit: 1,
      total: 1,
    });
  });
});

describe("members", () => {
  const userIds = (items: { user_id: string }[]) => items.map((m) => m.user_id);
  const acmeMembers = ["auth0|alice0000000000000000001", "auth0|ivan00000000000000000002", BOB, "auth0|dave00000000000000000005"];

  it("lists with offset totals, limit being the page size", async () => {
    const { body } = await api("GET", `/organizations/${ACME}/members?include_totals=true`);
    expect(body).toEqual({ members: expect.any(Array), start: 0, limit: 50, total: 4 });
    expect(body.members[0]).toEqual({ user_id: acmeMembers[0], email: "alice@acme.test", name: "Alice Admin" });
    expect(userIds((await api("GET", `/organizations/${ACME}/members?per_page=3&page=1`)).body)).toEqual([acmeMembers[3]]);
  });

  it("pages by checkpoint with a next on every non-empty page, then an empty one", async () => {
    const token = await tokenWithExtra("read:organization_members");
    const first = (await api("GET", `/organizations/${ACME}/members?take=3`, { token })).body;
    expect(userIds(first.members)).toEqual(acmeMembers.slice(0, 3));
    const second = (await api("GET", `/organizations/${ACME}/members?take=3&from=${enc(first.next)}`, { token })).body;
    expect(userIds(second.members)).toEqual(acmeMembers.slice(3));
    expect(second.next).toEqual(expect.any(String));
    expect((await api("GET", `/organizations/${ACME}/members?take=3&from=${enc(second.next)}`, { token })).body).toEqual({ members: [] });
  });

  it("includes roles when fields asks for them", async () => {
    const { body } = await api("GET", `/organizations/${ACME}/members?fields=user_id,roles`);
    expect(body[0]).toEqual({ user_id: acmeMembers[0], roles: [{ id: "rol_OrgAdmin00000001", name: "Org Admin" }] });
    expect((await api("GET", `/organizations/${ACME}/members?fields=phone`)).status).toBe(400);
  });

  it("returns each member's roles with fields=user_id,email,name,picture,roles&include_fields=true (app's own client)", async () => {
    const token = await tokenFor();
    const fields = "fields=user_id,email,name,picture,roles&include_fields=true";
    const { status, body } = await api("GET", `/organizations/${ACME}/members?${fields}`, { token });
    expect(status).toBe(200);
    expect(body[2]).toEqual({ user_id: BOB, email: "bob@acme.test", name: "Bob Member", roles: [{ id: "rol_Member0000000003", name: "Member" }] });
    const paged = (await api("GET", `/organizations/${ACME}/members?${fields}&take=3`, { token })).body;
    expect(paged).toEqual({ members: expect.any(Array), next: expect.any(String) });
    expect(paged.members[0].roles).toEqual([{ id: "rol_OrgAdmin00000001", name: "Org Admin" }]);
    const rest = (await api("GET", `/organizations/${ACME}/members?${fields}&take=3&from=${enc(paged.next)}`, { token })).body;
    expect(userIds(rest.members)).toEqual([acmeMembers[3]]);
    expect(rest.members[0].roles).toEqual([{ id: "rol_Member0000000003", name: "Member" }]);
  });

  it("leaves roles out, and needs no roles scope, when include_fields=false excludes them", async () => {
    emulator().context.tenant.client(ADMIN_M2M.client_id)!.scopes = ["read:organization_members"];
    const token = await tokenFor();
    const { status, body } = await api("GET", `/organizations/${ACME}/members?fields=roles&include_fields=false`, { token });
    expect(status).toBe(200);
    expect(body[0]).toEqual({ user_id: acmeMembers[0], email: "alice@acme.test", name: "Alice Admin" });
    const denied = await api("GET", `/organizations/${ACME}/members?fields=user_id,roles&include_fields=true&take=2`, { token });
    expect(denied.status).toBe(403);
    expect(denied.body).toEqual(
      auth0Error(403, "Forbidden", "Insufficient scope; expected any of: read:organization_member_roles.", "insufficient_scope"),
    );
  });

  it("adds and removes members (204)", async () => {
    const token = await tokenWithExtra("read:organization_members", "create:organization_members", "delete:organization_members");
    const path = `/organizations/${GLOBEX}/members`;
    expect((await api("POST", path, { token, body: { members: [EVE] } })).status).toBe(204);
    expect(userIds((await api("GET", path, { token })).body)).toContain(EVE);
    expect((await api("DELETE", path, { token, body: { members: [EVE] } })).status).toBe(204);
    expect(userIds((await api("GET", path, { token })).body)).not.toContain(EVE);
    const unknown = await api("POST", path, { token, body: { members: ["auth0|nobody"] } });
    expect(unknown.body).toEqual(
      auth0Error(400, "Bad Request", "One or more of the specified users do not exist: auth0|nobody", "invalid_body"),
    );
    expect((await api("POST", path, { token, body: { members: [] } })).body.message).toBe(
      "Payload validation error: 'Array is too short (0), minimum 1' on property members (List of user IDs to add or remove.).",
    );
  });

  it("lists, assigns and removes a member's roles", async () => {
    const token = await tokenWithExtra("create:organization_member_roles", "delete:organization_member_roles");
    const path = `/organizations/${ACME}/members/${enc(BOB)}/roles`;
    expect((await api("GET", `${path}?include_totals=true`, { token })).body).toEqual({
      roles: [{ id: "rol_Member0000000003", name: "Member", description: "A member of an organization" }],
      start: 0,
      limit: 50,
      total: 1,
    });
    expect((await api("POST", path, { token, body: { roles: ["rol_Inviter000000002"] } })).status).toBe(204);
    expect(ids((await api("GET", path, { token })).body)).toEqual(["rol_Inviter000000002", "rol_Member0000000003"]);
    expect((await api("DELETE", path, { token, body: { roles: ["rol_Member0000000003"] } })).status).toBe(204);
    expect(ids((await api("GET", path, { token })).body)).toEqual(["rol_Inviter000000002"]);
    const bad = await api("POST", path, { token, body: { roles: ["rol_nope"] } });
    expect(bad.body).toEqual(auth0Error(400, "Bad Request", "One or more of the specified roles do not exist: rol_nope", "invalid_body"));
  });

  it("answers 409 past 50 roles for one member", async () => {
    const token = await tokenWithExtra("create:organization_member_roles");
    const extra = Array.from({ length: 50 }, (_, i) => ({ id: `rol_Extra${String(i).padStart(11, "0")}`, name: `Extra ${i}` }));
    emulator().context.tenant.state.roles.push(...extra);
    const { status, body } = await api("POST", `/organizations/${ACME}/members/${enc(BOB)}/roles`, {
      token,
      body: { roles: extra.map((r) => r.id) },
    });
    expect(status).toBe(409);
    expect(body).toEqual(auth0Error(409, "Conflict", "No more roles can be assigned to this organization member."));
  });

  it("logs each member write as Auth0 logs a Management API write: one sapi event with its request", async () => {
    const token = await tokenFor();
    const rolesPath = `/organizations/${ACME}/members/${enc(BOB)}/roles`;
    expect((await api("POST", rolesPath, { token, body: { roles: ["rol_Billing000000004"] } })).status).toBe(204);
    expect((await api("DELETE", rolesPath, { token, body: { roles: ["rol_Member0000000003"] } })).status).toBe(204);
    expect((await api("DELETE", `/organizations/${ACME}/members`, { token, body: { members: [BOB] } })).status).toBe(204);
    const logs = emulator().context.tenant.state.logs.filter((log) => log.type === "sapi");
    expect(logs.map((log) => [log.description, log.user_id, log.organization_id])).toEqual([
      ["Assign user roles to an Organization member", BOB, ACME],
      ["Delete user roles from an Organization member", BOB, ACME],
      ["Delete members from an organization", undefined, ACME],
    ]);
    expect(logs[0]!.details).toEqual({ request: { method: "post", path: `/api/v2/organizations/${ACME}/members/${BOB}/roles`, body: { roles: ["rol_Billing000000004"] } }, response: { statusCode: 204 } });
    expect(logs[2]!.details).toMatchObject({ request: { method: "delete", body: { members: [BOB] } } });
  });

  it("refuses member writes without their scopes, and role changes for a user outside the organization", async () => {
    emulator().context.tenant.client(ADMIN_M2M.client_id)!.scopes = ["read:organization_members"];
    const token = await tokenFor();
    const denied = await api("DELETE", `/organizations/${ACME}/members`, { token, body: { members: [BOB] } });
    expect(denied.body).toEqual(auth0Error(403, "Forbidden", "Insufficient scope; expected any of: delete:organization_members.", "insufficient_scope"));
    const roles = await api("POST", `/organizations/${ACME}/members/${enc(BOB)}/roles`, { token, body: { roles: ["rol_Billing000000004"] } });
    expect(roles.body).toEqual(auth0Error(403, "Forbidden", "Insufficient scope; expected any of: create:organization_member_roles.", "insufficient_scope"));
    const outsider = await api("DELETE", `/organizations/${ACME}/members/${enc(EVE)}/roles`, { body: { roles: ["rol_Member0000000003"] } });
    expect(outsider.body).toEqual(auth0Error(400, "Bad Request", "The user is not a member of the organization.", "invalid_body"));
    expect(emulator().context.tenant.state.logs.filter((log) => log.type === "sapi")).toEqual([]);
  });

  it("answers an empty role list for a user outside the organization, 404 for an unknown user", async () => {
    expect((await api("GET", `/organizations/${ACME}/members/${enc(EVE)}/roles`)).body).toEqual([]);
    const { status, body } = await api("GET", `/organizations/${ACME}/members/${enc("auth0|nobody")}/roles`);
    expect(status).toBe(404);
    expect(body).toEqual(auth0Error(404, "Not Found", "The user does not exist.", "inexistent_user"));
  });
});

describe("users", () => {
  it("reads a user without secrets", async () => {
    const { body } = await api("GET", `/users/${enc(BOB)}`);
    expect(body).toMatchObject({ user_id: BOB, email: "bob@acme.test", name: "Bob Member", email_verified: true });
    expect(body).not.toHaveProperty("password");
    expect((await api("GET", `/users/${enc(BOB)}?fields=email`)).body).toEqual({ email: "bob@acme.test" });
    expect((await api("GET", `/users/${enc("auth0|nobody")}`)).body).toEqual(
      auth0Error(404, "Not Found", "The user does not exist.", "inexistent_user"),
    );
  });

  it("finds users by email, ignoring case", async () => {
    expect((await api("GET", "/users-by-email?email=BOB@acme.test")).body).toEqual([expect.objectContaining({ user_id: BOB })]);
    expect((await api("GET", "/users-by-email?email=nobody@acme.test")).body).toEqual([]);
    expect((await api("GET", "/users-by-email")).body).toEqual(
      auth0Error(400, "Bad Request", "Query validation error: 'Missing required property: email'.", "invalid_query_string"),
    );
  });

  it("lists a user's organizations", async () => {
    const { body } = await api("GET", `/users/${enc("auth0|dave00000000000000000005")}/organizations?include_totals=true`);
    expect(body).toEqual({ organizations: [expect.objectContaining({ id: ACME }), expect.objectContaining({ id: GLOBEX })], start: 0, limit: 50, total: 2 });
    expect((await api("GET", `/users/${enc("auth0|nobody")}/organizations`)).status).toBe(404);
  });

  it("lists a user's tenant roles", async () => {
    expect((await api("GET", `/users/${enc(SAM)}/roles`)).body).toEqual([
      { id: "rol_SupportAgent0005", name: "Support Agent", description: "Our support staff" },
    ]);
    expect((await api("GET", `/users/${enc("auth0|nobody")}/roles`)).body).toEqual(
      auth0Error(404, "Not Found", "User not found.", "inexistent_user"),
    );
  });

  it("removes a user's tenant roles with update:users (204)", async () => {
    const path = `/users/${enc(SAM)}/roles`;
    expect((await api("DELETE", path, { token: await tokenFor(), body: { roles: ["rol_SupportAgent0005"] } })).status).toBe(403);
    const token = await tokenWithExtra("update:users");
    expect((await api("DELETE", path, { token, body: { roles: ["rol_SupportAgent0005"] } })).status).toBe(204);
    expect((await api("GET", path)).body).toEqual([]);
    expect((await api("DELETE", path, { token, body: { roles: [] } })).body.message).toBe(
      "Payload validation error: 'Array is too short (0), minimum 1' on property roles (List of roles IDs to remove from the user.).",
    );
    expect((await api("DELETE", `/users/${enc("auth0|nobody")}/roles`, { token, body: { roles: ["rol_SupportAgent0005"] } })).status).toBe(404);
  });
});

describe("roles, clients and connections", () => {
  it("filters roles by name", async () => {
    expect(ids((await api("GET", "/roles?name_filter=admin")).body)).toEqual(["rol_OrgAdmin00000001"]);
    expect((await api("GET", "/roles?include_totals=true")).body).toMatchObject({ start: 0, limit: 50, total: 6 });
  });

  it("never returns client secrets", async () => {
    const { body } = await api("GET", "/clients?include_totals=true");
    expect(body.total).toBe(7);
    for (const client of body.clients) {
      expect(client).not.toHaveProperty("client_secret");
      expect(client).not.toHaveProperty("scopes");
    }
    const one = (await api("GET", "/clients/AdminAppClientId0000000000000001?fields=client_secret,name")).body;
    expect(one).toEqual({ name: "Org Inviter Admin" });
    expect((await api("GET", "/clients?app_type=non_interactive")).body).toHaveLength(2);
    expect((await api("GET", "/clients/nope")).body).toEqual(
      auth0Error(404, "Not Found", "The client does not exist", "inexistent_client"),
    );
  });

  it("filters connections by strategy and name", async () => {
    expect(ids((await api("GET", "/connections?strategy=auth0&strategy=email")).body)).toEqual([
      "con_UsernamePasswd01",
      "con_EmailPasswdls003",
    ]);
    expect(ids((await api("GET", "/connections?name=google-oauth2")).body)).toEqual(["con_GoogleOauth20002"]);
    expect((await api("GET", "/connections?include_totals=true")).body).toMatchObject({ limit: 100, total: 3 });
    expect((await api("GET", "/connections/con_Nope")).status).toBe(404);
  });

  it("answers Auth0's plain 404 for an unknown route", async () => {
    const { status, body } = await api("GET", "/nothing/here");
    expect(status).toBe(404);
    expect(body).toEqual(auth0Error(404, "Not Found", "Not Found"));
  });
});
