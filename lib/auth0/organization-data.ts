import "server-only";
import type { Management } from "auth0";
import type { OrgAccess } from "@/lib/authz/access";
import { auth0ErrorParts } from "./errors";
import { management } from "./management";

// An organization's invitations and members, read and written through the Management API. Each function
// takes the gate's authorization (`OrgAccess`), never a bare organization id, so none can run ungated.

export type { OrgAccess };
export type Auth0Invitation = Management.OrganizationInvitation;
export type Auth0Member = Management.OrganizationMember;
export type NewInvitation = Management.CreateOrganizationInvitationRequestContent;

/** Auth0 serves at most 1000 invitations per organization (page × per_page), 100 a page. */
const INVITATION_PAGES = 10;
const PAGE_SIZE = 100;

/** Every invitation Auth0 will list for the organization, newest first. */
export async function listInvitations(access: OrgAccess): Promise<Auth0Invitation[]> {
  const all: Auth0Invitation[] = [];
  for (let page = 0; page < INVITATION_PAGES; page++) {
    const { data } = await management().organizations.invitations.list(access.orgId, { page, per_page: PAGE_SIZE, sort: "created_at:-1" });
    all.push(...data);
    if (data.length < PAGE_SIZE) break;
  }
  return all;
}

/** One invitation, read through the organization's own path (so another organization's id finds nothing); undefined when gone. */
export async function getInvitation(access: OrgAccess, invitationId: string): Promise<Auth0Invitation | undefined> {
  try {
    return await management().organizations.invitations.get(access.orgId, invitationId);
  } catch (error) {
    if (auth0ErrorParts(error)?.status === 404) return undefined;
    throw error;
  }
}

export function createInvitation(access: OrgAccess, invitation: NewInvitation): Promise<Auth0Invitation> {
  return management().organizations.invitations.create(access.orgId, invitation);
}

export async function deleteInvitation(access: OrgAccess, invitationId: string): Promise<void> {
  await management().organizations.invitations.delete(access.orgId, invitationId);
}

/**
 * Every member with their roles: one call per 100 members (`fields=…roles` needs
 * read:organization_member_roles), by checkpoint paging, which reaches past Auth0's 1000-record limit.
 * https://auth0.com/docs/api/management/v2/organizations/get-members
 */
export async function listMembers(access: OrgAccess): Promise<Auth0Member[]> {
  const members: Auth0Member[] = [];
  const pages = await management().organizations.members.list(access.orgId, {
    take: PAGE_SIZE,
    fields: "user_id,email,name,picture,roles",
    include_fields: true,
  });
  for await (const member of pages) members.push(member);
  return members;
}

/** Whether anyone with this email is a member: the users with the address, then their organizations. */
export async function isMemberByEmail(access: OrgAccess, email: string): Promise<boolean> {
  const users = await management().users.listUsersByEmail({ email: email.toLowerCase(), fields: "user_id", include_fields: true });
  for (const user of users) {
    if (!user.user_id) continue;
    const { data } = await management().users.organizations.list(user.user_id, { per_page: 100 });
    if (data.some((org) => org.id === access.orgId)) return true;
  }
  return false;
}

/**
 * The organization's invitations created at or after `since`, newest first, reading pages only as far back
 * as that moment: how a write whose answer was lost is looked for. `complete` is false when Auth0's
 * 1,000-invitation cap came first, so the absence of one there proves nothing.
 */
export async function invitationsCreatedSince(access: OrgAccess, since: Date): Promise<{ invitations: Auth0Invitation[]; complete: boolean }> {
  const found: Auth0Invitation[] = [];
  for (let page = 0; page < INVITATION_PAGES; page++) {
    const { data } = await management().organizations.invitations.list(access.orgId, { page, per_page: PAGE_SIZE, sort: "created_at:-1" });
    const recent = data.filter((invitation) => Date.parse(invitation.created_at ?? "") >= since.getTime());
    found.push(...recent);
    if (data.length < PAGE_SIZE || recent.length < data.length) return { invitations: found, complete: true };
  }
  return { invitations: found, complete: false };
}
