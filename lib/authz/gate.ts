import "server-only";
import type { SessionUser } from "@/lib/auth/session";
import { auth0ErrorParts } from "@/lib/auth0/errors";
import { globalRolesOfUser, rolesOfMember, tenantRoles, type RoleSummary } from "@/lib/auth0/directory";
import type { AuditAction } from "@/lib/audit/vocabulary";
import { grantOrgAccess, type OrgAccess } from "./access";
import { policyFromEnv } from "./policy-config";
import { administersOrganization, assignableRoleNames, ceilingReason, holdsInviterRole, isAuditor, isSupportStaff, rolesAboveCeiling, type Actor } from "./policy";
import { Refusal } from "./refusal";
import { rememberInviterRole } from "./role-hints";
import { activeEngagement } from "@/lib/support/engagements";

export type GateAction = AuditAction;

export type Authorized = OrgAccess & {
  user: SessionUser;
  actor: Actor;
  /** Support staff's stated reason for acting on behalf of the organization. */
  reason?: string;
  /** Support staff's engagement (the reason given in this sign-in session): work made under it lasts while it does. */
  engagementId?: number;
};

/** Roles of the user in the organization; none when Auth0 knows no such membership (404). */
export async function memberRoleNames(orgId: string, userId: string): Promise<string[]> {
  try {
    return (await rolesOfMember(orgId, userId)).map((role) => role.name);
  } catch (error) {
    if (auth0ErrorParts(error)?.status === 404) return [];
    throw error;
  }
}

export const NOT_ACTING =
  "Support staff must say why they act for this organization first: open it and give the reason (a ticket reference or a few words).";

/**
 * The one gate for an organization. Decides live, from the Management API, with at most two reads:
 * 1. the user's roles in the target organization. Auth0 keeps organization roles only on memberships,
 *    so holding an inviter role there proves both membership and the right to invite;
 * 2. otherwise, the user's tenant roles: support staff may act on behalf of any organization, once they
 *    have said why for this organization in this session (the reason is kept in our store).
 * The organization id is user input (URL or form) and is only ever used as the subject of these checks.
 */
export async function authorize(user: SessionUser | undefined, orgId: string): Promise<Authorized> {
  if (!user) throw new Refusal("unauthenticated", "Your session has ended. Sign in again.");
  const policy = policyFromEnv();

  const roleNames = await memberRoleNames(orgId, user.id);
  const inviter = holdsInviterRole(policy, roleNames);
  await rememberInviterRole(user.id, orgId, inviter);
  if (inviter) return { ...grantOrgAccess(orgId), user, actor: { kind: "member", roleNames } };

  const globalRoleNames = (await globalRolesOfUser(user.id)).map((role) => role.name);
  if (isSupportStaff(policy, globalRoleNames)) {
    const engagement = user.sessionId ? await activeEngagement(user.sessionId, orgId) : undefined;
    if (!engagement) throw new Refusal("not_acting", NOT_ACTING);
    return { ...grantOrgAccess(orgId), user, actor: { kind: "support" }, reason: engagement.reason, engagementId: engagement.id };
  }

  throw new Refusal(
    "not_inviter",
    roleNames.length > 0
      ? `You are a member of this organization but do not hold an inviter role (${policy.inviterRoles.join(" or ")}).`
      : `You may not invite into this organization: you are not one of its inviters (${policy.inviterRoles.join(" or ")}).`,
  );
}

/** Who may use the support desk: support staff, and for reading its trail, auditors. */
export type DeskActor = { kind: "support" } | { kind: "auditor" };
export type DeskAuthorized = { user: SessionUser; actor: DeskActor };

/** The gate for the support desk, which concerns no one organization: one read of the user's tenant roles. */
export async function authorizeDesk(user: SessionUser | undefined, { auditors }: { auditors: boolean }): Promise<DeskAuthorized> {
  if (!user) throw new Refusal("unauthenticated", "Your session has ended. Sign in again.");
  const policy = policyFromEnv();
  const globalRoleNames = (await globalRolesOfUser(user.id)).map((role) => role.name);
  if (isSupportStaff(policy, globalRoleNames)) return { user, actor: { kind: "support" } };
  if (auditors && isAuditor(policy, globalRoleNames)) return { user, actor: { kind: "auditor" } };
  throw new Refusal(
    "not_support",
    auditors
      ? `Only support staff (${policy.supportRole}) and auditors (${policy.auditorRole}) may see this.`
      : `Only support staff (${policy.supportRole}) may use the support desk.`,
  );
}

