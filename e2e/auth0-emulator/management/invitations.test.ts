// Contract: listing (offset paging, sort, fields), reading and deleting an organization's invitations.
import { beforeEach, describe, expect, it } from "vitest";
import { ACME, GLOBEX, api, auth0Error, createInvitation, tokenFor, useEmulator } from "./testing.ts";

useEmulator();

const list = (query = "", orgId = ACME) => api("GET", `/organizations/${orgId}/invitations${query}`);
const badQuery = (message: string) => auth0Error(400, "Bad Request", message, "invalid_query_string");

describe("listing invitations", () => {
  let made: { id: string; created_at: string }[];

  beforeEach(async () => {
    made = [];
    for (const name of ["one", "two", "three"]) made.push((await createInvitation({ invitee: { email: `${name}@acme.test` } })).body);
    await createInvitation({ invitee: { email: "globex@globex.test" } }, {}, GLOBEX);
  });

  const ids = (items: { id: string }[]) => items.map((i) => i.id);

  it("answers a bare array, newest first, of this organization's invitations only", async () => {
    const { status, body } = await list();
    expect(status).toBe(200);
    expect(ids(body)).toEqual(ids([...made].reverse()));
    expect(body[0]).toHaveProperty("ticket_id");
  });

  it("sorts oldest first with sort=created_at:1", async () => {
    expect(ids((await list("?sort=created_at:1")).body)).toEqual(ids(made));
  });

  it("answers {invitations, start, limit} without total, limit being the number returned", async () => {
    const first = (await list("?include_totals=true&per_page=2&page=0")).body;
    expect(first).toEqual({ invitations: expect.any(Array), start: 0, limit: 2 });
    expect(ids(first.invitations)).toEqual([made[2]!.id, made[1]!.id]);
    const second = (await list("?include_totals=true&per_page=2&page=1")).body;
    expect(second).toEqual({ invitations: [expect.objectContaining({ id: made[0]!.id })], start: 2, limit: 1 });
    expect((await list("?include_totals=true&per_page=2&page=2")).body).toEqual({ invitations: [], start: 4, limit: 0 });
  });

  it("answers an empty list past the last page", async () => {
    expect((await list("?per_page=50&page=3")).body).toEqual([]);
  });

  it("keeps only the asked fields, or drops them with include_fields=false", async () => {
    const only = (await list("?fields=id,invitee")).body;
    expect(only[0]).toEqual({ id: made[2]!.id, invitee: { email: "three@acme.test" } });
    const without = (await list("?fields=invitation_url,inviter&include_fields=false")).body;
    expect(without[0]).not.toHaveProperty("invitation_url");
    expect(without[0]).not.toHaveProperty("inviter");
    expect(without[0]).toHaveProperty("ticket_id");
  });

  it.each([
    ["?per_page=0", "Query validation error: 'Value 0 is less than minimum 1' on property per_page."],
    ["?per_page=101", "Query validation error: 'Value 101 is greater than maximum 100' on property per_page."],
    ["?page=-1", "Query validation error: 'Value -1 is less than minimum 0' on property page."],
    ["?page=first", "Query validation error: 'Expected type integer but found type string' on property page."],
    ["?include_totals=yes", "Query validation error: 'Expected type boolean but found type string' on property include_totals."],
    ["?sort=name:1", "Query validation error: 'String does not match pattern ^created_at:(1|-1)$: name:1' on property sort."],
    ["?from=abc", "Query validation error: 'Additional properties not allowed: from'."],
  ])("refuses %s", async (query, message) => {
    const { status, body } = await list(query);
    expect(status).toBe(400);
    expect(body).toEqual(badQuery(message));
  });

  it("refuses fields it does not offer, ticket_id among them", async () => {
    const { status, body } = await list("?fields=id,ticket_id");
    expect(status).toBe(400);
    expect(body.errorCode).toBe("invalid_query_string");
    expect(body.message).toMatch(/^Query validation error: 'String does not match pattern .*: id,ticket_id' on property fields\.$/);
  });

  it("refuses offset pages past the first 1000 records", async () => {
    expect((await list("?per_page=100&page=9")).status).toBe(200);
    const { status, body } = await list("?per_page=100&page=10");
    expect(status).toBe(400);
    expect(body).toEqual(auth0Error(400, "Bad Request", "Requesting page exceeds the allowed maximum of 1000 records", "invalid_paging"));
  });

  it("answers 404 for an unknown organization", async () => {
    const { status, body } = await list("", "org_DoesNotExist0001");
    expect(status).toBe(404);
    expect(body).toEqual(auth0Error(404, "Not Found", "No organization found by that id."));
  });
});

describe("one invitation", () => {
  const notThere = auth0Error(404, "Not Found", "The invitation does not exist.", "inexistent_invitation");

  it("is read by id, with fields", async () => {
    const made = (await createInvitation()).body;
    expect((await api("GET", `/organizations/${ACME}/invitations/${made.id}`)).body).toEqual(made);
    expect((await api("GET", `/organizations/${ACME}/invitations/${made.id}?fields=id`)).body).toEqual({ id: made.id });
  });

  it("is not found through another organization", async () => {
    const made = (await createInvitation()).body;
    const { status, body } = await api("GET", `/organizations/${GLOBEX}/invitations/${made.id}`);
    expect(status).toBe(404);
    expect(body).toEqual(notThere);
  });

  it("is deleted with 204 and an empty body; deleting it again answers 404", async () => {
    const made = (await createInvitation()).body;
    const token = await tokenFor();
    const deleted = await api("DELETE", `/organizations/${ACME}/invitations/${made.id}`, { token });
    expect(deleted.status).toBe(204);
    expect(deleted.text).toBe("");
    expect((await list()).body).toEqual([]);
    const again = await api("DELETE", `/organizations/${ACME}/invitations/${made.id}`, { token });
    expect(again.status).toBe(404);
    expect(again.body).toEqual(notThere);
  });
});
