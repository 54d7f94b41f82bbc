// Our own invitation email, end to end against the emulator and its SMTP sink: with SMTP_URL set, the one send
// pipeline asks Auth0 not to email (`send_invitation_email: false`), keeps Auth0's link for the landing page,
// and queues our email on pg-boss; the sink receives it with the organization's branding and the /join link.
// A temporary refusal (451) is retried and then sent; a permanent one (550) is a bounce; attempts used up
// are a failure. Auth0 is called once per invitation, never for a retry. A delivery whose job a crash lost is
// re-queued by the recovery sweep and sent once; two attempts at once send one email; the attempts budget is
// the delivery's, across a re-queue.
import { eq } from "drizzle-orm";
import type { PgBoss } from "pg-boss";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { testContext } from "@/lib/testing/action-context";
import { ACME, control, useEmulator, SMTP_SINK_PORT } from "@/e2e/auth0-emulator/management/testing";
import type { MailMessage } from "@/e2e/auth0-emulator/tenant";

vi.mock("@/lib/env", async (importOriginal) => {
  const { SMTP_SINK_PORT: port } = await import("@/e2e/auth0-emulator/management/testing");
  return (await import("@/lib/testing/emulator-env")).emulatorEnv(await importOriginal(), { SMTP_URL: `smtp://127.0.0.1:${port}`, EMAIL_FROM: "Acme invitations <invitations@acme.test>" });
});
vi.mock("@/lib/db/store", async (importOriginal) => (await import("@/lib/testing/memory-store")).memoryStore(await importOriginal()));

useEmulator({ smtpPort: SMTP_SINK_PORT });
const { createInvitations } = await import("@/lib/invitations/create");
const { createInvitationsSchema } = await import("@/lib/schemas/invitation");
const { store } = await import("@/lib/db/store");
const { invitations } = await import("@/lib/db/schema");
const { jobBoss } = await import("@/lib/jobs/boss");
const { emailDeliveries } = await import("@/lib/ledger/table");
const { deliveriesOf, queueDelivery, recordAttempt } = await import("@/lib/ledger/email-deliveries");
const { attemptDelivery, recoverStrandedDeliveries, startInvitationEmailWorkerOn } = await import("./invitation-email");

const ACME_PORTAL = "AcmePortalClientId00000000000002";
const { ctx } = testContext(ACME, { kind: "member", roleNames: ["Org Admin"] }, {
  user: { id: "auth0|alice0000000000000000001", email: "alice@acme.test", name: "Alice Admin" },
});

let boss: PgBoss;
let stop: () => Promise<void>;
beforeAll(async () => {
  boss = await jobBoss();
  // Seconds between attempts rather than minutes; two retries.
  stop = await startInvitationEmailWorkerOn(boss, (await store()).db, { retryLimit: 2, retryDelaySeconds: 1 });
});
afterAll(async () => {
  await stop();
  await boss.stop({ graceful: false });
  for (const key of ["__managementClient", "__invitationWriteClient", "__jobBoss", "__emailQueue"]) delete (globalThis as Record<string, unknown>)[key];
});

type LogEntry = { method: string; path: string };
const invitationPosts = async () => ((await control("GET", "requests")).body as LogEntry[]).filter((r) => r.method === "POST" && r.path.endsWith("/invitations"));
const mailTo = async (email: string): Promise<MailMessage[]> => (await control("GET", `mailbox?to=${encodeURIComponent(email)}`)).body;

async function invite(email: string) {
  const [outcome] = await createInvitations(
    ctx,
    createInvitationsSchema.parse({ orgId: ACME, emails: email, clientId: ACME_PORTAL, roleIds: ["rol_Member0000000003"], inviterName: "Alice Admin", sendEmail: true }),
  );
  if (outcome?.status !== "created") throw new Error(`not created: ${JSON.stringify(outcome)}`);
  const { db } = await store();
  const [entry] = await db.select().from(invitations).where(eq(invitations.inviteeEmail, email));
  return entry!;
}

/** The invitation's one delivery once it has settled (sent, bounced or failed). */
async function settled(invitationId: string) {
  const { db } = await store();
  return vi.waitFor(
    async () => {
      const [delivery] = await deliveriesOf(db, invitationId);
      if (!delivery || delivery.status === "queued") throw new Error("still queued");
      return delivery;
    },
    { timeout: 30_000, interval: 100 },
  );
}

