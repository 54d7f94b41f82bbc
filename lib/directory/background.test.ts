import { afterEach, describe, expect, it, vi } from "vitest";

const mocks = vi.hoisted(() => ({
  interval: 3600,
  state: undefined as { completedAt: Date | null; startedAt: Date | null } | undefined,
  refreshDirectory: vi.fn(async () => ({ kind: "completed", organizations: 3, calls: 1 })),
}));
vi.mock("@/lib/env", () => ({ env: () => ({ DIRECTORY_REFRESH_INTERVAL_SECONDS: mocks.interval }) }));
vi.mock("@/lib/db/store", () => ({ store: async () => ({ db: "db" }) }));
vi.mock("./refresh", async (importOriginal) => {
  const { refreshDue } = await importOriginal<typeof import("./refresh")>();
  return {
    refreshDue,
    refreshState: async () => mocks.state,
    refreshDirectory: async (...args: unknown[]) => {
      mocks.state = { startedAt: new Date(), completedAt: new Date() };
      return mocks.refreshDirectory(...(args as []));
    },
  };
});

const { startDirectoryRefresh } = await import("./background");

afterEach(() => {
  vi.useRealTimers();
  mocks.refreshDirectory.mockClear();
  delete (globalThis as { __directoryTimer?: unknown }).__directoryTimer;
});

describe("the directory's refresh schedule", () => {
  it("refreshes at start-up when the directory was never filled, then once per interval, once per process", async () => {
    vi.useFakeTimers();
    mocks.interval = 3600;
    mocks.state = undefined;
    await startDirectoryRefresh();
    await startDirectoryRefresh();
    expect(mocks.refreshDirectory).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(3540_000);
    expect(mocks.refreshDirectory).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(mocks.refreshDirectory).toHaveBeenCalledTimes(2);
  });

  it("at start-up goes on with a refresh that was cut short, but leaves a recent complete one alone", async () => {
    vi.useFakeTimers();
    mocks.state = { startedAt: new Date(), completedAt: new Date(Date.now() - 60_000) };
    await startDirectoryRefresh();
    expect(mocks.refreshDirectory).toHaveBeenCalledTimes(1);

    delete (globalThis as { __directoryTimer?: unknown }).__directoryTimer;
    mocks.state = { startedAt: new Date(Date.now() - 120_000), completedAt: new Date(Date.now() - 60_000) };
    await startDirectoryRefresh();
    expect(mocks.refreshDirectory).toHaveBeenCalledTimes(1);
  });

  it("at interval 0 never refreshes in the background, not even at start-up", async () => {
    vi.useFakeTimers();
    mocks.interval = 0;
    mocks.state = undefined;
    await startDirectoryRefresh();
    await vi.advanceTimersByTimeAsync(86_400_000);
    expect(mocks.refreshDirectory).not.toHaveBeenCalled();
  });
});
