// `npm run bench:pages` (also part of `npm run bench`): what a view of the Invitations page costs, now that a
// render reads the store and leaves Auth0's lists to the background. In-process, no build needed: the
// emulator, and the page's server work as the page does it (the blocked-user check, the gate, the heading's
// organization, the ledger's page, the recent bulk jobs) for alice, an Org Admin of Acme. Prints one JSON line
// per scenario: Management API calls per view by kind (gate reads; list, log and single-invitation reads;
// catalog refills of the 30 s caches) and the p50/p95 time of a view; and what the background refresh that
// keeps the ledger current costs, for 1,000 and 2,500 pending invitations sent through the app (past 2,000,
// Auth0's list reaches neither end of the middle: those are read one by one, 100 a refresh). Embedded store unless
// BENCH_DATABASE_URL=postgres://… is given. BENCH_VIEWS (200) views per scenario, BENCH_LATENCY_MS (0) added
// to every Management API answer.
import { rmSync } from "node:fs";
import { appEnvForEmulator } from "../e2e/auth0-emulator/app-env.ts";
import { readEmulatorConfig } from "../e2e/auth0-emulator/config.ts";
import type { RequestLogEntry } from "../e2e/auth0-emulator/context.ts";
import { startEmulator } from "../e2e/auth0-emulator/main.ts";
import { seedInvitations } from "../e2e/auth0-emulator/management/resources/create-invitation.ts";

const VIEWS = Number(process.env.BENCH_VIEWS ?? 200);
const LATENCY_MS = Number(process.env.BENCH_LATENCY_MS ?? 0);
const ACME = "org_AcmeCorp00000001";
const ACME_PORTAL = "AcmePortalClientId00000000000002";
const ALICE = { id: "auth0|alice0000000000000000001", email: "alice@acme.test", name: "Alice Admin" };
const dataDir = ".data/bench-pages";

const emulator = await startEmulator({ ...readEmulatorConfig(), signInPort: 7100, apiPort: 7463, latencyMs: LATENCY_MS });
const { context } = emulator;
rmSync(dataDir, { recursive: true, force: true });
Object.assign(process.env, {
  ...appEnvForEmulator(context.config, emulator.certPath, "bench-secret-bench-secret-bench-secret"),
  DATA_DIR: dataDir,
  ...(process.env.BENCH_DATABASE_URL ? { DATABASE_URL: process.env.BENCH_DATABASE_URL } : {}),
  // The refresh is run here, between scenarios, and timed on its own; no view asks for one.
  LEDGER_REFRESH_AFTER_SECONDS: "0",
  LOG_READ_INTERVAL_SECONDS: "0",
  DIRECTORY_REFRESH_INTERVAL_SECONDS: "0",
  LOG_LEVEL: "silent",
});

const { store, closeStore } = await import("../lib/db/store.ts");
const { isRefusedByAuth0 } = await import("../lib/auth0/blocked.ts");
const { organizationById } = await import("../lib/auth0/directory.ts");
const { authorize } = await import("../lib/authz/gate.ts");
const { reconcilerAccess } = await import("../lib/authz/background.ts");
const { recentBulkJobs } = await import("../lib/bulk/organization-jobs.ts");
const { invitationsView } = await import("../lib/invitations/list.ts");
const { refreshLedger } = await import("../lib/ledger/freshness.ts");
const { recordCreated } = await import("../lib/ledger/ledger.ts");

/** The Management API calls in `log`, by what they are for. */
function classify(log: RequestLogEntry[]) {
  const kinds = { gate: 0, list: 0, logs: 0, single: 0, catalog: 0, other: 0 };
  for (const { method, path } of log) {
    if (path === "/oauth/token" || method !== "GET") kinds.other++;
    else if (/\/members\/[^/]+\/roles$/.test(path) || /^\/api\/v2\/users\/[^/]+$/.test(path)) kinds.gate++;
    else if (path === `/api/v2/organizations/${ACME}/invitations`) kinds.list++;
    else if (path.startsWith(`/api/v2/organizations/${ACME}/invitations/`)) kinds.single++;
    else if (path.startsWith("/api/v2/logs")) kinds.logs++;
    else if (["/api/v2/roles", "/api/v2/clients", `/api/v2/organizations/${ACME}`, `/api/v2/organizations/${ACME}/enabled_connections`].includes(path)) kinds.catalog++;
    else kinds.other++;
  }
  return kinds;
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
const perView = (total: number) => Number((total / VIEWS).toFixed(3));

/** One view of the Invitations page's server work, as app/orgs/[orgId]/invitations/page.tsx and its layout do it. */
async function view() {
  if (await isRefusedByAuth0(ALICE.id)) throw new Error("alice is blocked");
  const ctx = await authorize(ALICE, ACME);
  await Promise.all([
    organizationById(ctx),
    invitationsView(ctx, { filter: "pending", sort: "created", page: 0, perPage: 25 }),
    recentBulkJobs(ctx, 5),
  ]);
}

/** Adds `count` invitations to Acme, a second apart, sent by alice through the app (as a bulk job does): in Auth0 and in the ledger. */
async function seed(count: number, from: number) {
  const { db } = await store();
  const made = seedInvitations(context, {
    organizationId: ACME,
    clientId: ACME_PORTAL,
    emails: Array.from({ length: count }, (_, i) => `listed.${from + i}@example.test`),
    createdAt: new Date(Date.now() - 86_400_000 + from * 1000),
    stepMs: 1000,
  });
  const alice = { actorId: ALICE.id, actorEmail: ALICE.email, actorName: ALICE.name, actorKind: "member" };
  for (const invitation of made) await recordCreated(db, invitation, alice, { sendEmail: true });
}

async function refresh(invitations: number) {
  const { db } = await store();
  context.requestLog.length = 0;
  const started = performance.now();
  await refreshLedger(db, reconcilerAccess(ACME));
  const ms = performance.now() - started;
  const { list, logs, single } = classify(context.requestLog);
  console.log(JSON.stringify({ scenario: "background refresh", store: storeName, invitations, ms: Math.round(ms), calls: { list, logs, single } }));
}

async function views(invitations: number) {
  await view(); // warm: the token and the 30 s catalog caches
  context.requestLog.length = 0;
  const samples: number[] = [];
  for (let i = 0; i < VIEWS; i++) {
    const started = performance.now();
    await view();
    samples.push(performance.now() - started);
  }
  samples.sort((a, b) => a - b);
  const calls = classify(context.requestLog);
  console.log(
    JSON.stringify({
      scenario: "warm view",
      store: storeName,
      invitations,
      views: VIEWS,
      p50Ms: Number(percentile(samples, 50).toFixed(1)),
      p95Ms: Number(percentile(samples, 95).toFixed(1)),
      auth0CallsPerView: { gate: perView(calls.gate), list: perView(calls.list), logs: perView(calls.logs), singleReads: perView(calls.single), catalogRefills: perView(calls.catalog), other: perView(calls.other) },
    }),
  );
}

const storeName = process.env.BENCH_DATABASE_URL ? "postgres" : "embedded";
try {
  const { db } = await store();
  if (storeName === "postgres") {
    const { sql } = await import("drizzle-orm");
    await db.execute(sql`TRUNCATE invitations, ledger_refreshes, log_reader, applied_log_events, rate_budgets`);
  }
  await seed(1_000, 0);
  await refresh(1_000);
  await views(1_000);
  await seed(1_500, 1_000);
  await refresh(2_500);
  await views(2_500);
} finally {
  await closeStore();
  await emulator.close();
}
