// Contract: applications carry `client_metadata` and organizations `metadata`, returned as Auth0 does —
// only when set, and for applications only when `fields` keeps it — within Auth0's limits (application
// metadata: 10 keys, organization metadata: 25 keys, string values of at most 255 characters).
import { describe, expect, it } from "vitest";
import seed from "../seed.json" with { type: "json" };
import { ACME, ADMIN_APP_ID, GLOBEX, api, useEmulator } from "./testing.ts";

useEmulator();

const PORTAL = "AcmePortalClientId00000000000002";
const DAVE = "auth0|dave00000000000000000005";
type Item = { client_id?: string; id?: string; metadata?: unknown };
const byId = (items: Item[], id: string) => items.find((i) => (i.client_id ?? i.id) === id);

describe("application metadata", () => {
  it("lists client_metadata where it is set, and omits the property where it is not", async () => {
    const { body } = await api("GET", "/clients?fields=client_id,name,client_metadata&include_fields=true");
    expect(byId(body, PORTAL)).toEqual({ client_id: PORTAL, name: "Acme Portal", client_metadata: { inviter_organizations: ACME } });
    expect(byId(body, ADMIN_APP_ID)).toEqual({ client_id: ADMIN_APP_ID, name: "Org Inviter Admin" });
    expect((await api("GET", `/clients/${PORTAL}`)).body.client_metadata).toEqual({ inviter_organizations: ACME });
  });

  it("honours fields: left out unless kept, dropped when excluded", async () => {
    expect(byId((await api("GET", "/clients?fields=client_id,name")).body, PORTAL)).toEqual({ client_id: PORTAL, name: "Acme Portal" });
    const excluded = await api("GET", `/clients/${PORTAL}?fields=client_metadata&include_fields=false`);
    expect(excluded.body).not.toHaveProperty("client_metadata");
    expect(excluded.body).toHaveProperty("name", "Acme Portal");
  });
});

describe("organization metadata", () => {
  const acmeMetadata = { inviter_applications: "NoLoginRouteClientId000000000003" };

  it("is returned by id, by name, in the list and in a user's organizations; absent when none is set", async () => {
    expect((await api("GET", `/organizations/${ACME}`)).body.metadata).toEqual(acmeMetadata);
    expect((await api("GET", "/organizations/name/acme")).body.metadata).toEqual(acmeMetadata);
    const listed = (await api("GET", "/organizations")).body;
    expect(byId(listed, ACME)?.metadata).toEqual(acmeMetadata);
    expect(byId(listed, GLOBEX)).not.toHaveProperty("metadata");
    expect((await api("GET", `/organizations/${GLOBEX}`)).body).not.toHaveProperty("metadata");
    expect(byId((await api("GET", `/users/${encodeURIComponent(DAVE)}/organizations`)).body, ACME)?.metadata).toEqual(acmeMetadata);
  });
});

describe("the seed", () => {
  const withinLimits = (metadata: Record<string, unknown> | undefined, maxKeys: number) =>
    Object.keys(metadata ?? {}).length <= maxKeys &&
    Object.values(metadata ?? {}).every((value) => typeof value === "string" && value.length <= 255);

  it("stays within Auth0's metadata limits", () => {
    for (const client of seed.clients as { client_metadata?: Record<string, unknown> }[]) expect(withinLimits(client.client_metadata, 10)).toBe(true);
    for (const org of seed.organizations as { metadata?: Record<string, unknown> }[]) expect(withinLimits(org.metadata, 25)).toBe(true);
  });
});
