// A bulk job's authority, read again live: against the emulator's Management API (roles changed mid-test
// through Auth0's own endpoints, the user blocked as an administrator would) and, for support staff's
// engagements and sessions, on both stores.
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { ACME, GLOBEX, api, control, useEmulator } from "@/e2e/auth0-emulator/management/testing";
import type { Store } from "@/lib/db/store";

const current = vi.hoisted(() => ({ store: undefined as Store | undefined }));
vi.mock("@/lib/db/store", async () => {
  const actual = await vi.importActual<typeof import("@/lib/db/store")>("@/lib/db/store");
  return { ...actual, store: async () => current.store! };
});
vi.mock("@/lib/env", async (importOriginal) => (await import("@/lib/testing/emulator-env")).emulatorEnv(await importOriginal()));

useEmulator();
const { storeCases } = await import("@/lib/testing/stores");
const { reauthorizeJob } = await import("./job-authority");
const { isRefusedByAuth0 } = await import("@/lib/auth0/blocked");
const { endSession, startSession } = await import("@/lib/auth/sessions");
const { activeEngagement, endEngagement, endSessionEngagements, startEngagement } = await import("@/lib/support/engagements");
const { sessions } = await import("@/lib/db/schema");

const ALICE = "auth0|alice0000000000000000001";
const SAM = "auth0|sam000000000000000000006";
const ORG_ADMIN = "rol_OrgAdmin00000001";
const INVITER = "rol_Inviter000000002";
const MEMBER = "rol_Member0000000003";
const SUPPORT_AGENT = "rol_SupportAgent0005";

const aliceJob = {
  organizationId: ACME,
  actorId: ALICE,
  actorEmail: "alice@acme.test",
  actorName: "Alice Admin",
  actorKind: "member",
  reason: null,
  engagementId: null,
};
const aliceRoles = (method: "POST" | "DELETE", roles: string[]) =>
  api(method, `/organizations/${ACME}/members/${encodeURIComponent(ALICE)}/roles`, { body: { roles } });

afterAll(() => {
  delete (globalThis as Record<string, unknown>).__managementClient;
});

describe("a member's job", () => {
  it("goes on within the creator's ceiling, with the grant, their live roles, their ceiling and the inviter to record", async () => {
    const answer = await reauthorizeJob(aliceJob, [ORG_ADMIN, MEMBER]);
    expect(answer).toMatchObject({
      ok: true,
      authority: {
        access: { orgId: ACME },
        actor: { kind: "member", roleNames: ["Org Admin"] },
        inviter: { actorId: ALICE, actorEmail: "alice@acme.test", actorName: "Alice Admin", actorKind: "member", reason: null },
      },
    });
    if (!answer.ok) throw new Error(answer.why);
    expect(answer.authority.ceiling.covers([ORG_ADMIN, INVITER, MEMBER])).toBe(true);
  });

  it("stops the Org Admin rows of a creator demoted to Inviter, naming the role, and lets the rest go on", async () => {
    await aliceRoles("POST", [INVITER]);
    await aliceRoles("DELETE", [ORG_ADMIN]);
    expect(await reauthorizeJob(aliceJob, [MEMBER, ORG_ADMIN])).toEqual({
      ok: false,
      why: "Its creator, Alice Admin, may no longer assign Org Admin (their roles now: Inviter). Give them the role back and resume the job, or cancel it.",
    });
    expect(await reauthorizeJob(aliceJob, [MEMBER])).toMatchObject({ ok: true, authority: { actor: { kind: "member", roleNames: ["Inviter"] } } });
  });

  it("stops when the creator holds no inviter role any more", async () => {
    await aliceRoles("DELETE", [ORG_ADMIN]);
    expect(await reauthorizeJob(aliceJob, [])).toEqual({
      ok: false,
      why: "Its creator, Alice Admin, no longer holds an inviter role (Org Admin or Inviter) in this organization. Give it back and resume the job, or cancel it.",
    });
  });

  it("stops at once when the creator is blocked, though the gate's flag is still cached as not blocked", async () => {
    expect(await isRefusedByAuth0(ALICE)).toBe(false);
    await control("POST", "users/blocked", { user_id: ALICE, blocked: true });
    expect(await isRefusedByAuth0(ALICE)).toBe(false);
    expect(await reauthorizeJob(aliceJob, [MEMBER])).toEqual({
      ok: false,
      why: "Its creator, Alice Admin, is blocked in Auth0 (or no longer exists there). Unblock them and resume the job, or cancel it.",
    });
  });

  it("throws when Auth0 cannot answer: an unknown answer is not a no", async () => {
    await control("POST", "faults", { method: "GET", pathPattern: "/members/.*/roles$", status: 503, count: 10 });
    await expect(reauthorizeJob(aliceJob, [MEMBER])).rejects.toMatchObject({ statusCode: 503 });
  });
});

