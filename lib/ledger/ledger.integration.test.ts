// The ledger against the emulator, on both stores: tenant-log events applied exactly once (across a
// restart, with two readers racing, with the checkpoint set back), a retention gap and missing read:logs
// falling back to inference, and nothing reaching Auth0 that the store did not record first.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeEach, describe, expect, it, vi } from "vitest";
import { ACME, api, control, createInvitation, useEmulator } from "@/e2e/auth0-emulator/management/testing";
import type { Store } from "@/lib/db/store";

const current = vi.hoisted(() => ({ store: undefined as Store | undefined }));
vi.mock("@/lib/db/store", async () => {
  const actual = await vi.importActual<typeof import("@/lib/db/store")>("@/lib/db/store");
  return { ...actual, store: async () => current.store! };
});
vi.mock("@/lib/auth/session", () => ({
  currentUser: async () => ({ id: "auth0|alice0000000000000000001", email: "alice@acme.test", name: "Alice Admin" }),
}));
vi.mock("@/lib/env", async (importOriginal) => (await import("@/lib/testing/emulator-env")).emulatorEnv(await importOriginal()));

useEmulator();
const { openStore } = await import("@/lib/db/store");
const { freshServerDatabase } = await import("@/lib/testing/server-database");
const { grantOrgAccess } = await import("@/lib/authz/access");
const { readTenantLogs, readerState, recentGap } = await import("./log-reader");
const { reconcileOrganization } = await import("./reconcile");
const { ledgerEntry, recordCreated } = await import("./ledger");
const { appliedLogEvents, auditEvents, invitations, logReader, organizationMembers } = await import("@/lib/db/schema");
const { organizationAction } = await import("@/lib/authz/action");
const { createInvitations } = await import("@/lib/invitations/create");
const { createInvitationsSchema } = await import("@/lib/schemas/invitation");

const access = grantOrgAccess(ACME);
const ACME_PORTAL_ID = "AcmePortalClientId00000000000002";

/**
 * Each case opens the same store again after a "restart". A second app instance races with its own
 * connection pool on the server; the embedded store belongs to one process, so there the two readers
 * race inside it.
 */
type StoreCase = { name: string; open: () => Promise<Store> };
const serverUrl = await freshServerDatabase("inviter_unit_ledger");
const cases: StoreCase[] = [{ name: "embedded", open: (() => { const dir = mkdtempSync(path.join(tmpdir(), "ledger-")); return () => openStore({ dataDir: path.join(dir, "db") }); })() }];
if (serverUrl) cases.push({ name: "postgres", open: () => openStore({ databaseUrl: serverUrl }) });

async function invite(email: string) {
  const { status, body } = await createInvitation({ invitee: { email }, roles: ["rol_Member0000000003"] });
  expect(status).toBe(201);
  return body as { id: string; ticket_id: string };
}
const accept = (ticket: string, email: string) => control("POST", "invitations/accept", { ticket, email, password: "a-long-password" });
const requests = async () => (await control("GET", "requests")).body as { method: string; path: string }[];
const writes = async () => (await requests()).filter((r) => r.method !== "GET" && r.path.startsWith("/api/v2/"));

async function wipe(store: Store) {
  await store.db.execute(sql`TRUNCATE audit_events, invitations, log_reader, applied_log_events`);
}

afterAll(async () => {
  await current.store?.close();
  delete (globalThis as { __managementClient?: unknown }).__managementClient;
});

