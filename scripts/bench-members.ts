// `npm run bench:members` (also part of `npm run bench`): the Members page and seat checks of an organization
// of 20,000 members with 5,000 pending invitations, on the embedded store and on the PostgreSQL server when
// one answers. In-process, no build needed: the emulator with Acme grown to 20,004 members, a full refresh of
// the store's copy of them (timed, with its Management API calls per 100 members), then BENCH_SAMPLES (200)
// each of: a view of the Members page's data (lib/invitations/members.ts, for alice, an Org Admin, through
// the gate once), a member search (by address or name, some with a role filter), and a seat check (members
// from the copy plus pending invitations from the ledger). Prints p50/p95 and Management API calls of each.
import { sql } from "drizzle-orm";
import { appEnvForEmulator } from "../e2e/auth0-emulator/app-env.ts";
import { readEmulatorConfig } from "../e2e/auth0-emulator/config.ts";
import { startEmulator } from "../e2e/auth0-emulator/main.ts";
import { seedInvitations } from "../e2e/auth0-emulator/management/resources/create-invitation.ts";

const MEMBERS = 20_000;
const PENDING = 5_000;
const SAMPLES = Number(process.env.BENCH_SAMPLES ?? 200);
const ACME = "org_AcmeCorp00000001";
const ACME_PORTAL = "AcmePortalClientId00000000000002";
const MEMBER_ROLE = "rol_Member0000000003";
const ALICE = { id: "auth0|alice0000000000000000001", email: "alice@acme.test", name: "Alice Admin" };

const emulator = await startEmulator({ ...readEmulatorConfig(), signInPort: 7120, apiPort: 7483 });
const { context } = emulator;
Object.assign(process.env, {
  ...appEnvForEmulator(context.config, emulator.certPath, "bench-secret-bench-secret-bench-secret"),
  // Nothing in the background: the refresh is run and timed here, and no view asks for one.
  MEMBERS_REFRESH_AFTER_SECONDS: "0",
  LOG_READ_INTERVAL_SECONDS: "0",
  LOG_LEVEL: "silent",
});

const { storeCases } = await import("../lib/testing/stores.ts");
const { authorize } = await import("../lib/authz/gate.ts");
const { membersView } = await import("../lib/invitations/members.ts");
const { adopt } = await import("../lib/ledger/ledger.ts");
const { seatCount } = await import("../lib/invitations/seats.ts");
const { refreshMembers } = await import("../lib/members/refresh.ts");

const organization = context.tenant.organization(ACME)!;
context.tenant.seedUsers(MEMBERS, organization, MEMBERS, [MEMBER_ROLE]);
const memberTotal = organization.members.length;
const invitations = seedInvitations(context, {
  organizationId: ACME,
  clientId: ACME_PORTAL,
  emails: Array.from({ length: PENDING }, (_, i) => `pending.${i}@example.test`),
  createdAt: new Date(Date.now() - 3_600_000),
});

const apiCalls = () => context.requestLog.filter((r) => r.path.startsWith("/api/v2/")).length;
const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;

/** p50/p95 of `run` over SAMPLES runs, and the Management API calls it made each time. */
async function measure(kind: string, storeName: string, run: (i: number) => Promise<unknown>) {
  await run(0); // warm: the token and the 30 s role cache
  const ms: number[] = [];
  const before = apiCalls();
  for (let i = 0; i < SAMPLES; i++) {
    const started = performance.now();
    await run(i);
    ms.push(performance.now() - started);
  }
  ms.sort((a, b) => a - b);
  const calls = apiCalls() - before;
  console.log(
    JSON.stringify({
      kind,
      store: storeName,
      members: memberTotal,
      pending: PENDING,
      samples: SAMPLES,
      p50Ms: Number(percentile(ms, 50).toFixed(1)),
      p95Ms: Number(percentile(ms, 95).toFixed(1)),
      auth0CallsPerRun: Number((calls / SAMPLES).toFixed(3)),
    }),
  );
}

const SEARCHES = ["user-0123", "generated user 19", "USER-01999", "@generated.test", "alice", "nobody-at-all", "user-00042", "Generated User 7"];

try {
  console.log(`Members: ${memberTotal} members of ${ACME} and ${PENDING} pending invitations; Management API: emulator on loopback, no rate limit`);
  for (const { name, open } of await storeCases("inviter_bench_members")) {
    const opened = await open();
    // The app's one store per process is this one for the run (lib/db/store.ts keeps it here).
    (globalThis as { __store?: Promise<typeof opened> }).__store = Promise.resolve(opened);
    const { db } = opened;
    try {
      await db.execute(sql`TRUNCATE organization_members, member_refreshes, invitations`);
      for (let i = 0; i < invitations.length; i += 1000) await adopt(db, invitations.slice(i, i + 1000));
      const ctx = await authorize(ALICE, ACME);

      context.requestLog.length = 0;
      const started = performance.now();
      const refreshed = await refreshMembers(db, ctx, { holder: "bench" });
      const seconds = (performance.now() - started) / 1000;
      console.log(
        JSON.stringify({
          kind: "full refresh",
          store: name,
          result: refreshed,
          seconds: Number(seconds.toFixed(1)),
          auth0Calls: apiCalls(),
          callsPer100Members: Number(((apiCalls() / memberTotal) * 100).toFixed(3)),
        }),
      );

      const pages = Math.ceil(memberTotal / 25);
      await measure("members page view", name, (i) => membersView(ctx, { page: (i * 7919) % pages }));
      await measure("member search", name, (i) =>
        membersView(ctx, { search: SEARCHES[i % SEARCHES.length], ...(i % 3 === 0 && { roleId: MEMBER_ROLE }), page: 0 }),
      );
      await measure("seat check", name, async () => {
        const { members, pending } = await seatCount(ctx);
        if (members !== memberTotal || pending !== PENDING) throw new Error(`seat check counted ${members} members and ${pending} pending`);
      });
    } finally {
      delete (globalThis as { __store?: unknown }).__store;
      await opened.close();
    }
  }
} finally {
  await emulator.close();
}
