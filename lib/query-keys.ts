// One key factory per entity, so a change invalidates exactly what it touched.
export const invitationKeys = {
  all: ["invitations"] as const,
  organization: (orgId: string) => [...invitationKeys.all, orgId] as const,
  list: (orgId: string, page: number, search: string) => [...invitationKeys.organization(orgId), { page, search }] as const,
};
