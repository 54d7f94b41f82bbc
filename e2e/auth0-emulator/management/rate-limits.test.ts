// Contract: Auth0's Management API rate limits — a token bucket per endpoint group (invitation writes, invitation
// reads, everything else), the x-ratelimit-* headers on every answer, 429s, refill and the clock, and the limits
// from the environment and the control.
import https from "node:https";
import { describe, expect, it } from "vitest";
import { READ_ONLY_M2M } from "../app-env.ts";
import { readEmulatorConfig } from "../config.ts";
import { RateLimits } from "./buckets.ts";
import { ACME, API_URL, api, auth0Error, control, createInvitation, tokenFor, useEmulator, type Reply } from "./testing.ts";

const emulator = useEmulator();

const nowSeconds = () => Math.floor(Date.now() / 1000);
const limitOf = (reply: Reply) => ({
  limit: reply.headers.get("x-ratelimit-limit"),
  remaining: reply.headers.get("x-ratelimit-remaining"),
});
const resetOf = (reply: Reply) => Number(reply.headers.get("x-ratelimit-reset"));
const TOO_MANY = auth0Error(429, "Too Many Requests", "Global limit has been reached", "too_many_requests");
const SLOW = 0.001; // one token per 1000 s: nothing refills by itself during a test

describe("headers on every Management API answer", () => {
  it("come from an effectively unlimited bucket when none is configured: a stable limit, reset now", async () => {
    const token = await tokenFor();
    const made = await createInvitation({}, { token });
    const answers: Record<string, Reply> = {
      "200": await api("GET", "/roles", { token }),
      "201": made,
      "204": await api("DELETE", `/organizations/${ACME}/invitations/${made.body.id}`, { token }),
      "400": await createInvitation({ inviter: { name: "" } }, { token }),
      "401": await api("GET", "/roles", { token: undefined }),
      "403": await createInvitation({}, { token: await tokenFor(READ_ONLY_M2M) }),
      "404 route": await api("GET", "/nothing", { token }),
      "404 resource": await api("GET", "/organizations/org_DoesNotExist0001", { token }),
    };
    await control("POST", "faults", { path: "/roles", status: 503, count: 1 });
    answers["503 fault"] = await api("GET", "/roles", { token });

    for (const [kind, reply] of Object.entries(answers)) {
      expect(`${kind}: ${reply.status}`).toBe(`${kind}: ${kind.split(" ")[0]}`);
      expect(limitOf(reply), kind).toEqual({ limit: "1000000", remaining: "999999" });
      expect(Math.abs(resetOf(reply) - nowSeconds()), kind).toBeLessThanOrEqual(1);
    }
  });

  it("are sent in lower case", async () => {
    const rawHeaders = await new Promise<string[]>((resolve, reject) => {
      https.get(`${API_URL}/api/v2/roles`, (res) => resolve(res.resume().rawHeaders)).on("error", reject);
    });
    expect(rawHeaders).toEqual(expect.arrayContaining(["x-ratelimit-limit", "x-ratelimit-remaining", "x-ratelimit-reset"]));
  });

  it("are not sent on token requests (the Authentication API is not limited here)", async () => {
    const response = await fetch(`${API_URL}/oauth/token`, { method: "POST" });
    expect(response.headers.get("x-ratelimit-limit")).toBeNull();
  });
});