const cases = await storeCases("inviter_unit_job_authority");

describe.each(cases)("a support agent's job on the $name store", ({ open }) => {
  let store: Store;
  beforeAll(async () => {
    store = current.store = await open();
  });
  afterAll(async () => {
    await store.close();
  });
  beforeEach(async () => {
    await store.db.execute(sql`TRUNCATE support_engagements, sessions`);
  });

  let sessionNo = 0;
  /** Sam signs in and acts for the organization with a reason: the job made then carries that engagement. */
  async function samActingFor(organizationId = ACME, organizationName = "Acme") {
    const sessionId = `session-${++sessionNo}`;
    await startSession(store.db, { id: sessionId, userId: SAM });
    await startEngagement({ sessionId, actorId: SAM, organizationId, organizationName, reason: "T-4711 onboarding" });
    const engagement = await activeEngagement(sessionId, organizationId);
    const job = { organizationId: ACME, actorId: SAM, actorEmail: "sam@support.test", actorName: "Sam Support", actorKind: "support", reason: "T-4711 onboarding", engagementId: engagement!.id };
    return { sessionId, job };
  }

  const ENDED = "Its creator, Sam Support, no longer acts for this organization as support: they stopped acting for it, or their sign-in session ended. To go on, they act for it again with a reason and resume the job.";

  it("goes on while the engagement holds, with support's ceiling and reason", async () => {
    const { job } = await samActingFor();
    const answer = await reauthorizeJob(job, [ORG_ADMIN]);
    expect(answer).toMatchObject({
      ok: true,
      authority: { access: { orgId: ACME }, actor: { kind: "support" }, inviter: { actorId: SAM, actorKind: "support", reason: "T-4711 onboarding" } },
    });
  });

  it("stops once the agent stops acting for the organization", async () => {
    const { sessionId, job } = await samActingFor();
    await endEngagement(sessionId, ACME);
    expect(await reauthorizeJob(job, [MEMBER])).toEqual({ ok: false, why: ENDED });
  });

  it("stops once the agent signs out", async () => {
    const { sessionId, job } = await samActingFor();
    await endSession(store.db, sessionId);
    await endSessionEngagements(sessionId);
    expect(await reauthorizeJob(job, [MEMBER])).toEqual({ ok: false, why: ENDED });
  });

  it("stops once the agent's session has gone idle, though no request came to end it or its engagement", async () => {
    const { sessionId, job } = await samActingFor();
    await store.db.update(sessions).set({ lastSeenAt: new Date(Date.now() - 31 * 60_000) }).where(eq(sessions.id, sessionId));
    expect(await activeEngagement(sessionId, ACME)).toBeDefined();
    expect(await reauthorizeJob(job, [MEMBER])).toEqual({ ok: false, why: ENDED });
  });

  it("counts no engagement for another organization, and none at all", async () => {
    const { job: globexEngaged } = await samActingFor(GLOBEX, "Globex");
    expect(await reauthorizeJob(globexEngaged, [MEMBER])).toEqual({ ok: false, why: ENDED });
    const { job } = await samActingFor();
    expect(await reauthorizeJob({ ...job, engagementId: null }, [MEMBER])).toEqual({ ok: false, why: ENDED });
  });

  it("stops once the agent no longer holds the support role", async () => {
    const { job } = await samActingFor();
    expect((await api("DELETE", `/users/${encodeURIComponent(SAM)}/roles`, { body: { roles: [SUPPORT_AGENT] } })).status).toBe(204);
    expect(await reauthorizeJob(job, [MEMBER])).toEqual({
      ok: false,
      why: "Its creator, Sam Support, no longer holds the support role (Support Agent). Give it back and resume the job, or cancel it.",
    });
  });
});
