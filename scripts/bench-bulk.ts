// `npm run bench:bulk`: bulk onboarding against the emulator's invitation-write bucket, one JSON line per
// scenario. The bucket holds BENCH_BURST (20) and refills BENCH_RATE (20) a second; the emulator answers
// after BENCH_LATENCY_MS (50); BENCH_ROWS (1,000) addresses. The workers run in processes of their own,
// started as the app starts them (lib/bulk/queue.ts), so a scenario can run two or kill one. The physical
// limit is the burst at once, then the rate: (rows − burst) / rate seconds. No build needed.
//   clean          embedded store, one process
//   faults         embedded store, 5% of writes answer 503, 1% time out after creating the invitation
//   two-processes  PostgreSQL server, two processes sharing the job (skipped when no server answers)
//   restart        PostgreSQL server (else embedded), one process killed at 40% and started again
import { spawn, type ChildProcess } from "node:child_process";
import { rmSync } from "node:fs";
import { appEnvForEmulator } from "../e2e/auth0-emulator/app-env.ts";
import { readEmulatorConfig } from "../e2e/auth0-emulator/config.ts";
import { startEmulator } from "../e2e/auth0-emulator/main.ts";

const ROWS = Number(process.env.BENCH_ROWS ?? 1000);
const RATE = Number(process.env.BENCH_RATE ?? 20);
const BURST = Number(process.env.BENCH_BURST ?? 20);
const LATENCY_MS = Number(process.env.BENCH_LATENCY_MS ?? 50);
const ACME = "org_AcmeCorp00000001";
const ACME_PORTAL = "AcmePortalClientId00000000000002";
const ALICE = { id: "auth0|alice0000000000000000001", email: "alice@acme.test", name: "Alice Admin" };

const emulator = await startEmulator({ ...readEmulatorConfig(), signInPort: 7095, apiPort: 7458 });
const { context } = emulator;
const appEnv = {
  ...appEnvForEmulator(context.config, emulator.certPath, "bench-secret-bench-secret-bench-secret"),
  NODE_EXTRA_CA_CERTS: emulator.certPath,
  // The tenant's sustained invitation-write rate, as an operator sets it from Auth0's published limits.
  BULK_WRITE_RATE_PER_SECOND: String(RATE),
  BULK_REQUEST_TIMEOUT_SECONDS: "2",
  LOG_READ_INTERVAL_SECONDS: "0",
  DIRECTORY_REFRESH_INTERVAL_SECONDS: "0",
};
Object.assign(process.env, appEnv);

const { openStore } = await import("../lib/db/store.ts");
const { freshServerDatabase } = await import("../lib/testing/server-database.ts");
const { grantOrgAccess } = await import("../lib/authz/access.ts");
const { createDraftJob, startJob } = await import("../lib/bulk/jobs.ts");