describe("buckets per endpoint group", () => {
  it("charge invitation writes, invitation reads and everything else separately", async () => {
    const token = await tokenFor();
    await control("PUT", "rate-limit", {
      "invitation-writes": { burst: 3, perSecond: SLOW },
      "invitation-reads": { burst: 4, perSecond: SLOW },
      general: { burst: 5, perSecond: SLOW },
    });
    const made = await createInvitation({}, { token });
    expect(limitOf(made)).toEqual({ limit: "3", remaining: "2" });
    expect(limitOf(await api("GET", `/organizations/${ACME}/invitations`, { token }))).toEqual({ limit: "4", remaining: "3" });
    expect(limitOf(await api("GET", `/organizations/${ACME}/invitations/${made.body.id}`, { token }))).toEqual({ limit: "4", remaining: "2" });
    expect(limitOf(await api("GET", "/roles", { token }))).toEqual({ limit: "5", remaining: "4" });
    expect(limitOf(await api("GET", `/organizations/${ACME}/members`, { token }))).toEqual({ limit: "5", remaining: "3" });
    expect(limitOf(await api("DELETE", `/organizations/${ACME}/invitations/${made.body.id}`, { token }))).toEqual({ limit: "3", remaining: "1" });

    const buckets = emulator().context.requestLog.map((r) => r.bucket);
    expect(buckets).toEqual([
      undefined, // POST /oauth/token
      "invitation-writes", "invitation-reads", "invitation-reads", "general", "general", "invitation-writes",
    ]);
  });

  it("answer 429 from an empty invitation-writes bucket while reads and the rest still pass", async () => {
    const token = await tokenFor();
    await control("PUT", "rate-limit", { "invitation-writes": { burst: 2, perSecond: SLOW } });
    expect((await createInvitation({ invitee: { email: "one@acme.test" } }, { token })).status).toBe(201);
    expect((await createInvitation({ invitee: { email: "two@acme.test" } }, { token })).status).toBe(201);

    const limited = await createInvitation({ invitee: { email: "three@acme.test" } }, { token });
    expect(limited.status).toBe(429);
    expect(limited.body).toEqual(TOO_MANY);
    expect(limitOf(limited)).toEqual({ limit: "2", remaining: "0" });
    // Full again after two tokens at one per 1000 s.
    expect(resetOf(limited)).toBeGreaterThanOrEqual(nowSeconds() + 1999);
    expect(resetOf(limited)).toBeLessThanOrEqual(nowSeconds() + 2001);

    const list = await api("GET", `/organizations/${ACME}/invitations`, { token });
    expect(list.status).toBe(200);
    expect(list.body).toHaveLength(2);
    expect((await api("GET", "/roles", { token })).status).toBe(200);
    expect(emulator().context.tenant.state.invitations).toHaveLength(2);
    expect(emulator().context.requestLog.filter((r) => r.outcome === "rate-limited")).toEqual([
      expect.objectContaining({ method: "POST", status: 429, bucket: "invitation-writes" }),
    ]);
  });

  it("say how fast they refill: reset is when the bucket is full, so (limit − remaining) / (reset − now) ≈ perSecond", async () => {
    const token = await tokenFor();
    await control("PUT", "rate-limit", { general: { burst: 10, perSecond: 2 } });
    let last: Reply | undefined;
    for (let i = 0; i < 6; i++) last = await api("GET", "/roles", { token });
    const remaining = Number(last!.headers.get("x-ratelimit-remaining"));
    expect(remaining).toBeGreaterThanOrEqual(4);
    expect(remaining).toBeLessThanOrEqual(5);
    // About 6 tokens short at 2 per second: full in about 3 s (the header rounds up to the next whole second).
    const secondsToFull = resetOf(last!) - Date.now() / 1000;
    expect(secondsToFull).toBeGreaterThan(2);
    expect(secondsToFull).toBeLessThanOrEqual(4);
  });

  it("refill at perSecond, and the clock control credits every bucket", async () => {
    const token = await tokenFor();
    await control("PUT", "rate-limit", {
      "invitation-writes": { burst: 1, perSecond: SLOW },
      "invitation-reads": { burst: 1, perSecond: SLOW },
      general: { burst: 1, perSecond: SLOW },
    });
    const calls = {
      "invitation-writes": () => createInvitation({}, { token }),
      "invitation-reads": () => api("GET", `/organizations/${ACME}/invitations`, { token }),
      general: () => api("GET", "/roles", { token }),
    };
    for (const call of Object.values(calls)) {
      expect((await call()).status).toBeLessThan(300);
      expect((await call()).status).toBe(429);
    }
    expect((await control("POST", "clock", { advanceSeconds: 500 })).body.rateLimits.general.remaining).toBe(0);
    const { body } = await control("POST", "clock", { advanceSeconds: 500 });
    expect(body.rateLimits).toEqual({
      "invitation-writes": { burst: 1, perSecond: SLOW, remaining: 1 },
      "invitation-reads": { burst: 1, perSecond: SLOW, remaining: 1 },
      general: { burst: 1, perSecond: SLOW, remaining: 1 },
    });
    for (const call of Object.values(calls)) {
      expect((await call()).status).toBeLessThan(300);
      expect((await call()).status).toBe(429);
    }
  });
});

