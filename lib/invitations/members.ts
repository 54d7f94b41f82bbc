import "server-only";
import { tenantRoles } from "@/lib/auth0/directory";
import { listMembers } from "@/lib/auth0/organization-data";
import { eventParts } from "@/lib/audit/describe";
import { roleCeiling, type Authorized } from "@/lib/authz/gate";
import { latestMemberChanges } from "@/lib/db/audit";
import { store } from "@/lib/db/store";
import { pageWindow } from "@/lib/format/paging";
import { acceptedInvitationsTo } from "@/lib/ledger/ledger";

export const MEMBERS_PER_PAGE = 25;

export type MemberRow = {
  userId: string;
  email: string;
  /** Auth0's name when it says more than the address (Auth0 fills `name` with the email when it has none). */
  name: string;
  roles: { id: string; name: string }[];
  /** Whether the viewer's ceiling covers every role the member holds: only then may they change or remove them. */
  changeable: boolean;
  /** The latest change (or attempt) to this membership made through this app, as the trail says it. */
  lastChange?: { lead: string; ending?: string; at: string };
  /** For members who joined through an invitation this app knows: who sent it, and when they accepted. */
  invitedBy?: { name: string; invitedAt: string; acceptedAt: string; inferred: boolean };
};

const MEMBER_CHANGES = ["change_member_roles", "remove_member"];

/**
 * The organization's members with their roles (one Management API call per 100 members), searched by
 * email or name and filtered by role here, and for those who joined through an invitation, who invited them.
 */
export async function membersView(ctx: Authorized, query: { search?: string; roleId?: string; page: number }) {
  const [members, roles, ceiling] = await Promise.all([listMembers(ctx), tenantRoles(), roleCeiling(ctx)]);
  const search = query.search?.toLowerCase();
  const matching = members
    .filter((member) => !query.roleId || member.roles?.some((role) => role.id === query.roleId))
    .filter((member) => !search || member.email?.toLowerCase().includes(search) || member.name?.toLowerCase().includes(search))
    .sort((a, b) => (a.email ?? "").localeCompare(b.email ?? ""));
  const { page, pages, offset } = pageWindow(matching.length, MEMBERS_PER_PAGE, query.page);
  const shown = matching.slice(offset, offset + MEMBERS_PER_PAGE);

  const emails = shown.map((member) => member.email?.toLowerCase() ?? "").filter(Boolean);
  const { db } = await store();
  const [accepted, changes] = await Promise.all([
    acceptedInvitationsTo(db, ctx, emails),
    latestMemberChanges(db, ctx, shown.map((member) => member.email ?? "").filter(Boolean), MEMBER_CHANGES),
  ]);
  const roleName = new Map(roles.map((role) => [role.id, role.name]));

  const rows: MemberRow[] = shown.map((member) => {
    const invitation = accepted.find((entry) => entry.statusById === member.user_id) ?? accepted.find((entry) => entry.inviteeEmail === member.email?.toLowerCase());
    const memberRoles = (member.roles ?? []).map((role) => ({ id: role.id ?? "", name: role.name ?? roleName.get(role.id ?? "") ?? role.id ?? "" }));
    const change = changes.find((event) => event.inviteeEmail === member.email);
    return {
      userId: member.user_id ?? "",
      email: member.email ?? "",
      name: member.name && member.name !== member.email ? member.name : "",
      roles: memberRoles,
      changeable: ceiling.covers(memberRoles.map((role) => role.id)),
      ...(change && { lastChange: { ...eventParts(change), at: change.occurredAt.toISOString() } }),
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
  return { rows, page, pages, total: matching.length, assignable: ceiling.allowed, rolesAbove: ceiling.above, ceilingReason: ceiling.reason, roles };
}
