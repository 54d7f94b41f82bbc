import { afterEach, describe, expect, it, vi } from "vitest";

const mocks = vi.hoisted(() => ({
  readTenantLogs: vi.fn(async () => ({ kind: "read" })),
  expireOverdue: vi.fn(async () => 0),
  interval: 60,
  readAt: undefined as Date | undefined,
}));
vi.mock("@/lib/env", () => ({ env: () => ({ LOG_READ_INTERVAL_SECONDS: mocks.interval }) }));
vi.mock("@/lib/db/store", () => ({ store: async () => ({ db: "db" }) }));
vi.mock("./log-reader", () => ({ readTenantLogs: mocks.readTenantLogs, readerState: async () => mocks.readAt && { readAt: mocks.readAt } }));
vi.mock("./ledger", () => ({ expireOverdue: mocks.expireOverdue }));

const { startLedgerReader } = await import("./background");

afterEach(() => {
  vi.useRealTimers();
  delete (globalThis as { __ledgerTimer?: unknown }).__ledgerTimer;
});

describe("the background log reader", () => {
  it("reads at start-up, then settles overdue expiries and reads every interval, once per process", async () => {
    vi.useFakeTimers();
    await startLedgerReader();
    await startLedgerReader();
    expect(mocks.readTenantLogs).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(59_000);
    expect(mocks.readTenantLogs).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(61_000);
    expect(mocks.readTenantLogs).toHaveBeenCalledTimes(3);
    expect(mocks.expireOverdue).toHaveBeenCalledTimes(3);
  });

  it("at interval 0 reads only at start-up", async () => {
    vi.useFakeTimers();
    mocks.readTenantLogs.mockClear();
    mocks.interval = 0;
    await startLedgerReader();
    await vi.advanceTimersByTimeAsync(600_000);
    expect(mocks.readTenantLogs).toHaveBeenCalledTimes(1);
  });

  it("leaves the logs to another instance that read them less than half an interval ago, and settles expiries all the same", async () => {
    vi.useFakeTimers();
    mocks.readTenantLogs.mockClear();
    mocks.expireOverdue.mockClear();
    mocks.interval = 60;
    mocks.readAt = new Date(Date.now() - 29_000);
    await startLedgerReader();
    expect(mocks.readTenantLogs).not.toHaveBeenCalled();
    expect(mocks.expireOverdue).toHaveBeenCalledTimes(1);
    // At the next tick, 31 s old: more than half an interval.
    mocks.readAt = new Date(Date.now() + 60_000 - 31_000);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(mocks.readTenantLogs).toHaveBeenCalledTimes(1);
    mocks.readAt = undefined;
  });
});
