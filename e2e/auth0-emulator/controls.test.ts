// Contract: the /__emulator controls — count-based faults, the request log, the clock, state and reset
// (rate limits: management/rate-limits.test.ts; probabilistic faults, timeouts, latency: management/faults.test.ts).
import { describe, expect, it } from "vitest";
import { ACME, ADMIN_APP_ID, API_URL, api, auth0Error, control, createInvitation, tokenFor, useEmulator } from "./management/testing.ts";
import { decideLogin } from "./sign-in.ts";
import { logLogin } from "./tenant-logs.ts";

const emulator = useEmulator();

describe("organization metadata", () => {
  it("merges an operator's edit into the organization's metadata, null removing a key, and reset restores the seed's", async () => {
    const seeded = (await api("GET", `/organizations/${ACME}`)).body.metadata;
    await control("POST", "organizations/metadata", { organization_id: ACME, metadata: { invite_domains: "acme.test" } });
    expect((await api("GET", `/organizations/${ACME}`)).body.metadata).toEqual({ ...seeded, invite_domains: "acme.test" });
    await control("POST", "organizations/metadata", { organization_id: ACME, metadata: { invite_domains: null } });
    expect((await api("GET", `/organizations/${ACME}`)).body.metadata).toEqual(seeded);
    await control("POST", "organizations/metadata", { organization_id: ACME, metadata: { invite_domains: "acme.test" } });
    await control("POST", "reset");
    expect((await api("GET", `/organizations/${ACME}`)).body.metadata).toEqual(seeded);
  });
});

