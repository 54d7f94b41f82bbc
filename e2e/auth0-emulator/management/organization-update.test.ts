// Contract: PATCH /organizations/{id} (scope update:organizations) updates display name, name, branding and metadata
// within Auth0's limits (OpenAPI UpdateOrganizationRequestContent: metadata of at most 25 keys, string values of at
// most 255 characters), answers the organization, and is logged as Auth0 logs a Management API write (`sapi`).
import { ManagementClient } from "auth0";
import { describe, expect, it } from "vitest";
import { ADMIN_M2M } from "../app-env.ts";
import { ACME, API_HOST, GLOBEX, api, auth0Error, tokenFor, useEmulator } from "./testing.ts";

const emulator = useEmulator();

const path = `/organizations/${ACME}`;
const patch = (body: unknown, options: { token?: string } = {}) => api("PATCH", path, { ...options, body });
const metadataOf = (count: number, length = 1) =>
  Object.fromEntries(Array.from({ length: count }, (_, i) => [`key${String(i).padStart(2, "0")}`, "v".repeat(length)]));
const METADATA = "Metadata associated with the organization, in the form of an object with string values (max 255 chars). Maximum of 25 metadata properties allowed.";
const sapi = () => emulator().context.tenant.state.logs.filter((log) => log.type === "sapi");

describe("PATCH /organizations/{id}", () => {
  it("accepts 25 metadata keys of 255-character values, replacing what was there key by key, and GET returns them", async () => {
    const metadata = metadataOf(24, 255);
    // Acme's seed has one key already: 24 more make 25.
    const { status, body } = await patch({ metadata });
    expect(status).toBe(200);
    expect(Object.keys(body.metadata)).toHaveLength(25);
    expect(body).toMatchObject({ id: ACME, name: "acme", display_name: "Acme Corp", metadata: { ...metadata, inviter_applications: expect.any(String) } });
    expect((await api("GET", path)).body.metadata).toEqual(body.metadata);
  });

  it("refuses a 26th key, in the request or in the result, with Auth0's 400", async () => {
    const tooMany = await patch({ metadata: metadataOf(26) });
    expect(tooMany.status).toBe(400);
    expect(tooMany.body).toEqual(
      auth0Error(400, "Bad Request", `Payload validation error: 'Too many properties defined (26), maximum 25' on property metadata (${METADATA}).`, "invalid_body"),
    );
    const overflow = await patch({ metadata: metadataOf(25) });
    expect(overflow.body).toEqual(tooMany.body);
    expect((await api("GET", path)).body.metadata).toEqual({ inviter_applications: "NoLoginRouteClientId000000000003" });
  });

  it("refuses a 256-character value, a 256-character key and a value that is not a string", async () => {
    const long = await patch({ metadata: { policy: "x".repeat(256) } });
    expect(long.status).toBe(400);
    expect(long.body).toEqual(auth0Error(400, "Bad Request", "Payload validation error: 'String is too long (256 chars), maximum 255' on property metadata.policy.", "invalid_body"));
    const key = await patch({ metadata: { ["k".repeat(256)]: "v" } });
    expect(key.status).toBe(400);
    expect(key.body.message).toBe(`Payload validation error: 'Property name is too long (256 chars), maximum 255' on property metadata (${METADATA}).`);
    const number = await patch({ metadata: { count: 3 } });
    expect(number.body.message).toBe("Payload validation error: 'Expected type string,null but found type integer' on property metadata.count.");
    expect(sapi()).toEqual([]);
  });

  it("removes a key given null, and all of them given an empty object", async () => {
    await patch({ metadata: { a: "1", b: "2" } });
    const { body } = await patch({ metadata: { a: null } });
    expect(body.metadata).toEqual({ inviter_applications: "NoLoginRouteClientId000000000003", b: "2" });
    const cleared = await patch({ metadata: {} });
    expect(cleared.body).not.toHaveProperty("metadata");
  });

  it("updates display name, name and branding as Auth0 allows, and refuses what its schema refuses", async () => {
    const branding = { logo_url: "https://acme.test/logo.png", colors: { primary: "#112233", page_background: "#fff" } };
    const { status, body } = await api("PATCH", `/organizations/${GLOBEX}`, { body: { display_name: "Globex Corporation", name: "globex-corp", branding } });
    expect(status).toBe(200);
    expect(body).toEqual({ id: GLOBEX, name: "globex-corp", display_name: "Globex Corporation", branding });
    expect((await api("GET", "/organizations/name/globex-corp")).body).toEqual(body);

    expect((await patch({ display_name: "" })).body.message).toBe("Payload validation error: 'String is too short (0 chars), minimum 1' on property display_name (Friendly name of this organization.).");
    expect((await patch({ branding: { logo_url: "http://acme.test/logo.png" } })).body.message).toMatch(/format strict-https-uri-or-null/);
    expect((await patch({ branding: { colors: { primary: "red", page_background: "#fff" } } })).body.message).toMatch(/format html-color/);
    expect((await patch({ enabled_connections: [] })).body.message).toBe("Payload validation error: 'Additional properties not allowed: enabled_connections'.");
    expect((await patch({ name: "globex-corp" })).status).toBe(409);
  });

  it("needs update:organizations, like every route its scope", async () => {
    // The app's seeded M2M client does not hold update:organizations.
    const { status, body } = await patch({ metadata: { a: "b" } }, { token: await tokenFor() });
    expect(status).toBe(403);
    expect(body).toEqual(auth0Error(403, "Forbidden", "Insufficient scope; expected any of: update:organizations.", "insufficient_scope"));
  });

  it("answers 404 for an organization that does not exist", async () => {
    const { status } = await api("PATCH", "/organizations/org_Nobody0000000000", { body: { display_name: "x" } });
    expect(status).toBe(404);
  });

  it("logs each update as one sapi event with its request and answer", async () => {
    const { body } = await patch({ metadata: { delegation: "inviters-may-invite" } });
    const logs = sapi();
    expect(logs).toHaveLength(1);
    expect(logs[0]).toMatchObject({
      type: "sapi",
      description: "Modify an Organization",
      organization_id: ACME,
      organization_name: "acme",
      details: { request: { method: "patch", path: `/api/v2/organizations/${ACME}`, body: { metadata: { delegation: "inviters-may-invite" } } }, response: { statusCode: 200, body } },
    });
    expect((await api("GET", `/logs?q=type:sapi AND organization_id:"${ACME}"`)).body.map((l: { log_id: string }) => l.log_id)).toEqual([logs[0]!.log_id]);
  });

  it("works through the official SDK's organizations.update", async () => {
    emulator().context.tenant.client(ADMIN_M2M.client_id)!.scopes!.push("update:organizations");
    const sdk = new ManagementClient({ domain: API_HOST, clientId: ADMIN_M2M.client_id, clientSecret: ADMIN_M2M.client_secret, maxRetries: 0 });
    const updated = await sdk.organizations.update(ACME, { metadata: { delegation: "v1", inviter_applications: null } });
    expect(updated.metadata).toEqual({ delegation: "v1" });
    expect((await sdk.organizations.get(ACME)).metadata).toEqual({ delegation: "v1" });
    await expect(sdk.organizations.update(ACME, { metadata: metadataOf(26) })).rejects.toMatchObject({ statusCode: 400 });
  });
});