/**
 * The role at the top of the ranking (Org Admin unless configured otherwise): the organization must keep at
 * least one member holding it, or no one inside it could administer it any more.
 */
export function topRoleName(): string {
  return policyFromEnv().ranking.at(-1) ?? "";
}

/** Whether this actor may tighten the organization's delegation policy (and remove its tightenings). */
export function mayTightenPolicy({ actor }: { actor: Actor }): boolean {
  return administersOrganization(policyFromEnv(), actor);
}

/** Refuses, naming who may, anyone the organization's policy is not theirs to tighten. */
export function checkMayTightenPolicy(ctx: { actor: Actor }): void {
  if (!mayTightenPolicy(ctx)) {
    throw new Refusal("not_org_admin", `Only the organization's ${topRoleName()}s, and support acting for it, may tighten its delegation policy.`);
  }
}

/** Tenant roles with these names, in the order of the names (the ranking, lowest first, as the form lists them). */
async function rolesNamed(names: string[]): Promise<RoleSummary[]> {
  return (await tenantRoles()).filter((role) => names.includes(role.name)).sort((a, b) => names.indexOf(a.name) - names.indexOf(b.name));
}

/** The tenant roles this actor may hand out in an invitation (the role ceiling). */
export async function assignableRoles({ actor }: { actor: Actor }): Promise<RoleSummary[]> {
  return rolesNamed(assignableRoleNames(policyFromEnv(), actor));
}

/**
 * An actor's role ceiling: the roles they may assign, and whether it covers every role of an invitation; the
 * roles above it and why, so that a person sees what is out of their reach instead of it being hidden.
 */
export type RoleCeiling = { allowed: RoleSummary[]; above: RoleSummary[]; reason: string; covers: (roleIds: readonly string[]) => boolean };

/**
 * The one role-ceiling rule, for everything that grants, re-sends, revokes, approves or shows the link of an
 * invitation: an actor may touch only invitations whose every role they could have assigned themselves.
 */
export async function roleCeiling({ actor }: { actor: Actor }): Promise<RoleCeiling> {
  const policy = policyFromEnv();
  const [allowed, above] = await Promise.all([rolesNamed(assignableRoleNames(policy, actor)), rolesNamed(rolesAboveCeiling(policy, actor))]);
  const allowedIds = new Set(allowed.map((role) => role.id));
  return { allowed, above, reason: ceilingReason(policy, actor), covers: (roleIds) => roleIds.every((id) => allowedIds.has(id)) };
}

/** What a refused role assignment says: the roles refused, and those the actor may assign instead. */
export function notAssignable(refusedNames: string, allowed: RoleSummary[]): string {
  return `You may not assign ${refusedNames}. Choose among: ${allowed.map((r) => r.name).join(", ") || "no roles"}.`;
}

/**
 * Refuses role ids outside the actor's ceiling, naming them. `lead` says what was attempted when the roles
 * are an existing invitation's rather than the actor's choice.
 */
export async function checkRoleCeiling(ctx: Authorized, roleIds: string[], lead?: string): Promise<RoleSummary[]> {
  const { allowed, covers } = await roleCeiling(ctx);
  const refused = roleIds.filter((id) => !covers([id]));
  if (refused.length > 0) {
    const names = new Map((await tenantRoles()).map((role) => [role.id, role.name]));
    const refusedNames = refused.map((id) => names.get(id) ?? id).join(", ");
    throw lead
      ? new Refusal("role_not_assignable", `${lead} You may not assign ${refusedNames}.`)
      : new Refusal("role_not_assignable", notAssignable(refusedNames, allowed), "roleIds");
  }
  return allowed.filter((role) => roleIds.includes(role.id));
}
