// Contract: what a bulk-onboarding benchmark asks of the emulator beyond Auth0's rules — added latency,
// probabilistic faults that fire on the same requests for the same seed, and an answer lost after the change was
// made ("timeout-after-handling"), as the official SDK sees it. Count-based faults: ../controls.test.ts.
import { ManagementClient } from "auth0";
import { describe, expect, it } from "vitest";
import { ADMIN_M2M } from "../app-env.ts";
import { readEmulatorConfig } from "../config.ts";
import { Faults } from "./faults.ts";
import { ACME, ADMIN_APP_ID, API_HOST, api, control, createInvitation, tokenFor, useEmulator } from "./testing.ts";

const emulator = useEmulator();
const config = (env: Record<string, string>) => readEmulatorConfig(env as NodeJS.ProcessEnv);

/** The statuses of `count` GET /roles calls, as one string ("2" for 200, "5" for 503). */
async function rolesRun(token: string, count: number): Promise<string> {
  let run = "";
  for (let i = 0; i < count; i++) run += String((await api("GET", "/roles", { token })).status)[0];
  return run;
}

describe("added latency", () => {
  it("delays every Management API server answer, token requests included, until changed or reset", async () => {
    const token = await tokenFor();
    expect((await control("PUT", "latency", { latencyMs: 150 })).body).toEqual({ latencyMs: 150 });
    let started = Date.now();
    expect((await api("GET", "/roles", { token })).status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(145);
    started = Date.now();
    await tokenFor();
    expect(Date.now() - started).toBeGreaterThanOrEqual(145);
    expect(emulator().context.requestLog.slice(-2).map((r) => r.durationMs >= 150)).toEqual([true, true]);

    await control("POST", "reset");
    expect(emulator().context.latencyMs).toBe(0);
    expect((await control("PUT", "latency", { latencyMs: -1 })).status).toBe(400);
  });

  it("comes from EMULATOR_LATENCY_MS", () => {
    expect(config({ EMULATOR_LATENCY_MS: "50" }).latencyMs).toBe(50);
    expect(config({}).latencyMs).toBe(0);
    expect(() => config({ EMULATOR_LATENCY_MS: "fast" })).toThrow(/EMULATOR_LATENCY_MS/);
  });
});

describe("probabilistic faults", () => {
  const fault = { method: "GET", pathPattern: "^/api/v2/roles$", probability: 0.25, status: 503 };

  it("fire at their rate, on the same requests for the same seed, and last until cleared", async () => {
    const token = await tokenFor();
    expect((await control("POST", "faults", { ...fault, seed: 42 })).body).toMatchObject({ probability: 0.25, seed: 42, remaining: null });
    const first = await rolesRun(token, 200);
    const fired = first.split("").filter((s) => s === "5").length;
    expect(fired).toBeGreaterThanOrEqual(30);
    expect(fired).toBeLessThanOrEqual(70);
    // Only the matching method and path.
    expect((await createInvitation({}, { token })).status).toBe(201);

    await control("DELETE", "faults");
    await control("POST", "faults", { ...fault, seed: 42 });
    expect(await rolesRun(token, 200)).toBe(first);
    await control("DELETE", "faults");
    await control("POST", "faults", { ...fault, seed: 43 });
    expect(await rolesRun(token, 200)).not.toBe(first);
  });

  it("answer the seed they drew when given none, which repeats the run", async () => {
    const token = await tokenFor();
    const { seed } = (await control("POST", "faults", fault)).body;
    expect(Number.isInteger(seed)).toBe(true);
    const first = await rolesRun(token, 40);
    await control("DELETE", "faults");
    await control("POST", "faults", { ...fault, seed });
    expect(await rolesRun(token, 40)).toBe(first);
  });

  it("stop after `count` firings when given one", async () => {
    const token = await tokenFor();
    await control("POST", "faults", { ...fault, probability: 0.5, count: 2, seed: 1 });
    const run = await rolesRun(token, 60);
    expect(run.split("").filter((s) => s === "5")).toHaveLength(2);
    expect(emulator().context.requestLog.filter((r) => r.outcome === "fault")).toHaveLength(2);
  });

  it("take their seeds from EMULATOR_FAULT_SEED when given none: seed + n for the n-th fault since the last clear", () => {
    const faults = new Faults(config({ EMULATOR_FAULT_SEED: "7" }).faultSeed);
    const spec = { kind: "respond" as const, pathPattern: "/", status: 503, remaining: null, probability: 0.5 };
    expect([faults.add(spec).seed, faults.add(spec).seed, faults.add({ ...spec, seed: 99 }).seed]).toEqual([7, 8, 99]);
    faults.clear();
    expect(faults.add(spec).seed).toBe(7);
  });

  it("are refused when malformed", async () => {
    for (const bad of [
      { ...fault, probability: 0 },
      { ...fault, probability: 1.5 },
      { ...fault, seed: -1 },
      { ...fault, kind: "explode" },
      { ...fault, pathPattern: "(" },
    ]) {
      expect((await control("POST", "faults", bad)).status, JSON.stringify(bad)).toBe(400);
    }
  });
});

describe("timeout after handling", () => {
  const timeout = { method: "POST", pathPattern: "/invitations$", kind: "timeout-after-handling", count: 1 };

  it("creates the invitation exactly once; the SDK gets a timeout error and the log says so", async () => {
    const sdk = new ManagementClient({
      domain: API_HOST,
      clientId: ADMIN_M2M.client_id,
      clientSecret: ADMIN_M2M.client_secret,
      maxRetries: 0,
      timeoutInSeconds: 1,
    });
    await control("POST", "faults", { ...timeout, delayMs: 5000 });
    const invite = (email: string) =>
      sdk.organizations.invitations.create(ACME, { inviter: { name: "Alice Admin" }, invitee: { email }, client_id: ADMIN_APP_ID });

    // auth0 7.1 aborts its fetch with the reason "timeout", a string, which fetch rethrows as it is: the SDK then
    // raises a ManagementError "timeout" without a status, not its ManagementTimeoutError. Either says "timeout".
    const error = await invite("lost@acme.test").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Error);
    expect(error).toMatchObject({ message: expect.stringMatching(/timeout/i) });
    expect((error as { statusCode?: number }).statusCode).toBeUndefined();
    const { invitations } = emulator().context.tenant.state;
    expect(invitations.map((i) => i.invitee.email)).toEqual(["lost@acme.test"]);
    const listed = await sdk.organizations.invitations.list(ACME);
    expect(listed.data.map((i) => i.id)).toEqual([invitations[0]!.id]);
    expect(emulator().context.requestLog.filter((r) => r.method === "POST" && r.bucket)).toEqual([
      expect.objectContaining({ status: 201, bucket: "invitation-writes", outcome: "timed-out" }),
    ]);

    // The fault is spent: the next one is answered.
    expect((await invite("next@acme.test")).invitee?.email).toBe("next@acme.test");
    expect(emulator().context.tenant.state.invitations).toHaveLength(2);
  });

  it("drops the connection after delayMs when the client waits longer", async () => {
    await control("POST", "faults", { ...timeout, delayMs: 200 });
    const started = Date.now();
    await expect(createInvitation()).rejects.toThrow();
    expect(Date.now() - started).toBeGreaterThanOrEqual(190);
    expect(emulator().context.tenant.state.invitations).toHaveLength(1);
  });

  it("needs delayMs and answers nothing of its own", async () => {
    expect((await control("POST", "faults", timeout)).status).toBe(400);
    expect((await control("POST", "faults", { ...timeout, delayMs: 100, status: 504 })).status).toBe(400);
  });
});
