// `npm run bench:bulk`: every send path against the emulator's invitation-write bucket, one JSON line per
// scenario. The bucket holds BENCH_BURST (20) and refills BENCH_RATE (20) a second; the emulator answers
// after BENCH_LATENCY_MS (50); BENCH_ROWS (1,000) addresses. Bulk workers run in processes of their own,
// started as the app starts them (lib/bulk/queue.ts), so a scenario can run two or kill one. The physical
// limit is the burst at once, then the rate: (rows − burst) / rate seconds. No build needed.
//   clean          embedded store, one process
//   faults         embedded store, 5% of writes answer 503, 1% time out after creating the invitation
//   two-processes  PostgreSQL server, two processes sharing the job (skipped when no server answers)
//   restart        PostgreSQL server (else embedded), one process killed at 40% and started again
//   slow           PostgreSQL server, two processes, 100 rows at burst 1 then 0.5 a second (skipped without a server)
//   form           embedded store, one invite-form submission of 50 addresses at burst 20 then 3.33 a second:
//                  the form's own data-access call (lib/invitations/create.ts), after the real gate
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
  BULK_REQUEST_TIMEOUT_SECONDS: "2",
  LOG_READ_INTERVAL_SECONDS: "0",
  DIRECTORY_REFRESH_INTERVAL_SECONDS: "0",
};
Object.assign(process.env, appEnv);

const { openStore } = await import("../lib/db/store.ts");
const { freshServerDatabase } = await import("../lib/testing/server-database.ts");
const { authorize } = await import("../lib/authz/gate.ts");
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

// The gate remembers its decisions in the app's store: a folder of the benchmark's own, not the demo's.
process.env.DATA_DIR = ".data/bench-bulk/gate";

/** A started job of `rows` new addresses, made as the app makes one after its preview: alice passes the real gate. */
async function startedJob(target: StoreTarget, scenario: string, rows: number): Promise<{ jobId: string; emails: string[] }> {
  const store = await openStore("DATABASE_URL" in target ? { databaseUrl: target.DATABASE_URL } : { dataDir: target.DATA_DIR });
  const emails = Array.from({ length: rows }, (_, i) => `bulk.${scenario}.${i}@example.test`);
  const ctx = await authorize(ALICE, ACME);
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

type Child = ChildProcess & { done: Promise<number | null> };

function child(script: string, env: Record<string, string>): Child {
  const started = spawn("node_modules/.bin/tsx", ["--conditions=react-server", script], { env: { ...process.env, ...env }, stdio: ["ignore", "ignore", "inherit"] });
  return Object.assign(started, { done: new Promise<number | null>((resolve) => started.on("exit", resolve)) });
}

const worker = (target: StoreTarget, jobId: string, rate: number) => child("scripts/bulk-worker.ts", { ...target, BENCH_JOB_ID: jobId, BULK_WRITE_RATE_PER_SECOND: String(rate) });

const invitationsOf = (emails: Set<string>) => context.tenant.state.invitations.filter((i) => emails.has(i.invitee.email));
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

type Scenario = {
  server: boolean;
  processes?: number;
  faults?: object[];
  killAt?: number;
  rows?: number;
  rate?: number;
  burst?: number;
  /** One invite-form submission of `rows` addresses instead of a bulk job. */
  form?: boolean;
};

async function run(scenario: string, { server, processes = 1, faults = [], killAt, rows = ROWS, rate = RATE, burst = BURST, form = false }: Scenario) {
  const target = await storeFor(scenario, server);
  if (!target) return console.log(JSON.stringify({ scenario, skipped: "no PostgreSQL server answered" }));
  await control("POST", "reset");
  await control("PUT", "rate-limit", { "invitation-writes": { burst, perSecond: rate } });
  await control("PUT", "latency", { latencyMs: LATENCY_MS });
  for (const fault of faults) await control("POST", "faults", fault);
  const emails = Array.from({ length: rows }, (_, i) => `bulk.${scenario}.${i}@example.test`);
  const wanted = new Set(emails);
  context.requestLog.length = 0;

  if (form) {
    await child("scripts/bench-form.ts", { ...target, BENCH_EMAILS: emails.join(" "), BULK_WRITE_RATE_PER_SECOND: String(rate) }).done;
  } else {
    const { jobId } = await startedJob(target, scenario, rows);
    context.requestLog.length = 0;
    const workers = Array.from({ length: processes }, () => worker(target, jobId, rate));
    if (killAt !== undefined) {
      while (invitationsOf(wanted).length < killAt * rows) await sleep(50);
      workers[0]!.kill("SIGKILL");
      await workers[0]!.done;
      workers.push(worker(target, jobId, rate));
    }
    await Promise.all(workers.map((w) => w.done));
  }

  const writes = context.requestLog.filter((r) => r.method === "POST" && r.path.endsWith("/invitations"));
  const created = writes.filter((r) => r.status === 201);
  const first = Date.parse(writes[0]?.time ?? "0");
  const last = Math.max(...created.map((r) => Date.parse(r.time) + r.durationMs));
  const seconds = (last - first) / 1000;
  const physicalSeconds = Math.max(0, rows - burst) / rate;
  const byEmail = new Map<string, number>();
  for (const invitation of invitationsOf(wanted)) byEmail.set(invitation.invitee.email, (byEmail.get(invitation.invitee.email) ?? 0) + 1);
  const duplicates = [...byEmail.values()].reduce((sum, n) => sum + n - 1, 0);
  const apiCalls = context.requestLog.filter((r) => r.path.startsWith("/api/v2/")).length;
  console.log(
    JSON.stringify({
      scenario,
      store: "DATABASE_URL" in target ? "postgres" : "embedded",
      ...(form ? { path: "invite form" } : { processes }),
      rows,
      burst,
      ratePerSecond: rate,
      seconds: Number(seconds.toFixed(2)),
      rowsPerSecond: Number((byEmail.size / seconds).toFixed(2)),
      ratioToPhysicalLimit: Number((physicalSeconds / seconds).toFixed(3)),
      received429: context.requestLog.filter((r) => r.outcome === "rate-limited").length,
      duplicates,
      lost: rows - byEmail.size,
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
  if (wants("slow")) await run("slow", { server: true, processes: 2, rows: 100, burst: 1, rate: 0.5 });
  if (wants("form")) await run("form", { server: false, form: true, rows: 50, burst: 20, rate: 200 / 60 });
} finally {
  await emulator.close();
}
