// Seats against the emulator through the real SDK, on both stores: the last seat goes to one invitation and
// the next is refused with the seat's words, a replacement needs no seat, a reservation whose instance died
// runs out, an acceptance moves a seat from pending to member; and on one PostgreSQL server, two instances
// that try to fill the last seat at the same moment send exactly one invitation.
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { ACME, control, useEmulator } from "@/e2e/auth0-emulator/management/testing";
import { testContext } from "@/lib/testing/action-context";
import type { Store } from "@/lib/db/store";

// Acme has 4 members in the seed: a tenant default of 5 seats leaves it one.
vi.mock("@/lib/env", async (importOriginal) => (await import("@/lib/testing/emulator-env")).emulatorEnv(await importOriginal(), { POLICY_SEATS: "5" }));

const current = vi.hoisted(() => ({ store: undefined as Store | undefined }));
vi.mock("@/lib/db/store", async (importOriginal) => ({ ...(await importOriginal<typeof import("@/lib/db/store")>()), store: async () => current.store! }));

/** Holds each caller of the member count until `parties` have counted, so that racing senders take the seat step together. */
const meeting = vi.hoisted(() => {
  let parties = 0;
  let waiting: (() => void)[] = [];
  return {
    expect(count: number) {
      parties = count;
      waiting = [];
    },
    async arrive() {
      if (parties === 0) return;
      await new Promise<void>((resolve) => {
        waiting.push(resolve);
        if (waiting.length === parties) {
          parties = 0;
          for (const release of waiting) release();
        }
      });
    },
  };
});
vi.mock("@/lib/members/count", async (importOriginal) => {
  const actual = await importOriginal<typeof import("@/lib/members/count")>();
  return {
    memberCount: async (access: Parameters<typeof actual.memberCount>[0]) => {
      const members = await actual.memberCount(access);
      await meeting.arrive();
      return members;
    },
  };
});

useEmulator();
const { storeCases } = await import("@/lib/testing/stores");
const { openStore } = await import("@/lib/db/store");
const { sendOne } = await import("./send");
const { seatCount } = await import("./seats");
const { readTenantLogs } = await import("@/lib/ledger/log-reader");
const { auditEvents, seatReservations } = await import("@/lib/db/schema");
type Sender = Parameters<typeof sendOne>[0];
type Database = Sender["db"];

const ACME_PORTAL = "AcmePortalClientId00000000000002";
const ALICE = "auth0|alice0000000000000000001";
const { ctx } = testContext(ACME, { kind: "member", roleNames: ["Org Admin"] }, { user: { id: ALICE, email: "alice@acme.test", name: "Alice Admin" } });
const nobody = async () => undefined;
const FULL = /^No seat left: 5 of 5 seats are used \(4 members \+ 1 pending\) under this app's default seat limit\. Revoke a pending invitation, or ask an operator for more seats\.$/;

const sender = (db: Database): Sender => ({
  db,
  access: ctx,
  ceiling: { allowed: [], above: [], reason: "", covers: () => true },
  inviter: { actorId: ALICE, actorEmail: "alice@acme.test", actorName: "Alice Admin", actorKind: "member", reason: null },
  action: "invite",
});
const spec = (email: string) => ({ email, inviterName: "Alice Admin", clientId: ACME_PORTAL, roles: [], ttlSeconds: 86_400, sendEmail: false });

let batch = 0;
/** An address no other test (nor store) has used. */
const address = (name: string) => `${name}.${++batch}.${Date.now()}@example.test`;
const emulated = async () => ((await control("GET", "state")).body.invitations as { id: string; invitee: { email: string } }[]).filter((i) => i.invitee.email.endsWith("@example.test"));

afterAll(() => {
  for (const key of ["__managementClient", "__invitationWriteClient"]) delete (globalThis as Record<string, unknown>)[key];
});

const cases = await storeCases("inviter_unit_seats");

