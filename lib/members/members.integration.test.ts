// The store's copy of an organization's members against the emulator, on both stores: filled on first use
// by checkpoint paging (one call per 100 members), then following the tenant logs — an invitation accepted,
// a removal, an add and a role change done outside the app through the Management API — each event once;
// surviving a restart, and a refresh cut short going on from its checkpoint in another holder.
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
vi.mock("@/lib/env", async (importOriginal) => (await import("@/lib/testing/emulator-env")).emulatorEnv(await importOriginal()));
const hooks = vi.hoisted(() => ({ beforePage: undefined as ((from?: string) => void) | undefined }));
vi.mock("@/lib/auth0/organization-data", async (importOriginal) => {
  const actual = await importOriginal<typeof import("@/lib/auth0/organization-data")>();
  return {
    ...actual,
    membersPage: async (access: Parameters<typeof actual.membersPage>[0], from?: string) => {
      hooks.beforePage?.(from);
      return actual.membersPage(access, from);
    },
  };
});

useEmulator();
const { openStore } = await import("@/lib/db/store");
const { freshServerDatabase } = await import("@/lib/testing/server-database");
const { grantOrgAccess } = await import("@/lib/authz/access");
const { readTenantLogs, readerState } = await import("@/lib/ledger/log-reader");
const { memberCount } = await import("./count");
const { membersCopyPage } = await import("./copy");
const { membersRefreshState, refreshMembers } = await import("./refresh");
const { memberRefreshes, organizationMembers } = await import("@/lib/db/schema");

const access = grantOrgAccess(ACME);
const BOB = "auth0|bob000000000000000000003";
const EVE = "auth0|eve000000000000000000007";
const MEMBER_ROLE = "rol_Member0000000003";
const BILLING_ROLE = "rol_Billing000000004";
/** Acme's seeded members (alice, ivan, bob, dave) and the made-up ones each test adds. */
const SEEDED = 4;
const ADDED = 250;

/** A restart opens the same store again; a second instance on the server has its own connection pool. */
type StoreCase = { name: string; open: () => Promise<Store> };
const serverUrl = await freshServerDatabase("inviter_unit_members");
const cases: StoreCase[] = [{ name: "embedded", open: (() => { const dir = mkdtempSync(path.join(tmpdir(), "members-")); return () => openStore({ dataDir: path.join(dir, "db") }); })() }];
if (serverUrl) cases.push({ name: "postgres", open: () => openStore({ databaseUrl: serverUrl }) });

type Logged = { method: string; path: string; url: string };
const requests = async () => (await control("GET", "requests")).body as Logged[];
const memberPageCalls = async () => (await requests()).filter((r) => r.method === "GET" && r.path === `/api/v2/organizations/${ACME}/members`);
const apiCalls = async () => (await requests()).filter((r) => r.path.startsWith("/api/v2/"));
const fromOf = (call: Logged) => new URL(call.url, "https://x").searchParams.get("from");
const copied = async (db: Store["db"]) =>
  new Map((await db.select().from(organizationMembers).where(eq(organizationMembers.organizationId, ACME))).map((row) => [row.userId, row]));

afterAll(async () => {
  await current.store?.close();
  delete (globalThis as { __managementClient?: unknown }).__managementClient;
});

