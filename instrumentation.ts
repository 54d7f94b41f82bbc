// Runs once when the server starts: bad configuration stops it with a clear message, the store's
// migrations are applied before the first request, and the ledger's background reader, the organization
// directory's refresh schedule and this instance's background workers start: bulk jobs (resuming those left
// running), ledger refreshes, members refreshes and directory fills asked for by pages, webhook delivery,
// telling inviters what became of their invitations, the policy's reminder sweep and, with SMTP_URL set, our
// own invitation emails (lib/jobs/boss.ts).
// SIGTERM (and SIGINT) run lib/lifecycle/shutdown.ts. Next's own handler would exit as soon as its HTTP
// server closed, before the bulk workers and the store are released, so `npm start` and the container
// set NEXT_MANUAL_SIG_HANDLE and leave the signal to us
// (https://nextjs.org/docs/app/guides/self-hosting#manual-graceful-shutdowns).
export async function register() {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { env, logEnv } = await import("./lib/env");
    env();
    const { logger } = await import("./lib/log/logger");
    const { shutdown } = await import("./lib/lifecycle/shutdown");
    for (const signal of ["SIGTERM", "SIGINT"] as const) process.once(signal, () => void shutdown(signal));
    if (!logEnv().NEXT_MANUAL_SIG_HANDLE && logEnv().NODE_ENV === "production") {
      logger().warn("NEXT_MANUAL_SIG_HANDLE is not set: Next may exit on SIGTERM before bulk jobs and the store are released");
    }
    const { store } = await import("./lib/db/store");
    await store();
    const { startLedgerReader } = await import("./lib/ledger/background");
    startLedgerReader();
    const { startDirectoryRefresh, startDirectoryRefreshWorkers } = await import("./lib/directory/background");
    startDirectoryRefresh();
    const { startBulkWorkers } = await import("./lib/bulk/queue");
    await startBulkWorkers();
    const { startLedgerRefreshWorkers } = await import("./lib/ledger/refresh-queue");
    await startLedgerRefreshWorkers();
    await startDirectoryRefreshWorkers();
    const { startMembersRefreshWorkers } = await import("./lib/members/refresh");
    await startMembersRefreshWorkers();
    const { startWebhookWorkers } = await import("./lib/webhooks/queue");
    await startWebhookWorkers();
    const { startReminderWorkers } = await import("./lib/reminders/queue");
    await startReminderWorkers();
    const { ownEmail } = await import("./lib/email/transport");
    if (ownEmail()) {
      const { startInvitationEmailWorkers } = await import("./lib/email/invitation-email");
      await startInvitationEmailWorkers();
    }
    const { startNoticeWorkers } = await import("./lib/notifications/queue");
    await startNoticeWorkers();
    logger().info("started");
  }
}
