import "server-only";
import { env } from "@/lib/env";
import { store } from "@/lib/db/store";
import { expireOverdue } from "./ledger";
import { readTenantLogs } from "./log-reader";

// Every instance ticks; the lease in the store lets one of them read Auth0's logs at a time, so more
// instances do not mean more Management API calls.
const holder = globalThis as typeof globalThis & { __ledgerTimer?: NodeJS.Timeout };

async function tick() {
  try {
    const { db } = await store();
    await readTenantLogs(db);
    await expireOverdue(db);
  } catch (error) {
    console.error("[ledger] reading Auth0's tenant logs failed; will try again", error);
  }
}

/** Starts the background reader once per process (LOG_READ_INTERVAL_SECONDS; 0 leaves it off). */
export function startLedgerReader() {
  const seconds = env().LOG_READ_INTERVAL_SECONDS;
  if (seconds === 0 || holder.__ledgerTimer) return;
  holder.__ledgerTimer = setInterval(tick, seconds * 1000);
  holder.__ledgerTimer.unref();
}
