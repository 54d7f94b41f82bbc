import "server-only";
import { tenantRoles } from "@/lib/auth0/directory";
import { eventParts } from "@/lib/audit/describe";
import { roleCeiling, type Authorized } from "@/lib/authz/gate";
import { latestMemberChanges } from "@/lib/db/audit";
import { store } from "@/lib/db/store";
import { acceptedInvitationsTo } from "@/lib/ledger/ledger";
import { logger } from "@/lib/log/logger";
import { membersCopyPage } from "@/lib/members/copy";
import {
  ensureMembersCopy,
  membersFreshness,
  membersPollSeconds,
  membersRefreshDue,
  requestMembersRefresh,
  type MembersFreshness,
} from "@/lib/members/refresh";

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
 * Asks the background for a refresh when the copy is older than MEMBERS_REFRESH_AFTER_SECONDS, without
 * waiting for it; a queue that cannot take the request leaves the page as it is (the next view asks again).
 */
async function refreshIfDue(ctx: Authorized, freshness: MembersFreshness): Promise<MembersFreshness> {
  if (!membersRefreshDue(freshness)) return freshness;
  try {
    await requestMembersRefresh(ctx);
    return { ...freshness, refreshing: true };
  } catch (error) {
    logger().error({ err: error }, "asking for a members refresh failed");
    return freshness;
  }
}

/**
 * The organization's members with their roles, searched by email or name, filtered by role and paged in
 * SQL over the store's copy (lib/members/), and for those who joined through an invitation, who invited
 * them. No Auth0 call once the copy is filled; an organization never filled is filled first (the page
 * waits: one call per 100 members).
 */
export async function membersView(ctx: Authorized, query: { search?: string; roleId?: string; page: number }) {
  const { db } = await store();
  await ensureMembersCopy(db, ctx);
  const [{ rows: members, total, page, pages }, roles, ceiling, freshness] = await Promise.all([
    membersCopyPage(db, ctx, query),
    tenantRoles(),
    roleCeiling(ctx),
    membersFreshness(db, ctx),
  ]);
  const emails = members.map((member) => member.email);
  const [accepted, changes] = await Promise.all([
    acceptedInvitationsTo(db, ctx, emails.map((email) => email.toLowerCase())),
    latestMemberChanges(db, ctx, emails, MEMBER_CHANGES),
  ]);
  const roleName = new Map(roles.map((role) => [role.id, role.name]));

  const rows: MemberRow[] = members.map((member) => {
    const invitation = accepted.find((entry) => entry.statusById === member.userId) ?? accepted.find((entry) => entry.inviteeEmail === member.email.toLowerCase());
    const memberRoles = member.roleIds.map((id) => ({ id, name: roleName.get(id) ?? id }));
    const change = changes.find((event) => event.inviteeEmail === member.email);
    return {
      userId: member.userId,
      email: member.email,
      name: member.name,
      roles: memberRoles,
      changeable: ceiling.covers(member.roleIds),
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
  return {
    rows,
    page,
    pages,
    total,
    freshness: await refreshIfDue(ctx, freshness),
    pollSeconds: membersPollSeconds(),
    assignable: ceiling.allowed,
    rolesAbove: ceiling.above,
    ceilingReason: ceiling.reason,
    roles,
  };
}

/** How current the organization's copy of its members is, for the page's poll (the store only). */
export async function membersViewFreshness(ctx: Authorized): Promise<MembersFreshness> {
  const { db } = await store();
  return membersFreshness(db, ctx);
}
