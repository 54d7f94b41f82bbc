// Who may control a bulk job and see its links, through the functions its page, route and actions call, on
// both stores: the tenant's roles come from the emulator, as the app reads them.
import { eq, sql } from "drizzle-orm";
import Papa from "papaparse";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { ACME, useEmulator } from "@/e2e/auth0-emulator/management/testing";
import type { Store } from "@/lib/db/store";
import { testContext } from "@/lib/testing/action-context";

const current = vi.hoisted(() => ({ store: undefined as Store | undefined }));
vi.mock("@/lib/db/store", async () => {
  const actual = await vi.importActual<typeof import("@/lib/db/store")>("@/lib/db/store");
  return { ...actual, store: async () => current.store! };
});
vi.mock("@/lib/env", async (importOriginal) => (await import("@/lib/testing/emulator-env")).emulatorEnv(await importOriginal()));

useEmulator();
const { storeCases } = await import("@/lib/testing/stores");
const jobs = await import("./organization-jobs");
const { jobOf, startJob } = await import("./jobs");
const { bulkJobs, bulkRows } = await import("@/lib/db/schema");

const ORG_ADMIN = "rol_OrgAdmin00000001";
const MEMBER = "rol_Member0000000003";
const ROLE_NAMES: Record<string, string> = { [ORG_ADMIN]: "Org Admin", [MEMBER]: "Member" };
const person = (name: string) => ({ id: `auth0|${name.toLowerCase()}`, email: `${name.toLowerCase()}@acme.test`, name });
const alice = testContext(ACME, { kind: "member", roleNames: ["Org Admin"] }, { user: person("Alice") }).ctx;
const ivan = testContext(ACME, { kind: "member", roleNames: ["Inviter"] }, { user: person("Ivan") }).ctx;
const otherAdmin = testContext(ACME, { kind: "member", roleNames: ["Org Admin"] }, { user: person("Olga") }).ctx;
/** Sam (support) acting for Acme under the engagement numbered so, with its reason. */
const sam = (engagementId: number) => ({ ...testContext(ACME, { kind: "support" }, { user: person("Sam"), reason: `T-${engagementId}` }).ctx, engagementId });
const settings = { clientId: "AcmePortalClientId00000000000002", ttlSeconds: 86_400, sendEmail: false, inviterName: "Acme" };

/** A started job of the creator's, one row per role set, sent without email. */
async function jobOfRoles(creator: typeof alice, ...roleSets: string[][]) {
  const rows = roleSets.map((roleIds, i) => ({ line: i + 1, email: `row${i}@example.test`, roleIds, roleNames: roleIds.map((id) => ROLE_NAMES[id]!), state: "queued" as const }));
  const jobId = await jobs.createDraftBulkJob(creator, settings, rows);
  await startJob(current.store!.db, creator, jobId);
  return jobId;
}

const status = async (jobId: string) => (await jobOf(current.store!.db, alice, jobId)).status;
const CONTROLS = ["pauseBulkJob", "resumeBulkJob", "cancelBulkJob", "retryFailedBulkRows"] as const;

const cases = await storeCases("inviter_unit_job_controls");

describe.each(cases)("bulk job controls on the $name store", ({ open }) => {
  let store: Store;
  beforeAll(async () => {
    store = current.store = await open();
  });
  afterAll(async () => {
    await store.close();
  });
  beforeEach(async () => {
    await store.db.execute(sql`TRUNCATE bulk_jobs, bulk_rows`);
  });

  it("refuses every control to an Inviter on an Org Admin's job that grants Org Admin, and changes nothing", async () => {
    const jobId = await jobOfRoles(alice, [MEMBER], [ORG_ADMIN]);
    await store.db.update(bulkJobs).set({ status: "paused" }).where(eq(bulkJobs.id, jobId));
    await store.db.update(bulkRows).set({ state: "failed", detail: "Auth0 said no." }).where(eq(bulkRows.line, 1));
    for (const control of CONTROLS) {
      await expect(jobs[control](ivan, jobId)).rejects.toMatchObject({
        code: "role_not_assignable",
        message: expect.stringContaining("Only its creator, Alice, or someone who may assign every role it grants"),
      });
    }
    expect(await status(jobId)).toBe("paused");
    expect((await store.db.select().from(bulkRows).where(eq(bulkRows.jobId, jobId))).map((row) => row.state).sort()).toEqual(["failed", "queued"]);
    expect(await jobs.bulkJobControls(ivan, jobId)).toMatchObject({ allowed: false });
  });

  it("lets the creator, another Org Admin and support acting for the organization control it", async () => {
    const jobId = await jobOfRoles(alice, [ORG_ADMIN]);
    expect((await jobs.pauseBulkJob(alice, jobId)).status).toBe("paused");
    expect((await jobs.resumeBulkJob(otherAdmin, jobId)).status).toBe("running");
    expect((await jobs.pauseBulkJob(sam(1), jobId)).status).toBe("paused");
    for (const ctx of [alice, otherAdmin, sam(1)]) expect(await jobs.bulkJobControls(ctx, jobId)).toEqual({ allowed: true });
  });

  it("lets an Inviter control another's job that grants nothing above his roles", async () => {
    const jobId = await jobOfRoles(alice, [MEMBER], []);
    expect((await jobs.pauseBulkJob(ivan, jobId)).status).toBe("paused");
    expect((await jobs.cancelBulkJob(ivan, jobId)).status).toBe("cancelled");
  });

  it("moves a support agent's job to the engagement they act under when they resume it themselves, and only then", async () => {
    const jobId = await jobOfRoles(sam(1), [MEMBER]);
    expect(await jobOf(store.db, alice, jobId)).toMatchObject({ engagementId: 1, reason: "T-1" });
    await jobs.pauseBulkJob(sam(1), jobId);
    await jobs.resumeBulkJob(sam(2), jobId);
    expect(await jobOf(store.db, alice, jobId)).toMatchObject({ engagementId: 2, reason: "T-2" });
    await jobs.pauseBulkJob(alice, jobId);
    await jobs.resumeBulkJob(alice, jobId);
    expect(await jobOf(store.db, alice, jobId)).toMatchObject({ engagementId: 2, reason: "T-2" });
  });

  it("gives the results' links only to a viewer whose ceiling covers each row's roles", async () => {
    const jobId = await jobOfRoles(alice, [MEMBER], [ORG_ADMIN, MEMBER]);
    await store.db.execute(sql`update bulk_rows set state = 'sent', invitation_id = 'uinv_' || line, invitation_url = 'https://login.acme.test/login?invitation=ticket' || line where job_id = ${jobId}`);
    const links = async (ctx: typeof alice) => Papa.parse<string[]>((await jobs.bulkJobResultsCsv(ctx, jobId)).trim()).data.slice(1).map((record) => record.at(-1));
    expect(await links(alice)).toEqual(["https://login.acme.test/login?invitation=ticket1", "https://login.acme.test/login?invitation=ticket2"]);
    expect(await links(ivan)).toEqual(["https://login.acme.test/login?invitation=ticket1", ""]);
    expect(await jobs.bulkJobLinksWithinCeiling(alice, jobId)).toBe(true);
    expect(await jobs.bulkJobLinksWithinCeiling(ivan, jobId)).toBe(false);
  });
});
