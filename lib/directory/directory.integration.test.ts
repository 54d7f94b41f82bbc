// Support's organization directory against an emulated tenant of 10,003 organizations (the seed's three and
// 10,000 made up), on both stores: the refresh (calls, deletions, resuming after a crash, one pager at a
// time, a missing scope) and the finder (what each kind of query finds, and what it costs in Management
// API calls, counted from the emulator's request log).
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { ACME, GLOBEX, auth0Error, control, useEmulator } from "@/e2e/auth0-emulator/management/testing";
import { generatedOrganizations } from "@/e2e/auth0-emulator/generated-organizations";
import seed from "@/e2e/auth0-emulator/seed.json" with { type: "json" };
import type { Store } from "@/lib/db/store";

const hooks = vi.hoisted(() => ({ beforePage: undefined as ((from?: string) => void) | undefined, fillsAsked: 0 }));
vi.mock("@/lib/auth0/directory", async (importOriginal) => {
  const actual = await importOriginal<typeof import("@/lib/auth0/directory")>();
  return {
    ...actual,
    organizationsPage: async (from?: string) => {
      hooks.beforePage?.(from);
      return actual.organizationsPage(from);
    },
  };
});
vi.mock("@/lib/env", async (importOriginal) => (await import("@/lib/testing/emulator-env")).emulatorEnv(await importOriginal()));
// The background's queue (pg-boss) is not under test here: what the finder asks of it is counted.
vi.mock("./background", () => ({
  requestDirectoryRefresh: async () => {
    hooks.fillsAsked++;
  },
}));

const GENERATED = 10_000;
const emulator = useEmulator({ seedOrganizations: GENERATED });
const { storeCases } = await import("@/lib/testing/stores");
const { refreshDirectory, directoryStatus, refreshState } = await import("./refresh");
const { findOrganizations } = await import("./find");
const { directoryRefresh, invitations, organizationDirectory } = await import("@/lib/db/schema");

const SEEDED = seed.organizations.map((o) => ({ id: o.id, name: o.name, displayName: o.display_name }));
const TENANT = [
  ...SEEDED,
  ...generatedOrganizations(GENERATED, "", "").map((o) => ({ id: o.id, name: o.name, displayName: o.display_name! })),
];
const TOTAL = TENANT.length;
const PAGES = Math.ceil(TOTAL / 100);
const byDisplayName = (a: { displayName: string; id: string }, b: { displayName: string; id: string }) =>
  a.displayName < b.displayName ? -1 : a.displayName > b.displayName ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;

type Logged = { method: string; path: string; url: string; status: number };
const apiCalls = async (): Promise<Logged[]> => ((await control("GET", "requests")).body as Logged[]).filter((r) => r.path.startsWith("/api/v2/"));
const pageCalls = async () => (await apiCalls()).filter((r) => r.method === "GET" && r.path === "/api/v2/organizations");
const fromOf = (call: Logged) => new URL(call.url, "https://x").searchParams.get("from");

/** Management API calls a finder query costs, and what it found. */
async function find(db: Store["db"], query: string, options?: { page?: number; pageSize?: number }) {
  await control("DELETE", "requests");
  const result = await findOrganizations(db, query, options);
  return { ...result, calls: (await apiCalls()).map((r) => `${r.method} ${r.path}`) };
}

const cases = await storeCases("inviter_unit_directory");

afterAll(() => {
  delete (globalThis as { __managementClient?: unknown }).__managementClient;
});

