// Reminders and renewal by the organization's policy, against the emulator through the real SDK, on both
// stores. Time moves as the emulator's clock control moves it, by ageing what is held: the emulator ages the
// tenant's invitations, and the test ages the ledger's the same, so the sweep's `now` (the scheduler's time)
// and both sides agree. Each step fires once, with two sweeps at once and across a restart of pg-boss; a
// demoted inviter's reminder is skipped and recorded with why; a renewal is one new invitation at Auth0.
import { sql } from "drizzle-orm";
import type { PgBoss } from "pg-boss";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { ACME, api, control, useEmulator } from "@/e2e/auth0-emulator/management/testing";
import type { Actor } from "@/lib/authz/policy";
import type { Store } from "@/lib/db/store";

const current = vi.hoisted(() => ({ store: undefined as Store | undefined, ownEmail: false }));
vi.mock("@/lib/db/store", async () => {
  const actual = await vi.importActual<typeof import("@/lib/db/store")>("@/lib/db/store");
  return { ...actual, store: async () => current.store! };
});
vi.mock("@/lib/env", async (importOriginal) =>
  (await import("@/lib/testing/emulator-env")).emulatorEnv(await importOriginal(), { POLICY_REMIND: "3,2", POLICY_RENEW: "1", BULK_WRITE_RATE_PER_SECOND: "50" }),
);
vi.mock("@/lib/email/transport", async (importOriginal) => ({ ...(await importOriginal<typeof import("@/lib/email/transport")>()), ownEmail: () => current.ownEmail }));
vi.mock("@/lib/email/invitation-email", () => ({ sendInvitationEmail: vi.fn(async () => undefined) }));

useEmulator();
const { storeCases } = await import("@/lib/testing/stores");
const { grantOrgAccess } = await import("@/lib/authz/access");
const { roleCeiling } = await import("@/lib/authz/gate");
const { existingInvitees } = await import("@/lib/invitations/existing");
const { sendOne } = await import("@/lib/invitations/send");
const { openBoss } = await import("@/lib/jobs/boss");
const { invitationHistory } = await import("@/lib/ledger/history");
const { sendInvitationEmail } = await import("@/lib/email/invitation-email");
const { rawRows } = await import("@/lib/db/raw");
const { SUPPORT_MADE, sweepReminders } = await import("./sweep");
const { requestSweep, startReminderWorkerOn } = await import("./queue");

const ACME_PORTAL = "AcmePortalClientId00000000000002";
const ALICE = "auth0|alice0000000000000000001";
const ORG_ADMIN = "rol_OrgAdmin00000001";
const INVITER = "rol_Inviter000000002";
const MEMBER = "rol_Member0000000003";
const DAY = 86_400;
const sam = { actorId: "auth0|sam000000000000000000006", actorEmail: "sam@support.test", actorName: "Sam Support", actorKind: "support", reason: "TICKET-42" };
const alice = { actorId: ALICE, actorEmail: "alice@acme.test", actorName: "Alice Admin", actorKind: "member", reason: null };

type Logged = { method: string; path: string };
/** Auth0 calls of this test that write invitations: POST creates one, DELETE revokes one. */
const writes = async (method: "POST" | "DELETE") =>
  ((await control("GET", "requests")).body as Logged[]).filter((r) => r.method === method && /\/organizations\/[^/]+\/invitations/.test(r.path)).length;

let serial = 0;
const address = () => `remind${++serial}.${Date.now()}@example.test`;

afterAll(() => {
  for (const key of ["__managementClient", "__invitationWriteClient"]) delete (globalThis as Record<string, unknown>)[key];
});