describe("our own invitation email", () => {
  it("asks Auth0 not to email, keeps its link, and sends ours, branded, linking to the landing page", async () => {
    const email = "own.email@example.test";
    const entry = await invite(email);
    // Auth0 made the invitation but sent nothing: its link is kept in the ledger for the landing page.
    const [made] = (await control("GET", "state")).body.invitations.filter((i: { invitee: { email: string } }) => i.invitee.email === email);
    expect(made).toBeDefined();
    expect(entry.invitationUrl).toBe(made.invitation_url);
    expect(entry.sendEmail).toBe(true);

    const delivery = await settled(entry.id);
    expect(delivery).toMatchObject({ kind: "invitation", status: "sent", attempts: 1, smtpResponse: expect.stringMatching(/^250/) });
    const mails = await mailTo(email);
    expect(mails.map((mail) => mail.sent_by)).toEqual(["app"]);
    const [mail] = mails;
    expect(mail).toMatchObject({ subject: "Alice Admin invited you to join Acme Corp", invitation_id: entry.id, organization_id: ACME, from: expect.stringContaining("invitations@acme.test") });
    expect(mail!.html).toContain("https://acme.test/logo.png");
    expect(mail!.html).toContain("#0b6e4f");
    expect(mail!.text).toContain("Acme Corp");
    expect(mail!.links).toEqual([expect.stringMatching(/^http:\/\/127\.0\.0\.1:3000\/join\/[A-Za-z0-9_-]{43}$/)]);
    expect(await invitationPosts()).toHaveLength(1);
  });

  it("tries again after a temporary refusal, and Auth0 is not called again", async () => {
    await control("POST", "smtp-answers", { codes: [451] });
    const entry = await invite("greylisted@example.test");
    const delivery = await settled(entry.id);
    expect(delivery).toMatchObject({ status: "sent", attempts: 2 });
    expect((await mailTo("greylisted@example.test")).map((mail) => mail.sent_by)).toEqual(["app"]);
    expect(await invitationPosts()).toHaveLength(1);
  });

  it("records a permanent refusal as a bounce, with the SMTP answer, and does not try again", async () => {
    await control("POST", "smtp-answers", { codes: [550, 250] });
    const entry = await invite("nobody@example.test");
    const delivery = await settled(entry.id);
    expect(delivery).toMatchObject({ status: "bounced", attempts: 1, smtpResponse: expect.stringContaining("550") });
    expect(await mailTo("nobody@example.test")).toEqual([]);
    expect(await invitationPosts()).toHaveLength(1);
  });

  it("gives up as failed once its attempts are used up", async () => {
    await control("POST", "smtp-answers", { codes: [421, 451, 452] });
    const entry = await invite("down@example.test");
    const delivery = await settled(entry.id);
    expect(delivery).toMatchObject({ status: "failed", attempts: 3, smtpResponse: expect.stringContaining("452") });
    expect(await mailTo("down@example.test")).toEqual([]);
    expect(await invitationPosts()).toHaveLength(1);
  });
});

describe("no delivery stranded, none sent twice", () => {
  const MINUTE = 60_000;
  const later = (minutes: number) => new Date(Date.now() + minutes * MINUTE);
  /** A reminder recorded but never queued: a crash between the ledger and pg-boss. */
  async function strandedReminder(email: string) {
    const entry = await invite(email);
    expect(await settled(entry.id)).toMatchObject({ status: "sent" });
    const { db } = await store();
    return { entry, db, deliveryId: await queueDelivery(db, entry.id, "reminder") };
  }

  it("re-queues a delivery whose job was lost, once it is overdue, and sends it once", async () => {
    const email = "lost.job@example.test";
    const { entry, db, deliveryId } = await strandedReminder(email);
    expect(await recoverStrandedDeliveries(boss, db, later(30))).toEqual([]);
    expect(await recoverStrandedDeliveries(boss, db, later(71))).toEqual([deliveryId]);
    expect(await settled(entry.id)).toMatchObject({ id: deliveryId, kind: "reminder", status: "sent", attempts: 1 });
    expect(await recoverStrandedDeliveries(boss, db, later(71))).toEqual([]);
    expect((await mailTo(email)).map((mail) => mail.subject)).toEqual([expect.stringContaining("invited you"), expect.stringContaining("Reminder")]);
  });

  it("sends one email when two attempts at one delivery run at once", async () => {
    const email = "two.jobs@example.test";
    const { db, deliveryId } = await strandedReminder(email);
    const statuses = await Promise.all([attemptDelivery(db, deliveryId, 3), attemptDelivery(db, deliveryId, 3)]);
    expect(statuses.sort()).toEqual(["sent", undefined]);
    expect(await mailTo(email)).toHaveLength(2);
  });

  it("does not re-queue a delivery waiting out its retry delay, nor one an attempt holds", async () => {
    const email = "backoff@example.test";
    const { entry, db, deliveryId } = await strandedReminder(email);
    // Queued long ago, last tried just now: its job is waiting to retry.
    await db.update(emailDeliveries).set({ queuedAt: new Date(Date.now() - 120 * MINUTE) }).where(eq(emailDeliveries.id, deliveryId));
    await recordAttempt(db, deliveryId, "queued", "451 greylisted");
    expect(await recoverStrandedDeliveries(boss, db, later(30))).toEqual([]);
    // Held by an attempt (its lease runs for minutes of the store's clock).
    await db.update(emailDeliveries).set({ leaseUntil: new Date(Date.now() + 5 * MINUTE) }).where(eq(emailDeliveries.id, deliveryId));
    expect(await recoverStrandedDeliveries(boss, db, later(71))).toEqual([]);
    await db.update(emailDeliveries).set({ leaseUntil: null }).where(eq(emailDeliveries.id, deliveryId));
    expect(await recoverStrandedDeliveries(boss, db, later(71))).toEqual([deliveryId]);
    expect(await settled(entry.id)).toMatchObject({ id: deliveryId, status: "sent", attempts: 2 });
    expect(await mailTo(email)).toHaveLength(2);
  });

  it("keeps the delivery's attempts budget across a re-queue", async () => {
    const email = "budget@example.test";
    const { entry, db, deliveryId } = await strandedReminder(email);
    // Two of its three attempts used before its job was lost.
    await recordAttempt(db, deliveryId, "queued", "421 try later");
    await recordAttempt(db, deliveryId, "queued", "451 try later");
    await control("POST", "smtp-answers", { codes: [452] });
    expect(await recoverStrandedDeliveries(boss, db, later(71))).toEqual([deliveryId]);
    expect(await settled(entry.id)).toMatchObject({ id: deliveryId, status: "failed", attempts: 3, smtpResponse: expect.stringContaining("452") });
    expect(await mailTo(email)).toHaveLength(1);
  });
});
