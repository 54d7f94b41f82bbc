// Whose notices a person still sees. Pure.

/** Where the person may still invite (support staff: anywhere). */
export type OrganizationScope = readonly string[] | "any";

/**
 * Notices from organizations where the person may still invite: someone removed from an organization, or no
 * longer an inviter there, is not shown who joined it since.
 */
export function withinScope<T extends { organizationId: string }>(notices: T[], organizations: OrganizationScope): T[] {
  return organizations === "any" ? notices : notices.filter((notice) => organizations.includes(notice.organizationId));
}