const control = (method: string, name: string, body?: unknown) =>
  fetch(`http://127.0.0.1:${context.config.signInPort}/__emulator/${name}`, {
    method,
    headers: { "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  }).then((response) => response.json());

type StoreTarget = { DATABASE_URL: string } | { DATA_DIR: string };

async function storeFor(scenario: string, server: boolean): Promise<StoreTarget | undefined> {
  if (server) {
    const url = await freshServerDatabase(`inviter_bench_bulk_${scenario.replace(/-/g, "_")}`);
    return url ? { DATABASE_URL: url } : undefined;
  }
  const dir = `.data/bench-bulk/${scenario}`;
  rmSync(dir, { recursive: true, force: true });
  return { DATA_DIR: dir };
}

/** A started job of ROWS new addresses, made as the app makes one after its preview. */
async function startedJob(target: StoreTarget, scenario: string): Promise<{ jobId: string; emails: string[] }> {
  const store = await openStore("DATABASE_URL" in target ? { databaseUrl: target.DATABASE_URL } : { dataDir: target.DATA_DIR });
  const emails = Array.from({ length: ROWS }, (_, i) => `bulk.${scenario}.${i}@example.test`);
  const ctx = { ...grantOrgAccess(ACME), user: ALICE, actor: { kind: "member" as const, roleNames: ["Org Admin"] } };
  const jobId = await createDraftJob(
    store.db,
    ctx,
    { clientId: ACME_PORTAL, ttlSeconds: 86_400, sendEmail: true, inviterName: ALICE.name },
    emails.map((email, i) => ({ line: i + 1, email, roleIds: [], roleNames: [], state: "queued" as const })),
  );
  await startJob(store.db, ctx, jobId);
  await store.close();
  return { jobId, emails };
}

function worker(target: StoreTarget, jobId: string): ChildProcess & { done: Promise<number | null> } {
  const child = spawn("node_modules/.bin/tsx", ["--conditions=react-server", "scripts/bulk-worker.ts"], {
    env: { ...process.env, ...target, BENCH_JOB_ID: jobId },
    stdio: ["ignore", "ignore", "inherit"],
  });
  return Object.assign(child, { done: new Promise<number | null>((resolve) => child.on("exit", resolve)) });
}

const invitationsOf = (emails: Set<string>) => context.tenant.state.invitations.filter((i) => emails.has(i.invitee.email));
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function run(scenario: string, { server, processes = 1, faults = [] as object[], killAt }: { server: boolean; processes?: number; faults?: object[]; killAt?: number }) {
  const target = await storeFor(scenario, server);
  if (!target) return console.log(JSON.stringify({ scenario, skipped: "no PostgreSQL server answered" }));
  await control("POST", "reset");
  await control("PUT", "rate-limit", { "invitation-writes": { burst: BURST, perSecond: RATE } });
  await control("PUT", "latency", { latencyMs: LATENCY_MS });
  for (const fault of faults) await control("POST", "faults", fault);
  const { jobId, emails } = await startedJob(target, scenario);
  const wanted = new Set(emails);
  context.requestLog.length = 0;

  const workers = Array.from({ length: processes }, () => worker(target, jobId));
  if (killAt !== undefined) {
    while (invitationsOf(wanted).length < killAt * ROWS) await sleep(50);
    workers[0]!.kill("SIGKILL");
    await workers[0]!.done;
    workers.push(worker(target, jobId));
  }
  await Promise.all(workers.map((w) => w.done));

  const writes = context.requestLog.filter((r) => r.method === "POST" && r.path.endsWith("/invitations"));
  const created = writes.filter((r) => r.status === 201);
  const first = Date.parse(writes[0]?.time ?? "0");
  const last = Math.max(...created.map((r) => Date.parse(r.time) + r.durationMs));
  const seconds = (last - first) / 1000;
  const physicalSeconds = Math.max(0, ROWS - BURST) / RATE;
  const byEmail = new Map<string, number>();
  for (const invitation of invitationsOf(wanted)) byEmail.set(invitation.invitee.email, (byEmail.get(invitation.invitee.email) ?? 0) + 1);
  const duplicates = [...byEmail.values()].reduce((sum, n) => sum + n - 1, 0);
  const apiCalls = context.requestLog.filter((r) => r.path.startsWith("/api/v2/")).length;
  console.log(
    JSON.stringify({
      scenario,
      store: "DATABASE_URL" in target ? "postgres" : "embedded",
      processes,
      rows: ROWS,
      seconds: Number(seconds.toFixed(2)),
      rowsPerSecond: Number((byEmail.size / seconds).toFixed(2)),
      ratioToPhysicalLimit: Number((physicalSeconds / seconds).toFixed(3)),
      received429: context.requestLog.filter((r) => r.outcome === "rate-limited").length,
      duplicates,
      lost: ROWS - byEmail.size,
      managementCallsPerSentRow: Number((apiCalls / byEmail.size).toFixed(3)),
      tokenRequests: context.requestLog.filter((r) => r.path === "/oauth/token").length,
      faultsAnswered: context.requestLog.filter((r) => r.outcome === "fault" || r.outcome === "timed-out").length,
    }),
  );
}

try {
  const only = process.env.BENCH_SCENARIOS?.split(",");
  const wants = (name: string) => !only || only.includes(name);
  if (wants("clean")) await run("clean", { server: false });
  if (wants("faults")) {
    await run("faults", {
      server: false,
      faults: [
        { method: "POST", pathPattern: "/invitations$", probability: 0.05, status: 503, seed: 7 },
        { method: "POST", pathPattern: "/invitations$", probability: 0.01, kind: "timeout-after-handling", delayMs: 3_000, seed: 8 },
      ],
    });
  }
  if (wants("two-processes")) await run("two-processes", { server: true, processes: 2 });
  if (wants("restart")) {
    const server = Boolean(await freshServerDatabase("inviter_bench_bulk_probe"));
    await run("restart", { server, killAt: 0.4 });
  }
} finally {
  await emulator.close();
}
