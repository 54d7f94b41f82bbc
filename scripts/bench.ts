// `npm run bench`: drives the built app in Chromium against the emulator and prints what inviting costs:
// wall time, and Management API calls by kind (from the emulator's request log). Needs `next build` first.
// BENCH_DATABASE_URL=postgres://… runs it on a PostgreSQL server instead of the embedded store.
import { spawn } from "node:child_process";
import { rmSync } from "node:fs";
import { chromium, type Page } from "@playwright/test";
import { appEnvForEmulator, ADMIN_APP } from "../e2e/auth0-emulator/app-env.ts";
import { readEmulatorConfig } from "../e2e/auth0-emulator/config.ts";
import type { RequestLogEntry } from "../e2e/auth0-emulator/context.ts";
import { startEmulator } from "../e2e/auth0-emulator/main.ts";

const APP_PORT = 3200;
const appUrl = `http://127.0.0.1:${APP_PORT}`;
const ACME = "org_AcmeCorp00000001";
const dataDir = ".data/bench-pglite";

const emulator = await startEmulator({ ...readEmulatorConfig(), signInPort: 7080, apiPort: 7443, appUrl });
const { context } = emulator;
rmSync(dataDir, { recursive: true, force: true });
const app = spawn("node_modules/.bin/next", ["start", "-H", "127.0.0.1", "-p", String(APP_PORT)], {
  stdio: ["ignore", "ignore", "inherit"],
  env: {
    ...process.env,
    NEXT_TELEMETRY_DISABLED: "1",
    ...appEnvForEmulator(context.config, emulator.certPath, "bench-secret-bench-secret-bench-secret"),
    DATA_DIR: dataDir,
    // The directory's refresh would add its calls to the counts below; it has its own figures (bench-directory.ts).
    DIRECTORY_REFRESH_INTERVAL_SECONDS: "0",
    ...(process.env.BENCH_DATABASE_URL ? { DATABASE_URL: process.env.BENCH_DATABASE_URL } : {}),
  },
});

