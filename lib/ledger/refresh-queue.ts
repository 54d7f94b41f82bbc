import "server-only";
import type { OrgAccess } from "@/lib/authz/access";
import { store } from "@/lib/db/store";
import { organizationQueue } from "@/lib/jobs/organization-queue";
import { logger } from "@/lib/log/logger";
import { noteRefreshRequested, refreshLedger } from "./freshness";

// An organization's ledger refresh runs in the background, one per organization at a time (lib/jobs/organization-queue.ts).
const ledgerRefreshes = organizationQueue("ledger-refresh", "ledger", async (access) => {
  const { db } = await store();
  const result = await refreshLedger(db, access);
  if ("problem" in result) logger().warn({ problem: result.problem }, "refreshing the ledger from Auth0 failed");
});

/**
 * Asks the background for a refresh of the organization's ledger and returns at once: the page that asked
 * (or any page of the organization) sees it under way, and updates itself when it lands.
 */
export async function requestLedgerRefresh(access: OrgAccess): Promise<void> {
  const { db } = await store();
  await noteRefreshRequested(db, access);
  await ledgerRefreshes.request(access);
}

/** Started from instrumentation.ts: this instance does organizations' ledger refreshes, one at a time. */
export const startLedgerRefreshWorkers = ledgerRefreshes.startWorkers;
