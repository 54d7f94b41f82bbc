import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Store } from "@/lib/db/store";
import { storeCases } from "@/lib/testing/stores";
import { createThrottle, type Throttle } from "./throttle";

const cases = await storeCases("inviter_unit_throttle");

/** How many of `n` calls got through before the first refusal, and that refusal. */
async function untilRefused(n: number, call: () => Promise<void>) {
  for (let i = 0; i < n; i++) {
    try {
      await call();
    } catch (error) {
      return { allowed: i, error };
    }
  }
  return { allowed: n, error: undefined };
}

describe.each(cases)("throttling on the $name store", ({ open }) => {
  let store: Store;
  let throttle: Throttle;
  beforeAll(async () => {
    store = await open();
    throttle = createThrottle(store.db, { userActions: 3, userViews: 5, organization: 7 });
  });
  afterAll(async () => {
    await store.close();
  });

  it("starts at the configured limit per user, says when to try again, and leaves other users alone", async () => {
    const views = await untilRefused(10, () => throttle.admit("auth0|flood", "view", null));
    expect(views.allowed).toBe(5);
    expect(views.error).toMatchObject({ code: "throttled", message: expect.stringMatching(/^You opened more than 5 pages within a minute\. Try again in \d+ seconds?\.$/) });
    // Actions are counted apart from page views.
    expect((await untilRefused(10, () => throttle.admit("auth0|flood", "action", null))).allowed).toBe(3);
    await expect(throttle.admit("auth0|calm", "view", null)).resolves.toBeUndefined();
  });

  it("shares the limits between instances: two throttles over one store count together", async () => {
    const other = createThrottle(store.db, { userActions: 3, userViews: 5, organization: 7 });
    await throttle.admit("auth0|two-instances", "action", null);
    await other.admit("auth0|two-instances", "action", null);
    await throttle.admit("auth0|two-instances", "action", null);
    await expect(other.admit("auth0|two-instances", "action", null)).rejects.toMatchObject({ code: "throttled" });
  });

  it("refuses everyone in an organization whose requests are spent, and no one elsewhere", async () => {
    const charged = await untilRefused(10, () => throttle.charge("org_busy"));
    expect(charged.allowed).toBe(7);
    expect(charged.error).toMatchObject({ code: "throttled", message: expect.stringContaining("This organization had more than 7 requests") });
    await expect(throttle.admit("auth0|fresh", "view", "org_busy")).rejects.toMatchObject({ code: "throttled" });
    await expect(throttle.admit("auth0|fresh", "view", "org_quiet")).resolves.toBeUndefined();
  });

  it("spends none of an organization's requests on admitting (only the gate's pass does)", async () => {
    for (let i = 0; i < 4; i++) await throttle.admit(`auth0|outsider-${i}`, "view", "org_guarded");
    await expect(throttle.charge("org_guarded")).resolves.toBeUndefined();
  });
});
