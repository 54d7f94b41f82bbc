import "server-only";
import { and, eq } from "drizzle-orm";
import type { OrgAccess } from "@/lib/authz/access";
import { recordAuditEvent } from "@/lib/db/audit";
import { policyTightenings, type NewAuditEvent, type PolicyTightening } from "@/lib/db/schema";
import type { Database } from "@/lib/db/store";
import type { PolicyLimit } from "./format";

// The store of the organization admins' tightenings: only this module reads or writes `policy_tightenings`.
// A change and its record in the trail are written in one transaction, so no change goes unrecorded.

export async function tighteningRows(db: Database, access: OrgAccess): Promise<PolicyTightening[]> {
  return db.select().from(policyTightenings).where(eq(policyTightenings.organizationId, access.orgId));
}

/** The trail's row of a change, its actor and organization filled in; its detail says old → new. */
export type ChangeRecord = Omit<NewAuditEvent, "detail"> & { organizationId: string };

/**
 * Sets (`value`) or removes (undefined) one limit's tightening, deciding from the row as it stands, locked
 * against a concurrent change: `decide` throws to refuse and change nothing, or returns the trail's detail.
 */
export async function changeTightening(
  db: Database,
  change: ChangeRecord & { limit: PolicyLimit },
  decide: (current: PolicyTightening | undefined) => { value: string | undefined; detail: string },
): Promise<void> {
  const { limit, ...event } = change;
  const where = and(eq(policyTightenings.organizationId, event.organizationId), eq(policyTightenings.limit, limit));
  await db.transaction(async (tx) => {
    const [current] = await tx.select().from(policyTightenings).where(where).for("update");
    const { value, detail } = decide(current);
    if (value === undefined) {
      await tx.delete(policyTightenings).where(where);
    } else {
      const row = { value, setById: event.actorId, setByEmail: event.actorEmail, setByName: event.actorName, setAt: new Date() };
      await tx
        .insert(policyTightenings)
        .values({ organizationId: event.organizationId, limit, ...row })
        .onConflictDoUpdate({ target: [policyTightenings.organizationId, policyTightenings.limit], set: row });
    }
    await recordAuditEvent(tx as unknown as Database, { ...event, detail });
  });
}