describe.each(cases)("the ledger on the $name store", ({ name, open }) => {
  beforeEach(async () => {
    await current.store?.close();
    current.store = await open();
    await wipe(current.store);
  }, 60_000);

  it("applies each si and fi exactly once: two readers racing, a restart, and a checkpoint set back", async () => {
    const db = current.store!.db;
    const joiner = await invite("joiner@example.test");
    const victim = await invite("victim@example.test");
    await reconcileOrganization(db, access); // adopts both, and starts the reader at the newest log
    const start = (await readerState(db))!.checkpoint;
    expect(start).not.toBeNull();

    expect((await accept(joiner.ticket_id, "joiner@example.test")).body).toMatchObject({ kind: "signed-in" });
    expect((await accept(victim.ticket_id, "someone.else@example.test")).body).toMatchObject({ kind: "dead-end" });

    const second = name === "embedded" ? undefined : await open();
    try {
      const results = await Promise.all([readTenantLogs(db), readTenantLogs(second?.db ?? db)]);
      const applied = results.reduce((sum, r) => sum + (r.kind === "read" ? r.applied : 0), 0);
      // The si and the fi, and the organization_member_added of the acceptance (for the members' copy).
      expect(applied).toBe(3);
    } finally {
      await second?.close();
    }
    expect(await db.select().from(appliedLogEvents)).toHaveLength(3);
    expect(await ledgerEntry(db, access, joiner.id)).toMatchObject({ status: "accepted", statusInferred: false, statusByName: "joiner@example.test" });
    expect(await ledgerEntry(db, access, victim.id)).toMatchObject({ status: "consumed", statusInferred: false });

    // A restart reads from the stored checkpoint: nothing new, nothing again.
    await current.store!.close();
    current.store = await open();
    // With nothing new, a read costs one Management API call.
    expect(await readTenantLogs(current.store.db)).toEqual({ kind: "read", applied: 0, calls: 1 });
    // Even with the checkpoint set back (a crash between applying and moving it), nothing applies twice.
    await current.store.db.update(logReader).set({ checkpoint: start });
    expect(await readTenantLogs(current.store.db)).toMatchObject({ kind: "read", applied: 0 });
    expect(await current.store.db.select().from(appliedLogEvents)).toHaveLength(3);
  });

  it("a reader that starts after an invitation was accepted neither skips it nor calls it removed: it infers", async () => {
    const db = current.store!.db;
    const early = await invite("before.the.reader@example.test");
    const { body: stored } = await api("GET", `/organizations/${ACME}/invitations/${early.id}`);
    await recordCreated(db, stored, { actorId: "auth0|a", actorEmail: "a@acme.test", actorName: "A", actorKind: "member" }, { sendEmail: true });
    await accept(early.ticket_id, "before.the.reader@example.test");
    expect(await readerState(db)).toBeUndefined();

    await reconcileOrganization(db, access); // the reader's first read starts at the newest event
    expect(await ledgerEntry(db, access, early.id)).toMatchObject({ status: "accepted", statusInferred: true });
  });

  it("after a retention gap, says so and infers what the lost logs would have told", async () => {
    const db = current.store!.db;
    // The reader starts at the newest log event of a tenant that has some.
    const earlier = await invite("earlier@example.test");
    await accept(earlier.ticket_id, "earlier@example.test");
    const joined = await invite("lost.log@example.test");
    const deleted = await invite("deleted.elsewhere@example.test");
    await reconcileOrganization(db, access);
    expect((await readerState(db))?.checkpoint).toMatch(/^\d+$/);

    await accept(joined.ticket_id, "lost.log@example.test");
    await api("DELETE", `/organizations/${ACME}/invitations/${deleted.id}`);
    // Two days pass and Auth0 keeps one: the checkpoint and the acceptance are both gone.
    await control("POST", "clock", { advanceSeconds: 2 * 86_400 });
    expect((await control("POST", "logs/retention", { days: 1 })).body.logs).toBe(0);

    expect(await readTenantLogs(db, { gapCheckAfterMs: 0 })).toMatchObject({ kind: "gap" });
    expect(recentGap(await readerState(db))).toBeDefined();
    await reconcileOrganization(db, access);
    expect(await ledgerEntry(db, access, joined.id)).toMatchObject({ status: "accepted", statusInferred: true });
    expect(await ledgerEntry(db, access, deleted.id)).toMatchObject({ status: "removed", statusInferred: true });
  });

  it("without read:logs, says so and infers; with logs, a deletion elsewhere is known for certain", async () => {
    const db = current.store!.db;
    await reconcileOrganization(db, access);
    const gone = await invite("gone@example.test");
    await reconcileOrganization(db, access);
    await api("DELETE", `/organizations/${ACME}/invitations/${gone.id}`);
    await reconcileOrganization(db, access);
    expect(await ledgerEntry(db, access, gone.id)).toMatchObject({ status: "removed", statusInferred: false });

    const unread = await invite("unread@example.test");
    await reconcileOrganization(db, access);
    await control("POST", "faults", {
      path: "^/api/v2/logs", status: 403, count: 5,
      body: { statusCode: 403, error: "Forbidden", message: "Insufficient scope; expected any of: read:logs,read:logs_users.", errorCode: "insufficient_scope" },
    });
    await accept(unread.ticket_id, "unread@example.test");
    expect((await reconcileOrganization(db, access)).logs).toMatchObject({ kind: "unavailable" });
    expect((await readerState(db))?.problem).toContain("read:logs");
    expect(await ledgerEntry(db, access, unread.id)).toMatchObject({ status: "accepted", statusInferred: true });
    // The member read that inferred it also moved the invitee into the members copy: their seat is a member's now.
    expect(await db.select({ email: organizationMembers.email }).from(organizationMembers).where(eq(organizationMembers.organizationId, ACME))).toContainEqual({ email: "unread@example.test" });
  });

  const inviteAction = organizationAction({ schema: createInvitationsSchema, action: "invite" }, async ({ input, ctx }) => ({
    ok: true,
    data: await createInvitations(ctx, input),
  }));
  const form = (fields: Record<string, unknown>) => ({
    orgId: ACME, emails: "fine@example.test", clientId: ACME_PORTAL_ID, inviterName: "Alice Admin", ...fields,
  });

  it.each([
    ["the inviter name", { inviterName: "Alice\u0000Admin" }],
    ["the only address", { emails: "ev\u0000il@example.test" }],
  ])("a control character in %s makes no Auth0 call and no row", async (_field, fields) => {
    await control("DELETE", "requests");
    const result = await inviteAction(form(fields) as never);
    expect(result).toMatchObject({ ok: false, code: "invalid_input" });
    expect(await requests()).toHaveLength(0);
    expect(await current.store!.db.select().from(auditEvents)).toHaveLength(0);
    expect(await current.store!.db.select().from(invitations)).toHaveLength(0);
  });

  it("an address with a control character never reaches Auth0 or the store; the good one next to it does", async () => {
    await control("DELETE", "requests");
    const result = await inviteAction(form({ emails: "fine@example.test, ev\u0000il@example.test" }) as never);
    expect(result).toMatchObject({ ok: true, data: [{ email: "fine@example.test", status: "created" }] });
    expect((await writes()).map((write) => write.path)).toEqual([`/api/v2/organizations/${ACME}/invitations`]);
    const recorded = await current.store!.db.select().from(auditEvents);
    expect(recorded.map((event) => event.inviteeEmail)).toEqual(["fine@example.test"]);
    expect((await current.store!.db.select().from(invitations)).map((row) => row.inviteeEmail)).toEqual(["fine@example.test"]);
  });

  it("a store that refuses the record makes no Auth0 write, and says nothing was sent", async () => {
    const db = current.store!.db;
    await db.execute(sql`ALTER TABLE audit_events ADD CONSTRAINT refuse_all CHECK (false) NOT VALID`);
    try {
      await control("DELETE", "requests");
      const result = await inviteAction(form({}) as never);
      expect(result).toMatchObject({ ok: false, code: "not_recorded", message: expect.stringContaining("Nothing was sent to Auth0") });
      expect(await writes()).toHaveLength(0);
      expect((await control("GET", "state")).body.invitations).toHaveLength(0);
    } finally {
      await db.execute(sql`ALTER TABLE audit_events DROP CONSTRAINT refuse_all`);
    }
  });
});
