import { beforeEach, describe, expect, it, vi } from "vitest";

const mocks = vi.hoisted(() => ({
  store: vi.fn(),
  token: vi.fn(),
  rows: vi.fn(),
}));
vi.mock("@/lib/db/store", () => ({ store: mocks.store, migrationsFolder: `${process.cwd()}/lib/db/migrations` }));
vi.mock("@/lib/db/raw", () => ({ rawRows: mocks.rows }));
vi.mock("@/lib/auth0/management", () => ({ managementToken: mocks.token }));

const { readiness } = await import("./readiness");
const journal = (await import("@/lib/db/migrations/meta/_journal.json", { with: { type: "json" } })).default;
const latest = String(Math.max(...journal.entries.map((entry) => entry.when)));

beforeEach(() => {
  vi.clearAllMocks();
  delete (globalThis as { __stopping?: boolean }).__stopping;
  mocks.store.mockResolvedValue({ db: "db" });
  mocks.token.mockResolvedValue("a-token");
  // SELECT 1, the table's presence, the latest applied migration.
  mocks.rows.mockImplementation(async (_db, query: { queryChunks: { value?: string[] }[] }) => {
    const text = query.queryChunks.flatMap((chunk) => chunk.value ?? []).join("");
    if (text.includes("to_regclass")) return [{ present: true }];
    if (text.includes("max(created_at)")) return [{ created_at: latest }];
    return [{ "?column?": 1 }];
  });
});

describe("readiness", () => {
  it("is ready when the store answers, its migrations are current and a Management API token is at hand", async () => {
    await expect(readiness()).resolves.toEqual({ status: "ready", checks: { store: "ok", migrations: "ok", auth0: "ok" } });
    expect(mocks.token).toHaveBeenCalledTimes(1);
  });

  it("names the failing checks, and nothing of why (no host, no message)", async () => {
    mocks.token.mockRejectedValue(new Error("getaddrinfo ENOTFOUND tenant.example.com client_secret=xyz"));
    mocks.rows.mockImplementation(async (_db, query: { queryChunks: { value?: string[] }[] }) => {
      const text = query.queryChunks.flatMap((chunk) => chunk.value ?? []).join("");
      if (text.includes("to_regclass")) return [{ present: true }];
      if (text.includes("max(created_at)")) return [{ created_at: "0" }];
      return [{}];
    });
    const result = await readiness();
    expect(result).toEqual({ status: "not ready", checks: { store: "ok", migrations: "pending", auth0: "failed" } });
    expect(JSON.stringify(result)).not.toMatch(/tenant|secret|ENOTFOUND/);
  });

  it("fails the store and its migrations when the store cannot be opened", async () => {
    mocks.store.mockRejectedValue(new Error("connect ECONNREFUSED 10.0.0.5:5432"));
    await expect(readiness()).resolves.toEqual({ status: "not ready", checks: { store: "failed", migrations: "failed", auth0: "ok" } });
  });

  it("says it is stopping once SIGTERM came, so that no new traffic is sent", async () => {
    (globalThis as { __stopping?: boolean }).__stopping = true;
    await expect(readiness()).resolves.toMatchObject({ status: "stopping" });
  });
});
