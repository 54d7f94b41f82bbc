import "server-only";
import { rolesOfMember } from "@/lib/auth0/directory";
import type { BulkJob } from "@/lib/db/schema";
import type { InviterRecord } from "@/lib/ledger/ledger";
import { grantOrgAccess, type OrgAccess } from "./access";
import { roleCeiling, whyNoLongerAllowed, type RoleCeiling } from "./gate";
import type { Actor } from "./policy";

// INTERIM (lead's branch): replaced by the authority helper's version at merge.
export type JobAuthority = { access: OrgAccess; actor: Actor; ceiling: RoleCeiling; inviter: InviterRecord };

export async function reauthorizeJob(job: BulkJob, roleIds: string[]): Promise<{ ok: true; authority: JobAuthority } | { ok: false; why: string }> {
  const why = await whyNoLongerAllowed(job);
  if (why) return { ok: false, why };
  const actor: Actor = job.actorKind === "support" ? { kind: "support" } : { kind: "member", roleNames: (await rolesOfMember(job.organizationId, job.actorId)).map((role) => role.name) };
  const ceiling = await roleCeiling({ actor });
  if (!ceiling.covers(roleIds)) return { ok: false, why: "Its creator may no longer assign every role the job still sends." };
  return {
    ok: true,
    authority: {
      access: grantOrgAccess(job.organizationId),
      actor,
      ceiling,
      inviter: { actorId: job.actorId, actorEmail: job.actorEmail, actorName: job.actorName, actorKind: job.actorKind, reason: job.reason },
    },
  };
}