describe.each(await storeCases("inviter_unit_reminders"))("reminders on the $name store", ({ open, databaseUrl }) => {
  let store: Store;
  const db = () => store.db;

  beforeAll(async () => {
    store = await open();
    current.store = store;
  });
  afterAll(async () => {
    await store.close();
  });
  beforeEach(async () => {
    current.ownEmail = false;
    vi.mocked(sendInvitationEmail).mockClear();
    await db().execute(sql`TRUNCATE invitations, invitation_steps, ledger_events, audit_events, rate_budgets`);
  });

  /** Alice (or Sam of support) invites, through the one pipeline, as the invite form would; the new invitation's id. */
  async function invite(email: string, roles: { id: string; name: string }[] = [{ id: MEMBER, name: "Member" }], by: "alice" | "sam" = "alice"): Promise<string> {
    const access = grantOrgAccess(ACME);
    const actor: Actor = by === "alice" ? { kind: "member", roleNames: ["Org Admin"] } : { kind: "support" };
    const sender = { db: db(), access, ceiling: await roleCeiling({ actor }), inviter: by === "alice" ? alice : sam, action: "invite" as const };
    const spec = { email, inviterName: "Alice Admin", clientId: ACME_PORTAL, roles, ttlSeconds: 7 * DAY, sendEmail: true };
    const outcome = await sendOne(sender, { spec, existing: await existingInvitees(access, [email]) });
    if (!("invitation" in outcome)) throw new Error(`not sent: ${JSON.stringify(outcome)}`);
    await control("DELETE", "requests");
    return outcome.invitation.id!;
  }

  /** Time passes for both sides: the tenant's clock control, and the ledger's times aged alike. */
  async function advance(seconds: number) {
    await control("POST", "clock", { advanceSeconds: seconds, expiredGraceSeconds: 30 * DAY });
    const by = sql`make_interval(secs => ${seconds})`;
    await db().execute(sql`UPDATE invitations SET created_at = created_at - ${by}, expires_at = expires_at - ${by}, status_at = status_at - ${by}`);
  }

  type Step = { step: string; invitation_id: string; outcome: string; detail: string | null; successor_id: string | null };
  const steps = () => rawRows<Step>(db(), sql`SELECT step, invitation_id, outcome, detail, successor_id FROM invitation_steps ORDER BY claimed_at, step`);
  const reminded = async () => (await rawRows<{ subject_id: string }>(db(), sql`SELECT subject_id FROM ledger_events WHERE type = 'invitation.reminded' ORDER BY sequence`)).map((r) => r.subject_id);
  const sweepTwiceAtOnce = () => Promise.all([sweepReminders(db(), new Date()), sweepReminders(db(), new Date())]);

  /** Starts a worker on a fresh PgBoss (a new instance, or the same after a restart) and runs one scheduled sweep to the end. */
  async function sweepOnBoss(): Promise<void> {
    const boss: PgBoss = await openBoss(store, databaseUrl);
    try {
      await startReminderWorkerOn(boss, db());
      const id = await requestSweep(boss);
      if (!id) throw new Error("a sweep is queued already");
      await expect.poll(async () => (await boss.getJobById("invitation-reminders", id))?.state, { timeout: 30_000, interval: 200 }).toBe("completed");
    } finally {
      await boss.stop({ graceful: true, timeout: 10_000 });
    }
  }

  it("without our own email, each reminder replaces the invitation once, across two sweeps at once and a restart; then the renewal", async () => {
    const first = await invite(address());
    await sweepTwiceAtOnce();
    expect(await steps()).toEqual([]);

    // Three days before expiry: reminder 1 of 2, a replacement through the one pipeline.
    await advance(4 * DAY + 60);
    await Promise.all([sweepOnBoss(), sweepReminders(db(), new Date())]);
    await sweepOnBoss(); // after a restart of pg-boss, nothing is due again
    const [one] = await steps();
    expect(one).toMatchObject({ step: "reminder:1", invitation_id: first, outcome: "renewed" });
    expect(await writes("DELETE")).toBe(1);
    expect(await writes("POST")).toBe(1);
    const second = one!.successor_id!;

    // The replacement runs seven days of its own: reminder 2 of 2 three days before it expires, once.
    await advance(4 * DAY + 60);
    await sweepTwiceAtOnce();
    await sweepTwiceAtOnce();
    expect((await steps()).map((s) => [s.step, s.invitation_id, s.outcome])).toEqual([
      ["reminder:1", first, "renewed"],
      ["reminder:2", second, "renewed"],
    ]);
    expect(await writes("POST")).toBe(2);
    expect(await reminded()).toEqual([first, second]);

    // No third reminder; once the last expires unaccepted, one renewal.
    const third = (await steps())[1]!.successor_id!;
    await advance(4 * DAY + 60);
    await sweepTwiceAtOnce();
    expect(await writes("POST")).toBe(2);
    await advance(3 * DAY);
    await sweepTwiceAtOnce();
    await sweepOnBoss();
    expect((await steps()).at(-1)).toMatchObject({ step: "renewal:1", invitation_id: third, outcome: "renewed" });
    expect(await writes("POST")).toBe(3);
    expect(await writes("DELETE")).toBe(2);
    const { entries } = await invitationHistory(grantOrgAccess(ACME), first);
    expect(entries.map((entry) => entry.what)).toEqual(
      expect.arrayContaining([
        "Reminder 1, by the organization's policy: replaced by a new invitation, which Auth0 emailed",
        "Reminder 2, by the organization's policy: replaced by a new invitation, which Auth0 emailed",
        "Automatic renewal 1, by the organization's policy: invited again",
      ]),
    );
    const trail = await rawRows<{ action: string; outcome: string; detail: string }>(db(), sql`SELECT action, outcome, detail FROM audit_events WHERE action IN ('remind', 'renew') ORDER BY id`);
    expect(trail.filter((row) => row.outcome === "replaced").map((row) => [row.action, row.detail.split(";")[0]])).toEqual([
      ["remind", "Reminder 1 of 2, by the organization's policy"],
      ["remind", "Reminder 2 of 2, by the organization's policy"],
      ["renew", "Automatic renewal 1 of 1, by the organization's policy"],
    ]);
  });

  it("with our own email, a reminder is our email again, once; Auth0 is not called", async () => {
    current.ownEmail = true;
    const id = await invite(address());
    // The invitation's own email, queued by the pipeline; the reminder is counted apart from it.
    expect(sendInvitationEmail).toHaveBeenCalledExactlyOnceWith(expect.anything(), id, "invitation");
    vi.mocked(sendInvitationEmail).mockClear();
    await advance(4 * DAY + 60);
    await sweepTwiceAtOnce();
    await sweepOnBoss();
    expect(sendInvitationEmail).toHaveBeenCalledTimes(1);
    expect(sendInvitationEmail).toHaveBeenCalledWith(expect.anything(), id, "reminder");
    expect(await writes("POST")).toBe(0);
    expect(await writes("DELETE")).toBe(0);
    expect(await steps()).toMatchObject([{ step: "reminder:1", invitation_id: id, outcome: "emailed" }]);
    expect(await reminded()).toEqual([id]);
    const trail = await rawRows(db(), sql`SELECT actor_id, outcome FROM audit_events WHERE action = 'remind'`);
    expect(trail).toEqual([{ actor_id: ALICE, outcome: "emailed" }]);
  });

  it("a demoted inviter's reminder is skipped and recorded with why, once", async () => {
    const id = await invite(address(), [{ id: ORG_ADMIN, name: "Org Admin" }]);
    const aliceRoles = (method: "POST" | "DELETE", roles: string[]) => api(method, `/organizations/${ACME}/members/${encodeURIComponent(ALICE)}/roles`, { body: { roles } });
    await aliceRoles("POST", [INVITER]);
    await aliceRoles("DELETE", [ORG_ADMIN]);
    await advance(4 * DAY + 60);
    await sweepTwiceAtOnce();
    await sweepTwiceAtOnce();
    const why = "Its inviter, Alice Admin, may no longer assign Org Admin (their roles now: Inviter). Give them the role back, or send it again from the invitations page.";
    expect(await steps()).toEqual([{ step: "reminder:1", invitation_id: id, outcome: "skipped", detail: why, successor_id: null }]);
    expect(await writes("POST")).toBe(0);
    expect(await reminded()).toEqual([]);
    const trail = await rawRows(db(), sql`SELECT action, outcome, detail FROM audit_events WHERE action = 'remind'`);
    expect(trail).toEqual([{ action: "remind", outcome: "skipped", detail: `Reminder 1 of 2, by the organization's policy: ${why}` }]);
    const { entries } = await invitationHistory(grantOrgAccess(ACME), id);
    expect(entries).toContainEqual(expect.objectContaining({ what: "Reminder 1, by the organization's policy: skipped", note: why }));
  });

  it("an invitation sent by support staff is not reminded: skipped and recorded with why, once", async () => {
    const id = await invite(address(), undefined, "sam");
    await advance(4 * DAY + 60);
    await sweepTwiceAtOnce();
    await sweepTwiceAtOnce();
    expect(await steps()).toEqual([{ step: "reminder:1", invitation_id: id, outcome: "skipped", detail: SUPPORT_MADE, successor_id: null }]);
    expect(await writes("POST")).toBe(0);
    expect(await rawRows(db(), sql`SELECT actor_kind, outcome FROM audit_events WHERE action = 'remind'`)).toEqual([{ actor_kind: "support", outcome: "skipped" }]);
  });
});