describe("faults", () => {
  it("answers the fault's status with Auth0's body, for count requests, then normally", async () => {
    const token = await tokenFor();
    await control("POST", "faults", { method: "get", path: "^/api/v2/roles$", status: 503, count: 2 });
    for (let i = 0; i < 2; i++) {
      const { status, body } = await api("GET", "/roles", { token });
      expect(status).toBe(503);
      expect(body).toEqual(auth0Error(503, "Service Unavailable", "Service Unavailable"));
    }
    expect((await api("GET", "/roles", { token })).status).toBe(200);
  });

  it("matches the method and the path", async () => {
    const token = await tokenFor();
    await control("POST", "faults", { method: "POST", path: "/invitations$", status: 500, count: 1 });
    expect((await api("GET", `/organizations/${ACME}/invitations`, { token })).status).toBe(200);
    expect((await api("GET", "/roles", { token })).status).toBe(200);
    expect((await createInvitation({}, { token })).status).toBe(500);
  });

  it("answers a 429 fault with Auth0's rate-limit body, or the fault's own body and headers", async () => {
    const token = await tokenFor();
    await control("POST", "faults", { path: "/roles", status: 429, count: 1 });
    expect((await api("GET", "/roles", { token })).body).toEqual(
      auth0Error(429, "Too Many Requests", "Global limit has been reached", "too_many_requests"),
    );
    await control("POST", "faults", { path: "/roles", status: 429, body: { custom: true }, headers: { "retry-after": "1" }, count: 1 });
    const custom = await api("GET", "/roles", { token });
    expect(custom.body).toEqual({ custom: true });
    expect(custom.headers.get("retry-after")).toBe("1");
  });

  it("delays, then handles normally when the fault has no status", async () => {
    const token = await tokenFor();
    await control("POST", "faults", { path: "/roles", delayMs: 300, count: 1 });
    const started = Date.now();
    expect((await api("GET", "/roles", { token })).status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
  });

  it("applies to the token endpoint too", async () => {
    await control("POST", "faults", { path: "^/oauth/token$", status: 500, count: 1 });
    await expect(tokenFor()).rejects.toThrow(/token request failed: 500/);
    expect((await tokenFor()).length).toBeGreaterThan(0);
  });

  it("are cleared with DELETE, and refused when malformed", async () => {
    await control("POST", "faults", { path: "/roles", status: 500, count: 5 });
    await control("DELETE", "faults");
    expect((await api("GET", "/roles")).status).toBe(200);
    expect((await control("POST", "faults", { path: "(", count: 1 })).status).toBe(400);
    expect((await control("POST", "faults", { status: 500 })).status).toBe(400);
  });
});

describe("the request log", () => {
  it("records Management API and token requests with their status, path, full url and bucket", async () => {
    const token = await tokenFor();
    await api("GET", "/organizations?include_totals=true", { token });
    await api("GET", "/organizations/org_nope", { token });
    const log = (await control("GET", "requests")).body;
    expect(log).toEqual([
      { method: "POST", path: "/oauth/token", url: "/oauth/token", status: 200, time: expect.any(String), durationMs: expect.any(Number) },
      expect.objectContaining({ method: "GET", path: "/api/v2/organizations", url: "/api/v2/organizations?include_totals=true", status: 200, bucket: "general" }),
      expect.objectContaining({ path: "/api/v2/organizations/org_nope", status: 404, bucket: "general" }),
    ]);
    expect(log[0].time).toMatch(/Z$/);
    expect((await control("GET", "requests?since=2")).body).toEqual([log[2]]);
    await control("DELETE", "requests");
    expect((await control("GET", "requests")).body).toEqual([]);
  });

  it("is not fed by the controls themselves", async () => {
    await control("GET", "state");
    await fetch(`${API_URL}/__emulator/state`);
    expect((await control("GET", "requests")).body).toEqual([]);
  });
});

describe("the clock", () => {
  const DAY = 86400;
  const shift = (iso: string, seconds: number) => new Date(Date.parse(iso) - seconds * 1000).toISOString();

  it("ages every stored timestamp by the step, and answers a summary", async () => {
    const made = (await createInvitation()).body;
    const before = (await control("GET", "state")).body;
    const mail = (await control("GET", "mailbox")).body[0];
    const { status, body } = await control("POST", "clock", { advanceSeconds: 3600 });
    expect(status).toBe(200);
    expect(body).toEqual({
      advancedSeconds: 3600,
      expiredGraceSeconds: DAY,
      deletedInvitations: [],
      invitations: [{ id: made.id, created_at: shift(made.created_at, 3600), expires_at: shift(made.expires_at, 3600) }],
      logs: 0,
      rateLimits: { "invitation-writes": null, "invitation-reads": null, general: null },
    });
    const after = (await control("GET", "state")).body;
    expect(after.invitations[0]).toEqual({ ...made, created_at: shift(made.created_at, 3600), expires_at: shift(made.expires_at, 3600) });
    expect(after.users[0].created_at).toBe(shift(before.users[0].created_at, 3600));
    expect(after.organizations[0].created_at).toBe(shift(before.organizations[0].created_at, 3600));
    expect((await control("GET", "mailbox")).body[0].sent_at).toBe(shift(mail.sent_at, 3600));
    // The Management API shows the aged invitation.
    expect((await api("GET", `/organizations/${ACME}/invitations/${made.id}`)).body.expires_at).toBe(shift(made.expires_at, 3600));
  });

  it("keeps an expired invitation listed through the grace period, then deletes it without a log event", async () => {
    const made = (await createInvitation({ ttl_sec: 3600 })).body;
    // Expired 23 h ago: still listed.
    await control("POST", "clock", { advanceSeconds: DAY });
    expect((await api("GET", `/organizations/${ACME}/invitations`)).body.map((i: { id: string }) => i.id)).toEqual([made.id]);
    // Expired 25 h ago: gone.
    const { body } = await control("POST", "clock", { advanceSeconds: 2 * 3600 });
    expect(body.deletedInvitations).toEqual([made.id]);
    expect((await api("GET", `/organizations/${ACME}/invitations`)).body).toEqual([]);
    expect((await control("GET", "logs")).body).toEqual([]);
  });

  it("takes the grace period from the request", async () => {
    const made = (await createInvitation({ ttl_sec: 60 })).body;
    const { body } = await control("POST", "clock", { advanceSeconds: 120, expiredGraceSeconds: 30 });
    expect(body).toMatchObject({ expiredGraceSeconds: 30, deletedInvitations: [made.id], invitations: [] });
  });

  it("refuses a malformed step", async () => {
    expect((await control("POST", "clock", {})).status).toBe(400);
    expect((await control("POST", "clock", { advanceSeconds: -1 })).status).toBe(400);
    expect((await control("POST", "clock", { advanceSeconds: 1, expiredGraceSeconds: "1" })).status).toBe(400);
  });
});

describe("log retention", () => {
  it("drops events older than the given days; later events are kept", async () => {
    const { tenant } = emulator().context;
    const alice = tenant.userByEmail("alice@acme.test")!;
    const flow = { hostname: "127.0.0.1", ip: "127.0.0.1" };
    const old = logLogin(tenant, flow, alice);
    await control("POST", "clock", { advanceSeconds: 2 * 86400 });
    const recent = logLogin(tenant, flow, alice);
    const { body } = await control("POST", "logs/retention", { days: 1 });
    expect(body).toEqual({ days: 1, dropped: 1, logs: 1 });
    expect((await control("GET", "logs")).body.map((e: { log_id: string }) => e.log_id)).toEqual([recent.log_id]);
    expect(old.log_id < recent.log_id).toBe(true);
    const later = logLogin(tenant, flow, alice);
    expect((await control("GET", "logs")).body).toHaveLength(2);
    expect((await api("GET", `/logs/${later.log_id}`)).status).toBe(200);
    expect((await control("POST", "logs/retention", {})).status).toBe(400);
  });
});

describe("blocking a user", () => {
  const FRANK = "auth0|frank0000000000000000009";

  it("shows `blocked` in the user's profile once set, refuses the user's login, and is undone by reset", async () => {
    const token = await tokenFor();
    expect((await api("GET", `/users/${encodeURIComponent(FRANK)}?fields=blocked&include_fields=true`, { token })).body).toEqual({});
    expect((await control("POST", "users/blocked", { user_id: FRANK, blocked: true })).status).toBe(200);
    expect((await api("GET", `/users/${encodeURIComponent(FRANK)}?fields=blocked&include_fields=true`, { token })).body).toEqual({ blocked: true });
    const tenant = emulator().context.tenant;
    expect(decideLogin(tenant, { hostname: "127.0.0.1", ip: "127.0.0.1" }, {}, "frank@umbrella.test", "demo-password")).toEqual({
      kind: "retry", error: "user is blocked",
    });
    await control("POST", "reset");
    expect((await api("GET", `/users/${encodeURIComponent(FRANK)}?fields=blocked&include_fields=true`, { token })).body).toEqual({});
  });

  it("refuses a malformed request and an unknown user", async () => {
    expect((await control("POST", "users/blocked", { user_id: FRANK })).status).toBe(400);
    expect((await control("POST", "users/blocked", { user_id: "auth0|nobody", blocked: true })).status).toBe(404);
  });
});

describe("state and reset", () => {
  it("shows invitations, organizations with members, and users without passwords", async () => {
    const made = (await createInvitation()).body;
    const state = (await control("GET", "state")).body;
    expect(state.invitations).toEqual([made]);
    expect(state.organizations.find((o: { id: string }) => o.id === ACME).members).toHaveLength(4);
    expect(state.users[0]).toMatchObject({ user_id: expect.any(String), email: expect.any(String) });
    expect(state.users[0]).not.toHaveProperty("password");
  });

  it("puts the tenant, log, mailbox, tenant logs and faults back to the start", async () => {
    await createInvitation();
    logLogin(emulator().context.tenant, { hostname: "127.0.0.1", ip: "127.0.0.1" }, emulator().context.tenant.state.users[0]!);
    await control("POST", "faults", { path: "/roles", status: 500, count: 1 });
    expect((await control("POST", "reset")).status).toBe(200);
    expect(emulator().context.tenant.state.invitations).toEqual([]);
    expect((await control("GET", "mailbox")).body).toEqual([]);
    expect((await control("GET", "logs")).body).toEqual([]);
    expect((await control("GET", "requests")).body).toEqual([]);
    expect((await api("GET", "/roles")).status).toBe(200);
  });

  it("answers 404 for an unknown control", async () => {
    expect((await control("GET", "nothing")).status).toBe(404);
  });
});

describe("seeding invitations", () => {
  const seed = (fields: Record<string, unknown>) =>
    control("POST", "invitations/seed", { organization_id: ACME, client_id: ADMIN_APP_ID, emails: ["a@example.test", "b@example.test"], ...fields });

  it("makes them as the API does, without email, created in order a step apart, and lists them", async () => {
    const { status, body } = await seed({ roles: ["rol_Member0000000003"], ttl_sec: 60, created_at: "2026-01-01T00:00:00.000Z", step_ms: 1000 });
    expect(status).toBe(200);
    expect(body.map((i: { created_at: string }) => i.created_at)).toEqual(["2026-01-01T00:00:00.000Z", "2026-01-01T00:00:01.000Z"]);
    expect(body[0]).toMatchObject({ organization_id: ACME, invitee: { email: "a@example.test" }, roles: ["rol_Member0000000003"], expires_at: "2026-01-01T00:01:00.000Z" });
    expect(body[0].invitation_url).toContain(`invitation=${body[0].ticket_id}`);
    const listed = await api("GET", `/organizations/${ACME}/invitations?sort=created_at:1`);
    expect(listed.body.map((i: { id: string }) => i.id)).toEqual(body.map((i: { id: string }) => i.id));
    expect((await control("GET", "mailbox")).body).toEqual([]);
  });

  it("refuses what the API would refuse, and a malformed seed", async () => {
    expect((await seed({ organization_id: "org_Nobody0000000000" })).status).toBe(404);
    expect((await seed({ roles: ["rol_Nothing00000000"] })).status).toBe(400);
    expect((await seed({ client_id: "nobody" })).status).toBe(400);
    expect((await seed({ emails: [] })).status).toBe(400);
    expect((await seed({ ttl_sec: 0 })).status).toBe(400);
    expect((await api("GET", `/organizations/${ACME}/invitations`)).body).toEqual([]);
  });
});
