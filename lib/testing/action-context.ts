// An ActionContext for tests of the data-access layer: the gate's grant, and the events its `audit` records,
// kept in an array. (Invitation writes are recorded by the send pipeline in the store itself.)
import { vi } from "vitest";
import type { ActionContext, AuditFields } from "@/lib/authz/action";
import { grantOrgAccess } from "@/lib/authz/access";
import type { Actor } from "@/lib/authz/policy";

export type TrailEntry = Partial<AuditFields> & { outcome: string };

export function testContext(orgId: string, actor: Actor, extra: { reason?: string; user?: ActionContext["user"] } = {}) {
  const trail: TrailEntry[] = [];
  const ctx: ActionContext = {
    ...grantOrgAccess(orgId),
    user: extra.user ?? { id: "auth0|tester", email: "tester@example.test", name: "Tester" },
    actor,
    reason: extra.reason,
    audit: vi.fn(async (fields) => {
      trail.push({ ...fields });
    }),
  };
  return { ctx, trail };
}
