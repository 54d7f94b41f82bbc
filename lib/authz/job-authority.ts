import "server-only";
import { isRefusedByAuth0Now } from "@/lib/auth0/blocked";
import { globalRolesOfUser, tenantRoles } from "@/lib/auth0/directory";
import type { BulkJob } from "@/lib/db/schema";
import type { InviterRecord } from "@/lib/ledger/ledger";
import { engagementHolds } from "@/lib/support/engagements";
import { grantOrgAccess, type OrgAccess } from "./access";
import { memberRoleNames, roleCeiling, type Authorized, type RoleCeiling } from "./gate";
import { policyFromEnv } from "./policy-config";
import { holdsInviterRole, isSupportStaff, type Actor } from "./policy";

// The authority of work that outlives the request that made it (a bulk job): its creator's, read again live
// from Auth0 before the work goes on, against what it will do (the roles it still grants).

/** What a job remembers of its creator. */
export type JobCreator = Pick<BulkJob, "organizationId" | "actorId" | "actorEmail" | "actorName" | "actorKind" | "reason" | "engagementId">;

/** The creator's authority as it stands now: the grant for the organization, who they are, and their ceiling. */
export type JobAuthority = { access: OrgAccess; actor: Actor; ceiling: RoleCeiling; inviter: InviterRecord };

export type Reauthorized = { ok: true; authority: JobAuthority } | { ok: false; why: string };

const no = (why: string): Reauthorized => ({ ok: false, why });

/** How a refusal names the person whose authority is read again, and what to do about it. */
export type AuthorityWords = {
  /** "Its creator, Ivan Inviter," */
  subject: (name: string) => string;
  /** What follows a lost authority that can be given back ("Give it back"): "… and resume the job, or cancel it." */
  remedy: (restore: string) => string;
  /** Said when a support agent's engagement is over. */
  engagementOver: string;
  /** Said when nothing can be given back. */
  giveUp: string;
};

const JOB_WORDS: AuthorityWords = {
  subject: (name) => `Its creator, ${name},`,
  remedy: (restore) => `${restore} and resume the job, or cancel it.`,
  engagementOver: "To go on, they act for it again with a reason and resume the job.",
  giveUp: "Cancel the job.",
};

/**
 * Whether the job may go on sending `roleIds` on its creator's behalf, read live (nothing cached):
 * - the creator is not blocked in Auth0 (nor deleted);
 * - a member still holds an inviter role in the organization, and their ceiling now covers every role the
 *   job still grants (an Org Admin demoted to Inviter stops a job of Org Admin rows);
 * - support staff still hold the support role, and the engagement the job was made under still holds: not
 *   stopped, and its sign-in session not signed out, idle or too old. A session that timed out is as over as
 *   one signed out, though nothing marked its engagement ended, and its agent can no longer stop acting.
 *   Work that kept no engagement (`engagementId` undefined, a request for approval) is not held to one.
 * Says why not in words a person can act on. An Auth0 failure other than "no such user" is thrown: the
 * answer is unknown, not no. Approving a request reads its requester's authority the same way.
 */
export async function reauthorizeJob(job: JobCreator | (Omit<JobCreator, "engagementId"> & { engagementId?: undefined }), roleIds: readonly string[], words: AuthorityWords = JOB_WORDS): Promise<Reauthorized> {
  const creator = words.subject(job.actorName);
  if (await isRefusedByAuth0Now(job.actorId)) {
    return no(`${creator} is blocked in Auth0 (or no longer exists there). ${words.remedy("Unblock them")}`);
  }
  const policy = policyFromEnv();
  let actor: Actor;
  if (job.actorKind === "member") {
    const roleNames = await memberRoleNames(job.organizationId, job.actorId);
    if (!holdsInviterRole(policy, roleNames)) {
      return no(`${creator} no longer holds an inviter role (${policy.inviterRoles.join(" or ")}) in this organization. ${words.remedy("Give it back")}`);
    }
    actor = { kind: "member", roleNames };
  } else if (job.actorKind === "support") {
    const globalRoleNames = (await globalRolesOfUser(job.actorId)).map((role) => role.name);
    if (!isSupportStaff(policy, globalRoleNames)) {
      return no(`${creator} no longer holds the support role (${policy.supportRole}). ${words.remedy("Give it back")}`);
    }
    if (job.engagementId !== undefined && (!job.engagementId || !(await engagementHolds(job.engagementId, job)))) {
      return no(`${creator} no longer acts for this organization as support: they stopped acting for it, or their sign-in session ended. ${words.engagementOver}`);
    }
    actor = { kind: "support" };
  } else {
    return no(`${creator} acted as "${job.actorKind}", which this app does not know. ${words.giveUp}`);
  }

  const ceiling = await roleCeiling({ actor });
  const above = roleIds.filter((id) => !ceiling.covers([id]));
  if (above.length > 0) {
    const names = new Map((await tenantRoles()).map((role) => [role.id, role.name]));
    const held = actor.kind === "member" ? ` (their roles now: ${actor.roleNames.join(", ") || "none"})` : "";
    return no(`${creator} may no longer assign ${above.map((id) => names.get(id) ?? id).join(", ")}${held}. ${words.remedy("Give them the role back")}`);
  }
  const { actorId, actorEmail, actorName, reason } = job;
  return { ok: true, authority: { access: grantOrgAccess(job.organizationId), actor, ceiling, inviter: { actorId, actorEmail, actorName, actorKind: actor.kind, reason } } };
}

/**
 * What a job's support creator brings when they start, resume or retry it themselves: the engagement they act
 * under now, and its reason, under which the job then runs. A stopped agent's job can so go on once they act
 * for the organization again; anyone else's press changes nothing (the job keeps its creator's authority).
 */
export function creatorsEngagement(ctx: Authorized, job: Pick<BulkJob, "actorId" | "actorKind">): Pick<BulkJob, "engagementId" | "reason"> | undefined {
  if (job.actorKind !== "support" || ctx.actor.kind !== "support" || ctx.user.id !== job.actorId || !ctx.engagementId) return undefined;
  return { engagementId: ctx.engagementId, reason: ctx.reason ?? null };
}
