import "server-only";
import { tenantRoles } from "@/lib/auth0/directory";
import type { BulkJob } from "@/lib/db/schema";
import { roleCeiling, type Authorized } from "./gate";

export type ControlDecision = { allowed: true } | { allowed: false; why: string };

type ControlledJob = Pick<BulkJob, "actorId" | "actorName">;

/**
 * Who may pause, resume, cancel or retry a bulk job: its creator, and anyone whose own role ceiling covers
 * every role the job grants (an Org Admin, support acting for the organization). Anyone else could set going
 * again, or stop, invitations above their own roles. Whoever presses, the job sends on its creator's
 * authority, checked again live (./job-authority.ts).
 */
export async function mayControlJob(ctx: Authorized, job: ControlledJob, jobRoleIds: readonly string[]): Promise<ControlDecision> {
  if (ctx.user.id === job.actorId) return { allowed: true };
  const { covers } = await roleCeiling(ctx);
  const above = jobRoleIds.filter((id) => !covers([id]));
  if (above.length === 0) return { allowed: true };
  const names = new Map((await tenantRoles()).map((role) => [role.id, role.name]));
  return {
    allowed: false,
    why: `Only its creator, ${job.actorName}, or someone who may assign every role it grants can pause, resume, cancel or retry this job: it grants ${above.map((id) => names.get(id) ?? id).join(", ")}, which you may not assign.`,
  };
}

/**
 * Who may send a previewed list: only who previewed it. The preview is theirs: its rows were checked against
 * their ceiling and their choices, and sending it starts a job on their authority.
 */
export function mayStartJob(ctx: Authorized, job: ControlledJob): ControlDecision {
  return ctx.user.id === job.actorId
    ? { allowed: true }
    : { allowed: false, why: "Only the person who previewed this list can send it. Preview the list yourself to send it." };
}