describe.each(cases)("seats on the $name store", ({ open, databaseUrl }) => {
  let store: Store;
  beforeAll(async () => {
    store = await open();
    current.store = store;
  });
  afterAll(async () => {
    await store.close();
  });
  beforeEach(async () => {
    await store.db.execute(sql`TRUNCATE invitations, audit_events, seat_reservations, rate_budgets, organization_members, member_refreshes, log_reader, applied_log_events`);
  });

  it("gives the last seat to one invitation and refuses the next with the seat's words, recorded once", async () => {
    expect(await seatCount(ctx)).toMatchObject({ limit: 5, source: "tenant", members: 4, pending: 0, sending: 0 });
    const last = address("last");
    const next = address("next");
    expect(await sendOne(sender(store.db), { spec: spec(last), existing: nobody })).toMatchObject({ status: "created" });
    // The seat passed to the ledger's pending invitation: no reservation is left.
    expect(await store.db.$count(seatReservations)).toBe(0);
    expect(await seatCount(ctx)).toMatchObject({ members: 4, pending: 1, sending: 0 });

    const refused = await sendOne(sender(store.db), { spec: spec(next), existing: nobody });
    expect(refused).toMatchObject({ status: "refused", code: "seats_full", message: expect.stringMatching(FULL) });
    expect((await emulated()).map((invitation) => invitation.invitee.email)).toEqual([last]);
    const trail = await store.db.select().from(auditEvents).where(sql`invitee_email = ${next}`);
    expect(trail).toEqual([expect.objectContaining({ outcome: "refused", detail: expect.stringMatching(FULL) })]);
  });

  it("replaces a pending invitation when every seat is used: the replacement takes no new seat", async () => {
    const email = address("again");
    const first = await sendOne(sender(store.db), { spec: spec(email), existing: nobody });
    if (first.status !== "created") throw new Error(`not created: ${JSON.stringify(first)}`);
    const pending = async () => ({ kind: "invited" as const, invitation: { id: first.invitation.id!, expiresAt: first.invitation.expires_at!, roleIds: [] } });
    expect(await sendOne(sender(store.db), { spec: spec(email), existing: pending, onPending: "replace" })).toMatchObject({ status: "replaced" });
    expect(await emulated()).toHaveLength(1);
    expect(await seatCount(ctx)).toMatchObject({ members: 4, pending: 1, sending: 0 });
  });

  it("counts a live reservation as a seat in use, and a reservation whose instance died not after it runs out", async () => {
    await store.db.insert(seatReservations).values({ auditId: 9_001, organizationId: ACME, until: sql`now() + interval '1 minute'` });
    expect(await seatCount(ctx)).toMatchObject({ members: 4, pending: 0, sending: 1 });
    expect(await sendOne(sender(store.db), { spec: spec(address("held")), existing: nobody })).toMatchObject({
      status: "refused",
      message: expect.stringContaining("5 of 5 seats are used (4 members + 0 pending + 1 being sent)"),
    });

    await store.db.update(seatReservations).set({ until: sql`now() - interval '1 second'` });
    expect(await seatCount(ctx)).toMatchObject({ sending: 0 });
    expect(await sendOne(sender(store.db), { spec: spec(address("freed")), existing: nobody })).toMatchObject({ status: "created" });
    expect(await store.db.$count(seatReservations)).toBe(0);
  });

  it("moves an accepted invitation's seat from pending to member: it is counted once", async () => {
    await readTenantLogs(store.db); // the reader starts at the newest event
    const sent = await sendOne(sender(store.db), { spec: spec("eve@outside.test"), existing: nobody });
    if (sent.status !== "created") throw new Error(`not created: ${JSON.stringify(sent)}`);
    expect(await seatCount(ctx)).toMatchObject({ members: 4, pending: 1 });
    const accepted = await control("POST", "invitations/accept", { ticket: sent.invitation.ticket_id, email: "eve@outside.test", password: "demo-password" });
    expect(accepted.body).toMatchObject({ kind: "signed-in" });
    // The tenant logs' acceptance (`si`) marks the invitation accepted in the ledger and adds eve to the members copy.
    expect(await readTenantLogs(store.db)).toMatchObject({ kind: "read" });
    expect(await seatCount(ctx)).toMatchObject({ members: 5, pending: 0, sending: 0 });
  });

  it.runIf(databaseUrl)("two instances on one PostgreSQL server each try to fill the last seat: exactly one invitation is sent", async () => {
    const other = await openStore({ databaseUrl });
    try {
      const [mine, theirs] = [address("instance-a"), address("instance-b")];
      meeting.expect(2);
      const outcomes = await Promise.all([
        sendOne(sender(store.db), { spec: spec(mine), existing: nobody }),
        sendOne(sender(other.db), { spec: spec(theirs), existing: nobody }),
      ]);
      expect(outcomes.map((outcome) => outcome.status).sort()).toEqual(["created", "refused"]);
      expect(outcomes.find((outcome) => outcome.status === "refused")).toMatchObject({ code: "seats_full", message: expect.stringMatching(/^No seat left: 5 of 5 seats are used \(4 members \+ (1 pending|0 pending \+ 1 being sent)\)/) });
      expect(await emulated()).toHaveLength(1);
      expect(await store.db.$count(auditEvents, sql`outcome = 'created'`)).toBe(1);
      expect(await store.db.$count(auditEvents, sql`outcome = 'refused'`)).toBe(1);
    } finally {
      await other.close();
    }
  });
});