describe("the rate-limit control", () => {
  const OFF = { "invitation-writes": null, "invitation-reads": null, general: null };

  it("takes {burst, perSecond} as the general (tenant-wide) bucket, as the first version did", async () => {
    const set = await control("PUT", "rate-limit", { burst: 2, perSecond: 0.1 });
    expect(set.body).toEqual({ rateLimits: { ...OFF, general: { burst: 2, perSecond: 0.1, remaining: 2 } } });
    const token = await tokenFor();
    expect(limitOf(await api("GET", "/roles", { token }))).toEqual({ limit: "2", remaining: "1" });
    expect(limitOf(await createInvitation({}, { token }))).toEqual({ limit: "1000000", remaining: "999999" });
  });

  it("sets only the named buckets (by PUT or POST), turns all off with null, and a reset restores the configured ones", async () => {
    await control("POST", "rate-limit", { "invitation-reads": { burst: 20, perSecond: 200 / 60 } });
    await control("POST", "rate-limit", { general: { burst: 50, perSecond: 16 } });
    const reads = { burst: 20, perSecond: 200 / 60, remaining: 20 };
    expect((await control("GET", "rate-limit")).body).toEqual({
      rateLimits: { ...OFF, "invitation-reads": reads, general: { burst: 50, perSecond: 16, remaining: 50 } },
    });
    expect((await control("PUT", "rate-limit", { general: null })).body).toEqual({ rateLimits: { ...OFF, "invitation-reads": reads } });
    expect((await control("PUT", "rate-limit", null)).body).toEqual({ rateLimits: OFF });

    await control("PUT", "rate-limit", { burst: 1, perSecond: 0.01 });
    await control("POST", "reset");
    expect((await control("GET", "rate-limit")).body).toEqual({ rateLimits: OFF });
  });

  it("refuses a malformed limit or an unknown bucket", async () => {
    expect((await control("PUT", "rate-limit", { burst: 0, perSecond: 1 })).status).toBe(400);
    expect((await control("PUT", "rate-limit", { "invitation-writes": { burst: 1 } })).status).toBe(400);
    expect((await control("PUT", "rate-limit", { users: { burst: 1, perSecond: 1 } })).status).toBe(400);
    expect((await control("PUT", "rate-limit", [1])).status).toBe(400);
  });
});

describe("rate limits from the environment", () => {
  const state = (env: Record<string, string>) => new RateLimits(readEmulatorConfig(env as NodeJS.ProcessEnv).rateLimits).state();

  it("reads EMULATOR_RATE_LIMITS per bucket, and EMULATOR_RATE_LIMIT as the general bucket", () => {
    expect(state({ EMULATOR_RATE_LIMITS: "invitation-writes=20:3.33, invitation-reads=20:3.33,general=50:16" })).toEqual({
      "invitation-writes": { burst: 20, perSecond: 3.33, remaining: 20 },
      "invitation-reads": { burst: 20, perSecond: 3.33, remaining: 20 },
      general: { burst: 50, perSecond: 16, remaining: 50 },
    });
    expect(state({ EMULATOR_RATE_LIMIT: "2:2", EMULATOR_RATE_LIMITS: "invitation-reads=off" })).toEqual({
      "invitation-writes": null,
      "invitation-reads": null,
      general: { burst: 2, perSecond: 2, remaining: 2 },
    });
    expect(state({})).toEqual({ "invitation-writes": null, "invitation-reads": null, general: null });
  });

  it("refuses malformed settings, and the general bucket set twice", () => {
    expect(() => state({ EMULATOR_RATE_LIMIT: "fast" })).toThrow(/EMULATOR_RATE_LIMIT must look like/);
    expect(() => state({ EMULATOR_RATE_LIMITS: "invitations=20:3" })).toThrow(/EMULATOR_RATE_LIMITS entries/);
    expect(() => state({ EMULATOR_RATE_LIMITS: "general=0:3" })).toThrow(/EMULATOR_RATE_LIMITS entries/);
    expect(() => state({ EMULATOR_RATE_LIMIT: "2:2", EMULATOR_RATE_LIMITS: "general=50:16" })).toThrow(/both set the general bucket/);
  });
});
