// `npm run bench:directory` (also the last part of `npm run bench`): support's organization finder on a
// tenant of 10,000 organizations. Starts the emulator with them, refreshes the directory into each store
// (embedded, and the PostgreSQL server when one answers), then times a few hundred finder queries of
// every kind and prints p50/p95 latency and Management API calls per query. In-process; no build needed.
import { sql } from "drizzle-orm";
import { appEnvForEmulator } from "../e2e/auth0-emulator/app-env.ts";
import { readEmulatorConfig } from "../e2e/auth0-emulator/config.ts";
import { startEmulator } from "../e2e/auth0-emulator/main.ts";

const ORGANIZATIONS = 10_000;
const INVITATIONS = 20_000;
const emulator = await startEmulator({ ...readEmulatorConfig(), signInPort: 7090, apiPort: 7453, seedOrganizations: ORGANIZATIONS });
const { context } = emulator;
Object.assign(process.env, appEnvForEmulator(context.config, emulator.certPath, "bench-secret-bench-secret-bench-secret"));

const { storeCases } = await import("../lib/testing/stores.ts");
const { refreshDirectory } = await import("../lib/directory/refresh.ts");
const { findOrganizations } = await import("../lib/directory/find.ts");
const { adopt } = await import("../lib/ledger/ledger.ts");

const apiCalls = () => context.requestLog.filter((r) => r.path.startsWith("/api/v2/")).length;
const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
const row = (cells: (string | number)[]) => cells.map((c, i) => String(c).padEnd(i === 0 ? 34 : 12)).join("");

/** A deterministic mix of what support types, by kind. */
function queries(): { kind: string; query: string }[] {
  const organizations = context.tenant.state.organizations;
  const pick = (i: number) => organizations[(i * 7919) % organizations.length]!;
  const words = ["traders", "Fabrikam", "logist", "Bank 9", "northwind health", "coho", "Studios 12", "yonder", "energy 40", "wingtip labs"];
  const users = context.tenant.state.users.map((u) => u.email);
  const list: { kind: string; query: string }[] = [];
  for (let i = 0; i < 100; i++) list.push({ kind: "substring (text)", query: words[i % words.length]! + (i < words.length ? "" : ` ${i % 10}`) });
  for (let i = 0; i < 50; i++) list.push({ kind: "exact name (text)", query: pick(i).name });
  for (let i = 0; i < 50; i++) list.push({ kind: "id", query: pick(i + 1000).id });
  for (let i = 0; i < 50; i++) list.push({ kind: "email", query: users[i % users.length]! });
  for (let i = 0; i < 50; i++) list.push({ kind: "domain", query: i % 2 ? `@${pick(i).name}.example` : `${pick(i).name}.example` });
  return list;
}

/** Invitations as Auth0 lists them, to customer-NNNNN.example addresses, for the ledger to adopt and the domain queries to search. */
function listedInvitations() {
  const organizations = context.tenant.state.organizations;
  const now = new Date().toISOString();
  return Array.from({ length: INVITATIONS }, (_, i) => {
    const org = organizations[i % organizations.length]!;
    return {
      id: `uinv_bench${String(i).padStart(11, "0")}`, organization_id: org.id, invitee: { email: `person${i}@${org.name}.example` }, client_id: "bench",
      inviter: { name: "Bench" }, created_at: now, expires_at: now,
    };
  });
}

try {
  console.log(`Organization directory: ${ORGANIZATIONS + 3} organizations in the emulated tenant, ${INVITATIONS} invitations in the ledger; Management API: emulator on loopback, no rate limit`);
  for (const { name, open } of await storeCases("inviter_bench_directory")) {
    const store = await open();
    try {
      await store.db.execute(sql`TRUNCATE organization_directory, directory_refresh, invitations`);
      const listed = listedInvitations();
      for (let i = 0; i < listed.length; i += 1000) await adopt(store.db, listed.slice(i, i + 1000));

      context.requestLog.length = 0;
      const started = performance.now();
      const refreshed = await refreshDirectory(store.db, { holder: "bench" });
      const seconds = (performance.now() - started) / 1000;
      console.log(`\nStore: ${name}`);
      console.log(`  refresh: ${JSON.stringify(refreshed)} in ${seconds.toFixed(1)} s (${apiCalls()} Management API calls)`);

      const samples = new Map<string, { ms: number[]; calls: number[] }>();
      for (const { kind, query } of queries()) {
        const before = apiCalls();
        const t = performance.now();
        await findOrganizations(store.db, query, { page: 0, pageSize: 25 });
        const entry = samples.get(kind) ?? { ms: [], calls: [] };
        entry.ms.push(performance.now() - t);
        entry.calls.push(apiCalls() - before);
        samples.set(kind, entry);
      }
      console.log(row(["  query kind", "queries", "p50 ms", "p95 ms", "calls/query", "max calls"]));
      for (const [kind, { ms, calls }] of samples) {
        ms.sort((a, b) => a - b);
        const mean = calls.reduce((sum, c) => sum + c, 0) / calls.length;
        console.log(row([`  ${kind}`, ms.length, percentile(ms, 50).toFixed(1), percentile(ms, 95).toFixed(1), mean.toFixed(2), Math.max(...calls)]));
      }
    } finally {
      await store.close();
    }
  }
  console.log(
    `\nAt Auth0's organizations read limit (10 burst, 100 per minute) a refresh of ${ORGANIZATIONS + 3} organizations takes at least ` +
      `${Math.ceil(((Math.ceil((ORGANIZATIONS + 3) / 100) - 10) * 60) / 100)} s of paging.`,
  );
} finally {
  await emulator.close();
}