describe.each(cases)("the organization directory on the $name store", ({ name, open }) => {
  let store: Store;
  beforeAll(async () => {
    store = await open();
  });
  afterAll(async () => {
    await store.close();
  });
  const wipe = () => store.db.execute(sql`TRUNCATE organization_directory, directory_refresh, invitations`);

  describe("refreshing", () => {
    beforeEach(async () => {
      hooks.beforePage = undefined;
      await wipe();
    });

    it("copies every organization at one call per 100, and drops one deleted in Auth0 at the next refresh", async () => {
      expect(await refreshDirectory(store.db, { holder: "a" })).toEqual({ kind: "completed", organizations: TOTAL, calls: PAGES });
      const calls = await pageCalls();
      expect(calls).toHaveLength(PAGES);
      expect(fromOf(calls[0]!)).toBeNull();
      expect(calls.slice(1).every((call) => fromOf(call))).toBe(true);
      expect(await store.db.$count(organizationDirectory)).toBe(TOTAL);
      expect(await directoryStatus(store.db)).toMatchObject({ completedAt: expect.any(Date), organizationCount: TOTAL, refreshing: false, problem: null });

      const organizations = emulator().context.tenant.state.organizations;
      organizations.splice(organizations.findIndex((o) => o.name === "customer-00042"), 1);
      expect(await refreshDirectory(store.db, { holder: "a" })).toMatchObject({ kind: "completed", organizations: TOTAL - 1 });
      const left = await store.db.select().from(organizationDirectory).where(sql`name = 'customer-00042'`);
      expect(left).toEqual([]);
    });

    it("goes on from the saved checkpoint after a crash, in another instance once the lease has run out", async () => {
      let pages = 0;
      hooks.beforePage = () => {
        if (++pages === 4) throw new Error("the instance died");
      };
      await expect(refreshDirectory(store.db, { holder: "a" })).rejects.toThrow("the instance died");
      const saved = await refreshState(store.db);
      expect(saved).toMatchObject({ checkpoint: expect.any(String), completedAt: null });
      expect(await store.db.$count(organizationDirectory)).toBe(300);
      // A dead instance does not release its lease: the others wait for it to run out.
      await store.db.update(directoryRefresh).set({ leaseHolder: "a", leaseUntil: sql`now() + interval '1 minute'` });
      hooks.beforePage = undefined;
      expect(await refreshDirectory(store.db, { holder: "b" })).toEqual({ kind: "busy", calls: 0 });
      expect(await directoryStatus(store.db)).toMatchObject({ refreshing: true, completedAt: null });
      await store.db.update(directoryRefresh).set({ leaseUntil: sql`now() - interval '1 second'` });

      await control("DELETE", "requests");
      expect(await refreshDirectory(store.db, { holder: "b" })).toEqual({ kind: "completed", organizations: TOTAL, calls: PAGES - 3 });
      expect(fromOf((await pageCalls())[0]!)).toBe(saved!.checkpoint);
      expect(await store.db.$count(organizationDirectory)).toBe(TOTAL);
    });

    it("starts over when the saved checkpoint is from a refresh begun more than a day ago", async () => {
      await store.db.insert(directoryRefresh).values({ id: 1, startedAt: new Date(Date.now() - 25 * 3600_000), checkpoint: "from-yesterday" });
      expect(await refreshDirectory(store.db, { holder: "a" })).toMatchObject({ kind: "completed", calls: PAGES });
      expect(fromOf((await pageCalls())[0]!)).toBeNull();
    });

    it("starts over when Auth0 no longer accepts the saved checkpoint", async () => {
      await store.db.insert(directoryRefresh).values({ id: 1, startedAt: new Date(), checkpoint: "not-a-checkpoint" });
      expect(await refreshDirectory(store.db, { holder: "a" })).toMatchObject({ kind: "completed", organizations: TOTAL, calls: PAGES + 1 });
    });

    it("lets one of two instances page; the other is told a refresh is under way", async () => {
      const second = name === "embedded" ? undefined : await open();
      try {
        const results = await Promise.all([refreshDirectory(store.db, { holder: "a" }), refreshDirectory(second?.db ?? store.db, { holder: "b" })]);
        expect(results.map((r) => r.kind).sort()).toEqual(["busy", "completed"]);
      } finally {
        await second?.close();
      }
      expect(await pageCalls()).toHaveLength(PAGES);
      expect(await store.db.$count(organizationDirectory)).toBe(TOTAL);
    });

    it("records a missing read:organizations for the page to show, does not retry it on every search, and clears it once a refresh works", async () => {
      const forbidden = auth0Error(403, "Forbidden", "Insufficient scope; expected any of: read:organizations.", "insufficient_scope");
      await control("POST", "faults", { method: "GET", path: "^/api/v2/organizations$", status: 403, body: forbidden });
      const failed = await refreshDirectory(store.db, { holder: "a" });
      expect(failed).toMatchObject({ kind: "failed", calls: 1, problem: expect.stringContaining("read:organizations") });
      expect(await directoryStatus(store.db)).toMatchObject({ problem: failed.kind === "failed" && failed.problem, refreshing: false, completedAt: null });

      // A search on a directory never filled does not ask for the refresh again: only the exact-name look-up.
      hooks.fillsAsked = 0;
      expect((await find(store.db, "globex")).calls).toEqual(["GET /api/v2/organizations/name/globex"]);
      expect(hooks.fillsAsked).toBe(0);

      expect(await refreshDirectory(store.db, { holder: "a" })).toMatchObject({ kind: "completed" });
      expect(await directoryStatus(store.db)).toMatchObject({ problem: null, organizationCount: TOTAL });
    });

    it("never fills the directory inside a search: one never filled asks the background, and says so", async () => {
      hooks.fillsAsked = 0;
      const first = await find(store.db, "Acme Corp");
      expect(first).toMatchObject({ kind: "text", calls: [], total: 0, filling: true });
      expect(await find(store.db, "@acme.test")).toMatchObject({ kind: "domain", calls: [], filling: true });
      expect(hooks.fillsAsked).toBe(2);
      // Exact look-ups still go live, and what they find is searchable at once.
      expect((await find(store.db, "acme")).calls).toEqual(["GET /api/v2/organizations/name/acme"]);
      expect(await find(store.db, "Acme Corp")).toMatchObject({ organizations: [SEEDED[0]], filling: true });

      // Once the background's refresh is done, searches say nothing of filling and ask nothing more.
      await refreshDirectory(store.db, { holder: "background" });
      hooks.fillsAsked = 0;
      const filled = await find(store.db, "Acme Corp");
      expect(filled).toMatchObject({ calls: [], organizations: [SEEDED[0]] });
      expect(filled.filling).toBeUndefined();
      expect(hooks.fillsAsked).toBe(0);
    });
  });

  describe("finding", () => {
    beforeAll(async () => {
      await wipe();
      hooks.beforePage = undefined;
      // Wildcards taken literally need a name with one in it.
      emulator().context.tenant.state.organizations.push({ id: "org_HundredPercent01", name: "organic", display_name: "100% Organic", enabled_connections: [], members: [], created_at: "2026-01-01T00:00:00.000Z" });
      await refreshDirectory(store.db, { holder: "a" });
    });

    it("finds a substring of display names, case-insensitively, from the store alone", async () => {
      const found = await find(store.db, "fabrikam BANK 42");
      expect(found).toMatchObject({ kind: "text", calls: [], total: 2 });
      expect(found.organizations.map((o) => o.displayName)).toEqual(["Fabrikam Bank 42", "Fabrikam Bank 4222"]);
    });

    it("finds a substring of names; a valid name no organization has costs one exact look-up", async () => {
      const found = await find(store.db, "CUSTOMER-0004");
      expect(found.calls).toEqual(["GET /api/v2/organizations/name/customer-0004"]);
      expect(found.organizations.map((o) => o.name).sort()).toEqual(Array.from({ length: 10 }, (_, i) => `customer-0004${i}`));
      expect(await find(store.db, "customer-00042")).toMatchObject({ calls: [], total: 1, organizations: [{ id: "org_Customer00000042", name: "customer-00042", displayName: "Fabrikam Bank 42" }] });
      expect(await find(store.db, "Globex")).toMatchObject({ calls: [], organizations: [SEEDED[1]] });
    });

    it("finds by exact name an organization created since the last refresh, and keeps it", async () => {
      emulator().context.tenant.state.organizations.push({ id: "org_CreatedLater0001", name: "freshly-made", display_name: "Freshly Made", enabled_connections: [], members: [], created_at: "2026-02-01T00:00:00.000Z" });
      const fresh = { id: "org_CreatedLater0001", name: "freshly-made", displayName: "Freshly Made" };
      expect(await find(store.db, "freshly-made")).toMatchObject({ calls: ["GET /api/v2/organizations/name/freshly-made"], organizations: [fresh] });
      expect(await find(store.db, "Freshly Made")).toMatchObject({ calls: [], organizations: [fresh] });
    });

    it("takes %, _ and \\ literally", async () => {
      expect(await find(store.db, "100%")).toMatchObject({ calls: [], organizations: [{ displayName: "100% Organic" }] });
      expect(await find(store.db, "rs_1")).toMatchObject({ total: 0 });
      expect(await find(store.db, "\\")).toMatchObject({ calls: [], total: 0 });
    });

    it("pages through matches by display name, then id; a page past the end is the last page", async () => {
      const expected = TENANT.filter((o) => o.displayName.toLowerCase().includes("traders")).sort(byDisplayName);
      const first = await find(store.db, "traders", { page: 0, pageSize: 50 });
      expect(first.calls).toEqual(["GET /api/v2/organizations/name/traders"]);
      expect(first).toMatchObject({ kind: "text", total: expected.length, page: 0, pageSize: 50 });
      expect(first.organizations).toEqual(expected.slice(0, 50));
      const lastPage = Math.ceil(expected.length / 50) - 1;
      const past = await find(store.db, "traders", { page: 999, pageSize: 50 });
      expect(past).toMatchObject({ page: lastPage, organizations: expected.slice(lastPage * 50) });
    });

    it("an empty query lists every organization", async () => {
      const all = await find(store.db, "  ", { pageSize: 10 });
      expect(all).toMatchObject({ kind: "text", calls: [], page: 0 });
      expect(all.total).toBeGreaterThanOrEqual(TOTAL);
      expect(all.organizations).toHaveLength(10);
    });

    it("looks an id up live: one call; found is kept, missing is nothing", async () => {
      expect(await find(store.db, ` ${ACME} `)).toMatchObject({ kind: "id", calls: [`GET /api/v2/organizations/${ACME}`], total: 1, organizations: [SEEDED[0]] });
      expect(await find(store.db, "org_DoesNotExist0001")).toMatchObject({ kind: "id", calls: ["GET /api/v2/organizations/org_DoesNotExist0001"], total: 0, organizations: [] });
      // One deleted in Auth0 since the refresh is not found by id, and the directory forgets it.
      const organizations = emulator().context.tenant.state.organizations;
      organizations.splice(organizations.findIndex((o) => o.id === "org_Customer00000099"), 1);
      expect(await find(store.db, "org_Customer00000099")).toMatchObject({ total: 0 });
      expect(await find(store.db, "customer-00099")).toMatchObject({ total: 0 });
      emulator().context.tenant.state.organizations.push({ id: "org_ByIdLater000001", name: "by-id-later", display_name: "By Id Later", enabled_connections: [], members: [], created_at: "2026-02-01T00:00:00.000Z" });
      expect(await find(store.db, "org_ByIdLater000001")).toMatchObject({ total: 1, organizations: [{ name: "by-id-later" }] });
      expect(await find(store.db, "By Id Later")).toMatchObject({ calls: [], total: 1 });
    });

    it("finds by the start of an id from 8 characters after `org_`, with or without it, in any case; fewer is a name only", async () => {
      // A valid name no organization has costs its exact look-up; the start of an id is answered by the store.
      expect(await find(store.db, "Globex0000")).toMatchObject({ kind: "text", calls: ["GET /api/v2/organizations/name/globex0000"], organizations: [SEEDED[1]], idPrefix: "org_Globex0000" });
      expect(await find(store.db, "gLOBEX00")).toMatchObject({ kind: "text", organizations: [SEEDED[1]] });
      expect(await find(store.db, "ORG_globex0000")).toMatchObject({ kind: "text", organizations: [SEEDED[1]] });
      // With `org_` it is first asked of Auth0 as a whole id (none has it), then looked for as a start.
      expect(await find(store.db, "org_Globex0000")).toMatchObject({ kind: "id", calls: ["GET /api/v2/organizations/org_Globex0000"], organizations: [SEEDED[1]], idPrefix: "org_Globex0000" });
      const customers = await find(store.db, "customer0000004");
      expect(customers.organizations.map((o) => o.id).sort()).toEqual(Array.from({ length: 10 }, (_, i) => `org_Customer0000004${i}`));
      // 7 characters: no id is looked for, and no name holds them.
      expect(await find(store.db, "Globex0")).toMatchObject({ kind: "text", total: 0 });
      expect(await find(store.db, "org_Globex0")).toMatchObject({ kind: "id", calls: ["GET /api/v2/organizations/org_Globex0"], total: 0 });
      expect((await find(store.db, "Globex0")).idPrefix).toBeUndefined();
    });

    it("takes % and _ literally in what looks like the start of an id", async () => {
      expect(await find(store.db, "Globex00%")).toMatchObject({ total: 0 });
      expect(await find(store.db, "Glob_x0000")).toMatchObject({ total: 0 });
      expect(await find(store.db, "org_Globex_0000")).toMatchObject({ total: 0 });
      expect(await find(store.db, "Custome%0000004")).toMatchObject({ total: 0 });
    });

    it("finds a person's organizations by their email address: two calls", async () => {
      const carol = await find(store.db, "Carol@Globex.test");
      expect(carol).toMatchObject({ kind: "email", organizations: [SEEDED[1]] });
      expect(carol.calls).toEqual(["GET /api/v2/users-by-email", `GET /api/v2/users/${encodeURIComponent("auth0|carol0000000000000000004")}/organizations`]);
      const dave = await find(store.db, "dave@multi.test");
      expect(dave.organizations).toEqual([SEEDED[0], SEEDED[1]]);
      expect(dave.calls).toHaveLength(2);
      expect(await find(store.db, "nobody@nowhere.test")).toMatchObject({ calls: ["GET /api/v2/users-by-email"], total: 0 });
    });

    it("finds by email domain from the store alone: where invitations went, and names like the domain", async () => {
      const invited = (id: string, organizationId: string, email: string) => ({
        id, organizationId, inviteeEmail: email, clientId: "c", inviterName: "I", createdAt: new Date(), expiresAt: new Date(), origin: "app", status: "pending", statusAt: new Date(),
      });
      await store.db.insert(invitations).values([
        invited("uinv_1", ACME, "someone@partner.test"),
        invited("uinv_2", "org_Customer00000007", "other@partner.test"),
        invited("uinv_3", GLOBEX, "someone@notpartner.test"),
      ]);
      const partner = await find(store.db, "@partner.test");
      expect(partner).toMatchObject({ kind: "domain", calls: [] });
      expect(partner.organizations.map((o) => o.id)).toEqual([ACME, "org_Customer00000007"]);
      expect(await find(store.db, "globex.test")).toMatchObject({ kind: "domain", calls: [], organizations: [SEEDED[1]] });
    });
  });
});