describe.each(cases)("the members copy on the $name store", ({ open }) => {
  beforeEach(async () => {
    hooks.beforePage = undefined;
    await current.store?.close();
    current.store = await open();
    await current.store.db.execute(sql`TRUNCATE organization_members, member_refreshes, log_reader, applied_log_events, invitations`);
    expect((await control("POST", "users/seed", { count: ADDED, organization_id: ACME, members: ADDED, roles: [MEMBER_ROLE] })).status).toBe(200);
    await control("DELETE", "requests");
  }, 60_000);

  it("is filled on first use at one call per 100 members, then counted and searched with no Auth0 call", async () => {
    expect(await memberCount(access)).toBe(SEEDED + ADDED);
    // 254 members: three pages, and the empty page Auth0 answers after a last page that still gave a `next`.
    expect(await memberPageCalls()).toHaveLength(Math.ceil((SEEDED + ADDED) / 100) + 1);
    const db = current.store!.db;
    await control("DELETE", "requests");
    expect(await memberCount(access)).toBe(SEEDED + ADDED);
    // By address or name, in any case: user-000120 … user-000129.
    const found = await membersCopyPage(db, access, { search: "USER-00012", page: 0 });
    expect(found.total).toBe(10);
    expect(found.rows.every((row) => row.email.startsWith("user-00012"))).toBe(true);
    expect((await membersCopyPage(db, access, { search: "bob member", page: 0 })).rows.map((row) => row.userId)).toEqual([BOB]);
    // The role filter, and a search for LIKE's own characters taken literally.
    expect((await membersCopyPage(db, access, { roleId: "rol_OrgAdmin00000001", page: 0 })).rows.map((row) => row.email)).toEqual(["alice@acme.test"]);
    expect((await membersCopyPage(db, access, { search: "%", page: 0 })).total).toBe(0);
    const last = await membersCopyPage(db, access, { page: 99 });
    expect(last).toMatchObject({ page: 10, pages: 11, total: SEEDED + ADDED });
    expect(await apiCalls()).toEqual([]);
  });

  it("follows an acceptance, a removal, an add and role changes done outside the app, each event once, across a restart", async () => {
    const db = current.store!.db;
    await memberCount(access);
    await readTenantLogs(db); // the reader starts at the newest event
    const checkpoint = (await readerState(db))!.checkpoint;

    const { body: invitation } = await createInvitation({ invitee: { email: "joiner@example.test" }, roles: [BILLING_ROLE] });
    const accepted = await control("POST", "invitations/accept", { ticket: invitation.ticket_id, email: "joiner@example.test", password: "a-long-password" });
    expect(accepted.body.kind).toBe("signed-in");
    const joiner = accepted.body.user_id as string;
    // Outside the app, straight to the Management API: bob removed, eve added, dave given Billing, alice's Org Admin kept.
    expect((await api("DELETE", `/organizations/${ACME}/members`, { body: { members: [BOB] } })).status).toBe(204);
    expect((await api("POST", `/organizations/${ACME}/members`, { body: { members: [EVE] } })).status).toBe(204);
    const dave = "auth0|dave00000000000000000005";
    expect((await api("POST", `/organizations/${ACME}/members/${encodeURIComponent(dave)}/roles`, { body: { roles: [BILLING_ROLE] } })).status).toBe(204);
    expect((await api("DELETE", `/organizations/${ACME}/members/${encodeURIComponent(dave)}/roles`, { body: { roles: [MEMBER_ROLE] } })).status).toBe(204);

    await control("DELETE", "requests");
    expect(await readTenantLogs(db)).toMatchObject({ kind: "read" });
    // One logs read, and one read of eve's address (a Management API add names the user alone).
    expect((await apiCalls()).map((r) => `${r.method} ${r.path}`)).toEqual(["GET /api/v2/logs", `GET /api/v2/users/${encodeURIComponent(EVE)}`]);
    let rows = await copied(db);
    expect(rows.get(joiner)).toMatchObject({ email: "joiner@example.test", roleIds: [BILLING_ROLE] });
    expect(rows.has(BOB)).toBe(false);
    expect(rows.get(EVE)).toMatchObject({ email: "eve@outside.test", name: "Eve Outsider", roleIds: [] });
    expect(rows.get(dave)?.roleIds).toEqual([BILLING_ROLE]);
    expect(await memberCount(access)).toBe(SEEDED + ADDED + 1);

    // A restart: the copy, its refresh state and the reader's checkpoint are in the store.
    await current.store!.close();
    current.store = await open();
    const reopened = current.store.db;
    expect(await copied(reopened)).toEqual(rows);
    expect((await membersRefreshState(reopened, access))?.completedAt).toBeInstanceOf(Date);
    // The checkpoint set back (a crash between applying and moving it): no event applies twice — bob stays
    // gone, and dave's Member role, taken after it was given, is not given back.
    await control("DELETE", "requests");
    await reopened.execute(sql`UPDATE log_reader SET checkpoint = ${checkpoint}`);
    expect(await readTenantLogs(reopened)).toMatchObject({ kind: "read", applied: 0 });
    rows = await copied(reopened);
    expect(rows.has(BOB)).toBe(false);
    expect(rows.get(dave)?.roleIds).toEqual([BILLING_ROLE]);
    expect(await memberCount(access)).toBe(SEEDED + ADDED + 1);
    expect((await memberPageCalls())).toEqual([]);
  });

  it("a refresh cut short goes on from its checkpoint in another holder, one holder at a time, and drops who left", async () => {
    const db = current.store!.db;
    await memberCount(access);
    // Bob leaves without a log the copy reads (the reader has not started): only a refresh can tell.
    expect((await api("DELETE", `/organizations/${ACME}/members`, { body: { members: [BOB] } })).status).toBe(204);
    await db.update(memberRefreshes).set({ completedAt: null }).where(eq(memberRefreshes.organizationId, ACME));

    // The first holder crashes while asking for its third page.
    let pages = 0;
    hooks.beforePage = () => {
      if (++pages === 3) throw new Error("crashed");
    };
    await control("DELETE", "requests");
    await expect(refreshMembers(db, access, { holder: "first" })).rejects.toThrow("crashed");
    const saved = await membersRefreshState(db, access);
    expect(saved).toMatchObject({ checkpoint: expect.any(String), completedAt: null });
    hooks.beforePage = undefined;

    // Its lease is released on the way out; had it died, the lease would run out: either way another goes on.
    await db.update(memberRefreshes).set({ leaseHolder: "first", leaseUntil: new Date(Date.now() + 60_000) }).where(eq(memberRefreshes.organizationId, ACME));
    expect(await refreshMembers(db, access, { holder: "second" })).toEqual({ kind: "busy", calls: 0 });
    await db.update(memberRefreshes).set({ leaseUntil: new Date(Date.now() - 1000) }).where(eq(memberRefreshes.organizationId, ACME));
    await control("DELETE", "requests");
    const result = await refreshMembers(db, access, { holder: "second" });
    expect(result).toEqual({ kind: "completed", members: SEEDED + ADDED - 1, calls: 2 });
    expect(fromOf((await memberPageCalls())[0]!)).toBe(saved!.checkpoint);
    expect((await copied(db)).has(BOB)).toBe(false);
    expect(await membersRefreshState(db, access)).toMatchObject({ checkpoint: null, completedAt: expect.any(Date), leaseHolder: null });
  });
});
