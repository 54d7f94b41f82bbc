// Contract: list endpoints answer in time proportional to the page, not the tenant. In a tenant of 100,000 users
// with an organization of 20,000 members (seeded with the `users/seed` control), one page of members looks up exactly
// the page's users, through indexes that no request rebuilds; and it answers well under a second.
import { beforeEach, describe, expect, it } from "vitest";
import { API_URL, GLOBEX, api, control, everyScopeToken, useEmulator } from "./testing.ts";

const emulator = useEmulator();

const USERS = 100_000;
const MEMBERS = 20_000;
const counters = () => ({ ...emulator().context.tenant.counters });
const globexMembers = () => emulator().context.tenant.organization(GLOBEX)!.members.length;

/** What one request cost: user lookups and index rebuilds (whole-list scans) it caused. */
async function cost<T>(request: () => Promise<T>): Promise<{ result: T; userLookups: number; indexRebuilds: number }> {
  const before = counters();
  const result = await request();
  const after = counters();
  return { result, userLookups: after.userLookups - before.userLookups, indexRebuilds: after.indexRebuilds - before.indexRebuilds };
}

describe("a tenant of 100,000 users with an organization of 20,000 members", () => {
  let seededMembers = 0;
  beforeEach(async () => {
    const before = globexMembers();
    const { status, body } = await control("POST", "users/seed", { count: USERS, organization_id: GLOBEX, members: MEMBERS, roles: ["rol_Member0000000003"] });
    expect(status).toBe(200);
    expect(body).toEqual({ users: USERS, members: MEMBERS });
    seededMembers = globexMembers();
    expect(seededMembers).toBe(before + MEMBERS);
    expect(emulator().context.tenant.state.users.length).toBeGreaterThanOrEqual(USERS);
  });

  it("answers an offset page of members (per_page 100) with 100 user lookups and no scan", async () => {
    const token = await everyScopeToken();
    const path = `/organizations/${GLOBEX}/members?per_page=100&page=7&include_totals=true&fields=user_id,email,name,roles`;
    await api("GET", path, { token }); // warm-up
    const { result, userLookups, indexRebuilds } = await cost(() => api("GET", path, { token }));
    expect(result.status).toBe(200);
    expect(result.body).toMatchObject({ start: 700, limit: 100, total: seededMembers });
    expect(result.body.members).toHaveLength(100);
    expect(result.body.members[0]).toEqual({ user_id: expect.stringMatching(/^auth0\|/), email: expect.any(String), name: expect.any(String), roles: expect.any(Array) });
    expect(userLookups).toBe(100);
    expect(indexRebuilds).toBe(0);
  });

  it("pages through all of them by checkpoint (take 100), each page costing its own 100 lookups", async () => {
    const token = await everyScopeToken();
    const seen = new Set<string>();
    let from: string | undefined;
    let pages = 0;
    let worst = 0;
    for (;;) {
      const url = `/organizations/${GLOBEX}/members?take=100${from ? `&from=${encodeURIComponent(from)}` : ""}`;
      const { result, userLookups, indexRebuilds } = await cost(() => api("GET", url, { token }));
      expect(indexRebuilds).toBe(0);
      worst = Math.max(worst, userLookups);
      const { members, next } = result.body as { members: { user_id: string }[]; next?: string };
      for (const member of members) seen.add(member.user_id);
      pages += 1;
      if (members.length === 0 || !next) break;
      from = next;
    }
    expect(seen.size).toBe(seededMembers);
    expect(pages).toBeGreaterThanOrEqual(Math.ceil(seededMembers / 100));
    expect(worst).toBeLessThanOrEqual(100);
  });

  it("answers one page well under a second after warm-up", async () => {
    const token = await everyScopeToken();
    const url = `${API_URL}/api/v2/organizations/${GLOBEX}/members?per_page=100&page=9&fields=user_id,email,name,roles`;
    const get = () => fetch(url, { headers: { authorization: `Bearer ${token}` } }).then((r) => r.json());
    await get();
    const started = performance.now();
    const body = await get();
    expect(performance.now() - started).toBeLessThan(1000);
    expect(body).toHaveLength(100);
  });

  it("finds users by id and by email, and a member's organizations, with one lookup each", async () => {
    const byEmail = await cost(() => api("GET", `/users-by-email?email=${encodeURIComponent("USER-099999@generated.test")}`));
    expect(byEmail.result.body).toEqual([expect.objectContaining({ user_id: "auth0|generated000000000099999" })]);
    expect(byEmail.userLookups).toBe(1);
    expect(byEmail.indexRebuilds).toBe(0);
    const organizationsOf = (n: string) => api("GET", `/users/${encodeURIComponent(`auth0|generated${n}`)}/organizations`);
    await organizationsOf("000000000000041"); // warm-up: builds each organization's member index once
    const orgs = await cost(() => organizationsOf("000000000000042"));
    expect(orgs.result.body.map((o: { id: string }) => o.id)).toEqual([GLOBEX]);
    expect(orgs.userLookups).toBe(1);
    expect(orgs.indexRebuilds).toBe(0);
  });

  it("keeps the indexes in step with adds, removals and a reset", async () => {
    const member = "auth0|generated000000000000001";
    const outsider = "auth0|generated000000000099000";
    expect((await api("POST", `/organizations/${GLOBEX}/members`, { body: { members: [outsider] } })).status).toBe(204);
    expect((await api("DELETE", `/organizations/${GLOBEX}/members`, { body: { members: [member] } })).status).toBe(204);
    const roles = (id: string) => api("POST", `/organizations/${GLOBEX}/members/${encodeURIComponent(id)}/roles`, { body: { roles: ["rol_Billing000000004"] } });
    expect((await roles(outsider)).status).toBe(204);
    expect((await roles(member)).body.message).toBe("The user is not a member of the organization.");
    expect(globexMembers()).toBe(seededMembers);

    await control("POST", "reset");
    expect((await api("GET", `/users/${encodeURIComponent(member)}`)).status).toBe(404);
    expect((await api("GET", `/users-by-email?email=user-000001@generated.test`)).body).toEqual([]);
    // A second seeding continues the numbering rather than repeating ids.
    await control("POST", "users/seed", { count: 2 });
    await control("POST", "users/seed", { count: 1 });
    expect((await api("GET", `/users/${encodeURIComponent("auth0|generated000000000000003")}`)).body.email).toBe("user-000003@generated.test");
  });

  it("refuses a malformed seed", async () => {
    expect((await control("POST", "users/seed", { count: 0 })).status).toBe(400);
    expect((await control("POST", "users/seed", { count: 2, members: 1 })).status).toBe(400);
    expect((await control("POST", "users/seed", { count: 2, organization_id: GLOBEX, members: 3 })).status).toBe(400);
    expect((await control("POST", "users/seed", { count: 2, organization_id: "org_Nobody0000000000" })).status).toBe(404);
    expect((await control("POST", "users/seed", { count: 2, organization_id: GLOBEX, roles: ["rol_Nothing"] })).status).toBe(400);
  });
});
