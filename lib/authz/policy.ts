// Pure authorization rules: who counts as an inviter, and which roles an inviter may hand out.
// No I/O here, so every decision can be tested as a table.

export type Policy = {
  inviterRoles: string[];
  /** Role names, lowest first. */
  ranking: string[];
  /** Role names that may be assigned through this app at all. */
  assignable: string[];
  supportRole: string;
  /** A tenant role that may read support's trail across organizations, and do nothing else. */
  auditorRole: string;
};

export type Actor =
  | { kind: "member"; roleNames: string[] }
  | { kind: "support" };

export function holdsInviterRole(policy: Policy, roleNames: string[]): boolean {
  return roleNames.some((name) => policy.inviterRoles.includes(name));
}

export function isSupportStaff(policy: Policy, globalRoleNames: string[]): boolean {
  return globalRoleNames.includes(policy.supportRole);
}

/** Auditors read support's trail and nothing else; the role is a tenant role too. */
export function isAuditor(policy: Policy, globalRoleNames: string[]): boolean {
  return globalRoleNames.includes(policy.auditorRole);
}

/** The rank of the actor's highest ranked role (-1: none); support staff act for the top inviter. */
function ceilingRank(policy: Policy, actor: Actor): number {
  return actor.kind === "support" ? policy.ranking.length - 1 : Math.max(-1, ...actor.roleNames.map((name) => policy.ranking.indexOf(name)));
}

/** Ranked roles this app may hand out at all: assignable, and never the support role. */
function handedOut(policy: Policy): string[] {
  return policy.ranking.filter((name) => policy.assignable.includes(name) && name !== policy.supportRole);
}

/**
 * The role names this actor may assign: assignable, ranked, and at or below the actor's highest ranked role.
 * Support staff act for the organization's top inviter, so they may assign every ranked, assignable role.
 * The support role itself and unranked roles are never assignable.
 */
export function assignableRoleNames(policy: Policy, actor: Actor): string[] {
  const ceiling = ceilingRank(policy, actor);
  return handedOut(policy).filter((name) => policy.ranking.indexOf(name) <= ceiling);
}

/** Roles this app hands out that rank above the actor's own: shown to them as out of reach, never offered. */
export function rolesAboveCeiling(policy: Policy, actor: Actor): string[] {
  const ceiling = ceilingRank(policy, actor);
  return handedOut(policy).filter((name) => policy.ranking.indexOf(name) > ceiling);
}

/** Why a role or an invitation is out of the actor's reach, naming the role that sets their ceiling. */
export function ceilingReason(policy: Policy, actor: Actor): string {
  const own = policy.ranking[ceilingRank(policy, actor)];
  return own ? `above your own role (${own})` : "above the roles you hold";
}

/**
 * Who may tighten the organization's delegation policy: its administrators, those holding the top of the
 * ranking (Org Admin), and support staff, who act for the organization's top inviter.
 */
export function administersOrganization(policy: Policy, actor: Actor): boolean {
  const top = policy.ranking.at(-1);
  return actor.kind === "support" || (top !== undefined && actor.roleNames.includes(top));
}