async function waitForApp() {
  for (let attempt = 0; attempt < 120; attempt++) {
    try {
      if ((await fetch(`${appUrl}/api/auth/providers`)).ok) return;
    } catch {
      // not up yet
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error("the app did not start (run `npx next build` first)");
}

const control = (method: string, name: string, body?: unknown) =>
  fetch(`${emulator.signInUrl}__emulator/${name}`, {
    method,
    headers: { "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
const resetEmulator = () => control("POST", "reset");

/** Sorts the Management API calls an action made into the kinds the design budgets for. */
function classify(log: RequestLogEntry[]) {
  const kinds = { token: 0, gate: 0, duplicates: 0, writes: 0, lookups: 0, throttled: 0 };
  for (const { method, path, status } of log) {
    if (status === 429) kinds.throttled++;
    if (path === "/oauth/token") kinds.token++;
    else if (method !== "GET") kinds.writes++;
    else if (/\/members\/[^/]+\/roles$/.test(path) || /^\/api\/v2\/users\/[^/]+\/roles$/.test(path)) kinds.gate++;
    else if (/\/invitations$/.test(path) || path.endsWith("/users-by-email") || /\/users\/[^/]+\/organizations$/.test(path)) kinds.duplicates++;
    else kinds.lookups++;
  }
  return kinds;
}

async function signIn(page: Page) {
  await page.goto(`${appUrl}/login`);
  await page.getByLabel("Email address").fill("alice@acme.test");
  await page.getByLabel("Password").fill("demo-password");
  await page.getByRole("button", { name: /continue/i }).click();
  await page.waitForURL(`${appUrl}/`);
}

async function invite(page: Page, count: number) {
  await page.goto(`${appUrl}/orgs/${ACME}/invitations/new`);
  await page.getByLabel("Email addresses").fill(Array.from({ length: count }, (_, i) => `bench${i}@example.test`).join("\n"));
  await page.getByRole("group", { name: "Roles" }).getByLabel("Member", { exact: true }).check();
  context.requestLog.length = 0;
  const started = performance.now();
  await page.getByRole("button", { name: "Send invitations" }).click();
  await page.getByRole("region", { name: "Results" }).waitFor({ timeout: 300_000 });
  const ms = performance.now() - started;
  const summary = await page.getByRole("region", { name: "Results" }).getByRole("status").textContent();
  return { ms, summary: summary?.trim() ?? "", calls: classify(context.requestLog) };
}

async function seedInvitations(count: number) {
  for (let i = 0; i < count; i++) {
    context.tenant.state.invitations.push({
      id: `uinv_bench${String(i).padStart(11, "0")}`,
      organization_id: ACME,
      inviter: { name: "Bench" },
      invitee: { email: `listed${i}@example.test` },
      invitation_url: `${appUrl}/login?invitation=x&organization=${ACME}&organization_name=acme`,
      ticket_id: "x".repeat(32),
      created_at: new Date(Date.now() - (count - i) * 1000).toISOString(),
      expires_at: new Date(Date.now() + 7 * 86_400_000).toISOString(),
      client_id: ADMIN_APP.client_id,
    });
  }
}

async function timeList(page: Page, search?: string) {
  const samples: number[] = [];
  for (let run = 0; run < 5; run++) {
    await page.goto(`${appUrl}/orgs/${ACME}/invitations`);
    await page.getByTestId("invitation-row").first().waitFor();
    context.requestLog.length = 0;
    const started = performance.now();
    if (search) {
      await page.getByLabel("Search by email").fill(search);
      await page.getByRole("button", { name: "Search", exact: true }).click();
      await page.getByTestId("invitation-row").filter({ hasText: search }).first().waitFor();
    } else {
      await page.reload();
      await page.getByTestId("invitation-row").first().waitFor();
    }
    samples.push(performance.now() - started);
  }
  samples.sort((a, b) => a - b);
  return { median: samples[2]!, calls: classify(context.requestLog) };
}

const row = (cells: (string | number)[]) => cells.map((c) => String(c).padEnd(14)).join("");

try {
  await waitForApp();
  const browser = await chromium.launch({
    executablePath: "/usr/bin/chromium",
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
  });
  const page = await browser.newPage();
  await signIn(page);
  console.log(`Store: ${process.env.BENCH_DATABASE_URL ? "PostgreSQL server" : "embedded (PGlite)"}; Management API: emulator on loopback\n`);

  console.log("Inviting (one submission, Member role, emails sent)");
  console.log(row(["addresses", "wall ms", "ms/address", "token", "gate reads", "dup reads", "writes", "lookups", "429s"]));
  for (const count of [1, 10, 50]) {
    await resetEmulator();
    await invite(page, 1); // warm: lookups cached, token fetched
    await resetEmulator();
    const { ms, calls } = await invite(page, count);
    console.log(row([count, ms.toFixed(0), (ms / count).toFixed(1), calls.token, calls.gate, calls.duplicates, calls.writes, calls.lookups, calls.throttled]));
  }

  console.log("\nInviting 50 under Auth0's production limit for invitation writes (20 burst, 200/minute ≈ 3.33/s)");
  await resetEmulator();
  await control("PUT", "rate-limit", { "invitation-writes": { burst: 20, perSecond: 200 / 60 } });
  const limited = await invite(page, 50);
  console.log(`  ${limited.summary} in ${(limited.ms / 1000).toFixed(1)} s; 429s ridden out: ${limited.calls.throttled}`);
  await control("PUT", "rate-limit", null);

  console.log("\nPending invitations list (1000 pending; median of 5)");
  await resetEmulator();
  await seedInvitations(1000);
  const list = await timeList(page);
  console.log(`  first page: ${list.median.toFixed(0)} ms; Management API calls: gate ${list.calls.gate}, list ${list.calls.duplicates}, other ${list.calls.lookups}`);
  const searched = await timeList(page, "listed5@");
  console.log(`  search across 1000: ${searched.median.toFixed(0)} ms; Management API calls: gate ${searched.calls.gate}, list pages ${searched.calls.duplicates}`);

  await browser.close();
} finally {
  app.kill("SIGTERM");
  await emulator.close();
}
