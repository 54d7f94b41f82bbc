// Contract: the /__emulator controls — rate limiting (429 and its headers), faults, the request log,
// state and reset.
import { describe, expect, it } from "vitest";
import { ACME, API_URL, api, auth0Error, control, createInvitation, tokenFor, useEmulator } from "./management/testing.ts";

const emulator = useEmulator();

describe("rate limiting", () => {
  it("is off by default: no rate-limit headers", async () => {
    const { headers } = await api("GET", "/roles");
    expect(headers.get("x-ratelimit-limit")).toBeNull();
  });

  it("answers 429 once the bucket is empty, with the headers on every response", async () => {
    const token = await tokenFor();
    const set = await control("PUT", "rate-limit", { burst: 2, perSecond: 0.1 });
    expect(set.body).toEqual({ rateLimit: { burst: 2, perSecond: 0.1 } });
    const before = Math.floor(Date.now() / 1000);

    const first = await api("GET", "/roles", { token });
    expect(first.status).toBe(200);
    expect(first.headers.get("x-ratelimit-limit")).toBe("2");
    expect(first.headers.get("x-ratelimit-remaining")).toBe("1");
    expect((await api("GET", "/nothing", { token })).headers.get("x-ratelimit-remaining")).toBe("0");

    const limited = await api("GET", "/roles", { token });
    expect(limited.status).toBe(429);
    expect(limited.body).toEqual(auth0Error(429, "Too Many Requests", "Global limit has been reached", "too_many_requests"));
    expect(limited.headers.get("x-ratelimit-limit")).toBe("2");
    expect(limited.headers.get("x-ratelimit-remaining")).toBe("0");
    // UNIX seconds: about 20 s away, when two tokens have come back at 0.1 per second.
    const reset = Number(limited.headers.get("x-ratelimit-reset"));
    expect(reset).toBeGreaterThanOrEqual(before + 19);
    expect(reset).toBeLessThanOrEqual(before + 22);

    // Token requests are not limited.
    expect((await tokenFor()).length).toBeGreaterThan(0);
  });

  it("refills at perSecond", async () => {
    const token = await tokenFor();
    await control("PUT", "rate-limit", { burst: 1, perSecond: 20 });
    expect((await api("GET", "/roles", { token })).status).toBe(200);
    expect((await api("GET", "/roles", { token })).status).toBe(429);
    await new Promise((resolve) => setTimeout(resolve, 120));
    expect((await api("GET", "/roles", { token })).status).toBe(200);
  });

  it("is turned off with null, and by a reset", async () => {
    const token = await tokenFor();
    await control("PUT", "rate-limit", { burst: 1, perSecond: 0.01 });
    await api("GET", "/roles", { token });
    expect((await api("GET", "/roles", { token })).status).toBe(429);
    expect((await control("PUT", "rate-limit", null)).body).toEqual({ rateLimit: null });
    expect((await api("GET", "/roles", { token })).headers.get("x-ratelimit-limit")).toBeNull();

    await control("PUT", "rate-limit", { burst: 1, perSecond: 0.01 });
    await control("POST", "reset");
    expect((await api("GET", "/roles", { token })).headers.get("x-ratelimit-limit")).toBeNull();
  });

  it("refuses a malformed limit", async () => {
    expect((await control("PUT", "rate-limit", { burst: 0, perSecond: 1 })).status).toBe(400);
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
  it("records Management API and token requests with their status, path and full url", async () => {
    const token = await tokenFor();
    await api("GET", "/organizations?include_totals=true", { token });
    await api("GET", "/organizations/org_nope", { token });
    const log = (await control("GET", "requests")).body;
    expect(log).toEqual([
      { method: "POST", path: "/oauth/token", url: "/oauth/token", status: 200, time: expect.any(String), durationMs: expect.any(Number) },
      expect.objectContaining({ method: "GET", path: "/api/v2/organizations", url: "/api/v2/organizations?include_totals=true", status: 200 }),
      expect.objectContaining({ path: "/api/v2/organizations/org_nope", status: 404 }),
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

describe("state and reset", () => {
  it("shows invitations, organizations with members, and users without passwords", async () => {
    const made = (await createInvitation()).body;
    const state = (await control("GET", "state")).body;
    expect(state.invitations).toEqual([made]);
    expect(state.organizations.find((o: { id: string }) => o.id === ACME).members).toHaveLength(4);
    expect(state.users[0]).toMatchObject({ user_id: expect.any(String), email: expect.any(String) });
    expect(state.users[0]).not.toHaveProperty("password");
  });

  it("puts the tenant, log, mailbox and faults back to the start", async () => {
    await createInvitation();
    await control("POST", "faults", { path: "/roles", status: 500, count: 1 });
    expect((await control("POST", "reset")).status).toBe(200);
    expect(emulator().context.tenant.state.invitations).toEqual([]);
    expect((await control("GET", "mailbox")).body).toEqual([]);
    expect((await control("GET", "requests")).body).toEqual([]);
    expect((await api("GET", "/roles")).status).toBe(200);
  });

  it("answers 404 for an unknown control", async () => {
    expect((await control("GET", "nothing")).status).toBe(404);
  });
});
