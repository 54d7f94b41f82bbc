import "server-only";
import { env } from "@/lib/env";
import { store } from "@/lib/db/store";
import { expireOverdue } from "./ledger";
import { readTenantLogs } from "./log-reader";

// Every instance ticks; the lease in the store lets one of them read Auth0's logs at a time, so more
// instances do not mean more Management API calls.
const holder = globalThis as typeof globalThis & { __ledgerTimer?: NodeJS.Timeout | null };

async function tick() {
  try {
    const { db } = await store();
    await readTenantLogs(db);
    await expireOverdue(db);
  } catch (error) {
    console.error("[ledger] reading Auth0's tenant logs failed; will try again", error);
  }
}

/**
 * Reads once at start-up, so the checkpoint is set before anyone invites (events from before the first
 * read would otherwise only be inferred), then every LOG_READ_INTERVAL_SECONDS (0: never again).
 */
export function startLedgerReader() {
  if (holder.__ledgerTimer !== undefined) return;
  const seconds = env().LOG_READ_INTERVAL_SECONDS;
  holder.__ledgerTimer = seconds === 0 ? null : setInterval(tick, seconds * 1000);
  holder.__ledgerTimer?.unref();
  return tick();
}
