// Pure membership rules: what a role change adds and removes, and whether a change would leave the
// organization without an administrator. No I/O here, so each rule is tested as a table.

export type MemberRoles = { userId: string; roleIds: readonly string[] };

/** The roles to assign and to take away to go from `current` to `wanted`. */
export function roleDifference(current: readonly string[], wanted: readonly string[]): { added: string[]; removed: string[] } {
  return { added: wanted.filter((id) => !current.includes(id)), removed: current.filter((id) => !wanted.includes(id)) };
}

/**
 * Whether giving `userId` the roles `after` (null: removing them) leaves no member holding `adminRoleId`,
 * when they held it before. Counting every member, not the actor, makes "the last Org Admin removes
 * themselves" and "demotes the last one" the same refusal.
 */
export function leavesNoAdmin(members: readonly MemberRoles[], adminRoleId: string, userId: string, after: readonly string[] | null): boolean {
  const target = members.find((member) => member.userId === userId);
  if (!target?.roleIds.includes(adminRoleId) || after?.includes(adminRoleId)) return false;
  return !members.some((member) => member.userId !== userId && member.roleIds.includes(adminRoleId));
}
