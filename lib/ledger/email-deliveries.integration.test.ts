// A delivery's claim and the recovery sweep's choice, on both stores: of two attempts claiming one queued
// delivery at once, one wins; a settled or held delivery is not claimed; recording the attempt lets it go; a
// delivery is stranded only once nothing has tried it for a while and no attempt holds it.
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Store } from "@/lib/db/store";
import { storeCases } from "@/lib/testing/stores";
import { claimDelivery, queueDelivery, recordAttempt, strandedDeliveries } from "./email-deliveries";
import { emailDeliveries, invitations } from "./table";

const MINUTE = 60_000;
const minutesFromNow = (minutes: number) => new Date(Date.now() + minutes * MINUTE);

describe.each(await storeCases("inviter_unit_email_deliveries"))("email deliveries on the $name store", ({ open }) => {
  let store: Store;
  beforeAll(async () => {
    store = await open();
  });
  afterAll(async () => {
    await store.close();
  });

  let serial = 0;
  /** A queued delivery of a new ledger invitation, as sendInvitationEmail records it. */
  async function queued(): Promise<number> {
    const id = `uinv_delivery${++serial}`;
    const now = new Date();
    await store.db.insert(invitations).values({
      id, organizationId: "org_acme", inviteeEmail: `${id}@example.test`, clientId: "client", inviterName: "Alice",
      createdAt: now, expiresAt: minutesFromNow(7 * 24 * 60), origin: "app", status: "pending", statusAt: now,
    });
    return queueDelivery(store.db, id, "invitation");
  }
  const setTimes = (id: number, times: Partial<typeof emailDeliveries.$inferInsert>) => store.db.update(emailDeliveries).set(times).where(eq(emailDeliveries.id, id));

  it("lets one of two attempts at once claim a delivery, and the next only after the first is recorded", async () => {
    const id = await queued();
    const claims = await Promise.all([claimDelivery(store.db, id), claimDelivery(store.db, id)]);
    expect(claims.filter(Boolean).map((claim) => claim!.delivery.id)).toEqual([id]);
    expect(await claimDelivery(store.db, id)).toBeUndefined();
    await recordAttempt(store.db, id, "queued", "451 try later");
    expect(await claimDelivery(store.db, id)).toMatchObject({ delivery: { id, attempts: 1 }, invitation: { status: "pending" } });
    await recordAttempt(store.db, id, "sent", "250 OK");
    expect(await claimDelivery(store.db, id)).toBeUndefined();
  });

  it("lets a new attempt claim a delivery whose attempt's lease ran out (it crashed)", async () => {
    const id = await queued();
    expect(await claimDelivery(store.db, id)).toBeDefined();
    await setTimes(id, { leaseUntil: minutesFromNow(-1) });
    expect(await claimDelivery(store.db, id)).toBeDefined();
  });

  it("finds a delivery stranded only when untried for long and not held", async () => {
    const fresh = await queued();
    const retrying = await queued();
    const held = await queued();
    const lost = await queued();
    const long = minutesFromNow(-120);
    await setTimes(retrying, { queuedAt: long, attemptedAt: minutesFromNow(-10) });
    await setTimes(held, { queuedAt: long, leaseUntil: minutesFromNow(5) });
    await setTimes(lost, { queuedAt: long });
    const before = minutesFromNow(-70);
    const stranded = await strandedDeliveries(store.db, before);
    expect(stranded).toContain(lost);
    expect(stranded).not.toContain(fresh);
    expect(stranded).not.toContain(retrying);
    expect(stranded).not.toContain(held);
    await recordAttempt(store.db, lost, "sent", "250 OK");
    expect(await strandedDeliveries(store.db, before)).not.toContain(lost);
  });
});
