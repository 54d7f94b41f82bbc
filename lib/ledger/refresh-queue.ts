import "server-only";
import type { OrgAccess } from "@/lib/authz/access";
import { reconcilerAccess } from "@/lib/authz/background";
import { store } from "@/lib/db/store";
import { jobBoss } from "@/lib/jobs/boss";
import { inLogScope, logger } from "@/lib/log/logger";
import { noteRefreshRequested, refreshLedger } from "./freshness";

// An organization's ledger refresh runs as a pg-boss job, on whichever instance fetches it. The queue keeps
// at most one refresh per organization waiting and one running ("stately", keyed by organization), so a
// page opened by many people, or a button pressed again, asks Auth0 once more at most.

const QUEUE = "ledger-refresh";

type RefreshData = { orgId: string };

const holder = globalThis as typeof globalThis & { __ledgerRefreshQueue?: Promise<void> };

/** The queue, made once per process (pg-boss's createQueue keeps an existing one). */
async function ready() {
  const boss = await jobBoss();
  if (!holder.__ledgerRefreshQueue) {
    holder.__ledgerRefreshQueue = boss.createQueue(QUEUE, { policy: "stately", retryLimit: 1, retryDelay: 30, expireInSeconds: 15 * 60 });
    holder.__ledgerRefreshQueue.catch(() => (holder.__ledgerRefreshQueue = undefined));
  }
  await holder.__ledgerRefreshQueue;
  return boss;
}

/**
 * Asks the background for a refresh of the organization's ledger and returns at once: the page that asked
 * (or any page of the organization) sees it under way, and updates itself when it lands.
 */
export async function requestLedgerRefresh(access: OrgAccess): Promise<void> {
  const { db } = await store();
  await noteRefreshRequested(db, access);
  await (await ready()).send(QUEUE, { orgId: access.orgId } satisfies RefreshData, { singletonKey: access.orgId });
}

/** Started from instrumentation.ts: this instance does organizations' ledger refreshes, one at a time. */
export async function startLedgerRefreshWorkers(): Promise<void> {
  const boss = await ready();
  await boss.work<RefreshData>(QUEUE, { localConcurrency: 1, pollingIntervalSeconds: 1 }, async ([job]) => {
    if (!job) return;
    await inLogScope({ requestId: job.id, task: "ledger", organization: job.data.orgId }, async () => {
      const { db } = await store();
      // The organization id was put here by a page or an action that passed its gate.
      const result = await refreshLedger(db, reconcilerAccess(job.data.orgId));
      if ("problem" in result) logger().warn({ problem: result.problem }, "refreshing the ledger from Auth0 failed");
    });
  });
}
