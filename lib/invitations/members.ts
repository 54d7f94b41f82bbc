import "server-only";
import { tenantRoles } from "@/lib/auth0/directory";
import { listMembers } from "@/lib/auth0/organization-data";
import type { Authorized } from "@/lib/authz/gate";
import { store } from "@/lib/db/store";
import { pageWindow } from "@/lib/format/paging";
import { acceptedInvitationsTo } from "@/lib/ledger/ledger";

export const MEMBERS_PER_PAGE = 25;

export type MemberRow = {
  userId: string;
  email: string;
  name: string;
  roles: string[];
  /** For members who joined through an invitation this app knows: who sent it, and when they accepted. */
  invitedBy?: { name: string; invitedAt: string; acceptedAt: string; inferred: boolean };
};

/**
 * The organization's members with their roles (one Management API call per 100 members), searched by
 * email or name here, and for those who joined through an invitation, who invited them.
 */
export async function membersView(ctx: Authorized, query: { search?: string; page: number }) {
  const [members, roles] = await Promise.all([listMembers(ctx), tenantRoles()]);
  const search = query.search?.toLowerCase();
  const matching = members
    .filter((member) => !search || member.email?.toLowerCase().includes(search) || member.name?.toLowerCase().includes(search))
    .sort((a, b) => (a.email ?? "").localeCompare(b.email ?? ""));
  const { page, pages, offset } = pageWindow(matching.length, MEMBERS_PER_PAGE, query.page);
  const shown = matching.slice(offset, offset + MEMBERS_PER_PAGE);

  const emails = shown.map((member) => member.email?.toLowerCase() ?? "").filter(Boolean);
  const { db } = await store();
  const accepted = await acceptedInvitationsTo(db, ctx, emails);
  const roleName = new Map(roles.map((role) => [role.id, role.name]));

  const rows: MemberRow[] = shown.map((member) => {
    const invitation = accepted.find((entry) => entry.statusById === member.user_id) ?? accepted.find((entry) => entry.inviteeEmail === member.email?.toLowerCase());
    return {
      userId: member.user_id ?? "",
      email: member.email ?? "",
      name: member.name ?? "",
      roles: (member.roles ?? []).map((role) => role.name ?? roleName.get(role.id ?? "") ?? role.id ?? ""),
      ...(invitation && {
        invitedBy: {
          name: invitation.actorName ?? `${invitation.inviterName} (outside this app)`,
          invitedAt: invitation.createdAt.toISOString(),
          acceptedAt: invitation.statusAt.toISOString(),
          inferred: invitation.statusInferred,
        },
      }),
    };
  });
  return { rows, page, pages, total: matching.length };
}
