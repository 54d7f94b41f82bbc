// "Never twice" at a low write rate: Auth0 allows one invitation write at once, then one every five seconds,
// and two workers with four lanes each share a job of 20 rows. A lane that claimed a row and then waited for
// the pacer would outlive its 30 s lease, and another lane would send the row again. Lanes take their
// token before they claim, so each address is sent exactly once, on both stores.
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { ACME, control, useEmulator } from "@/e2e/auth0-emulator/management/testing";
import { testContext } from "@/lib/testing/action-context";
import type { Store } from "@/lib/db/store";

vi.mock("@/lib/env", async (importOriginal) =>
  (await import("@/lib/testing/emulator-env")).emulatorEnv(await importOriginal(), { BULK_REQUEST_TIMEOUT_SECONDS: "2", BULK_WRITE_RATE_PER_SECOND: "0.2", BULK_CONCURRENCY: "4" }),
);

useEmulator();
const { storeCases } = await import("@/lib/testing/stores");
const { createDraftJob, jobProgress, startJob } = await import("./jobs");
const { workJob } = await import("./worker");
const { auditEvents } = await import("@/lib/db/schema");

const ACME_PORTAL = "AcmePortalClientId00000000000002";
const ALICE = "auth0|alice0000000000000000001";
const { ctx } = testContext(ACME, { kind: "member", roleNames: ["Org Admin"] }, { user: { id: ALICE, email: "alice@acme.test", name: "Alice Admin" } });
const ROWS = 20;

type Emulated = { invitee: { email: string } };
const emulatedEmails = async () => ((await control("GET", "state")).body.invitations as Emulated[]).map((i) => i.invitee.email).sort();

async function workUntilSettled(store: Store, jobId: string) {
  for (let slice = 0; slice < 200; slice++) {
    const outcome = await workJob(store.db, jobId, { until: Date.now() + 5_000, concurrency: 4 });
    if (outcome.kind === "finished") return;
  }
  throw new Error("the job did not settle");
}

afterAll(() => {
  for (const key of ["__managementClient", "__invitationWriteClient"]) delete (globalThis as Record<string, unknown>)[key];
});

const cases = await storeCases("inviter_unit_slow_rate");

describe.each(cases)("a slow write rate on the $name store", ({ open }) => {
  let store: Store;
  beforeAll(async () => {
    store = await open();
  });
  afterAll(async () => {
    await store.close();
  });
  beforeEach(async () => {
    await store.db.execute(sql`TRUNCATE bulk_jobs, bulk_rows, rate_budgets, invitations, audit_events`);
    await control("PUT", "rate-limit", { "invitation-writes": { burst: 1, perSecond: 0.2 } });
  });

  it("two workers at burst 1, then 0.2 a second, send each of 20 addresses exactly once", { timeout: 400_000 }, async () => {
    const emails = Array.from({ length: ROWS }, (_, i) => `slow.${i}.${Date.now()}@example.test`);
    const jobId = await createDraftJob(
      store.db,
      ctx,
      { clientId: ACME_PORTAL, ttlSeconds: 86_400, sendEmail: true, inviterName: "Alice Admin" },
      emails.map((email, i) => ({ line: i + 1, email, roleIds: [], roleNames: [], state: "queued" as const })),
    );
    await startJob(store.db, ctx, jobId);
    await Promise.all([workUntilSettled(store, jobId), workUntilSettled(store, jobId)]);

    expect(await emulatedEmails()).toEqual([...emails].sort());
    expect((await jobProgress(store.db, ctx, jobId)).counts).toMatchObject({ sent: ROWS, queued: 0, sending: 0, failed: 0 });
    const events = await store.db.select().from(auditEvents);
    expect(events.filter((event) => event.outcome === "created")).toHaveLength(ROWS);
    expect(events.filter((event) => event.outcome === "started")).toHaveLength(0);
  });
});
