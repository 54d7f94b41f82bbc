// Runs once when the server starts: bad configuration stops it with a clear message, the store's
// migrations are applied before the first request, and the ledger's background reader, the organization
// directory's refresh schedule and this instance's bulk-job workers start (resuming jobs left running).
export async function register() {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { env } = await import("./lib/env");
    env();
    const { store } = await import("./lib/db/store");
    await store();
    const { startLedgerReader } = await import("./lib/ledger/background");
    startLedgerReader();
    const { startDirectoryRefresh } = await import("./lib/directory/background");
    startDirectoryRefresh();
    const { startBulkWorkers } = await import("./lib/bulk/queue");
    await startBulkWorkers();
  }
}
