import "server-only";
import type { Management } from "auth0";
import type { OrgAccess } from "@/lib/authz/access";
import { auth0ErrorParts } from "./errors";
import { rateLimitOf, type RateLimitState } from "./invitation-writer";
import { management } from "./management";

// An organization's invitations and members, read and written through the Management API. Each function
// takes the gate's authorization (`OrgAccess`), never a bare organization id, so none can run ungated.

export type { OrgAccess };
export type Auth0Invitation = Management.OrganizationInvitation;
export type Auth0Member = Management.OrganizationMember;
export type NewInvitation = Management.CreateOrganizationInvitationRequestContent;

/** Auth0 lists at most 1,000 invitations per organization from either end (page × per_page), 100 a page. */
const LIST_REACH = 1000;
const PAGE_SIZE = 100;

/**
 * A pacer's two steps (lib/pacing/pacer.ts), for reads that spend a rate-limit bucket's tokens: one is taken
 * before the call, and the answer's X-RateLimit headers are reported after it, answered or refused.
 */
export type ReadPace = { acquire: () => Promise<void>; observe: (rate: RateLimitState | undefined, limited?: boolean) => Promise<void> };

async function pacedRead<T>(pace: ReadPace | undefined, call: () => Promise<{ data: T; rawResponse: { headers: Headers } }>): Promise<T> {
  await pace?.acquire();
  try {
    const { data, rawResponse } = await call();
    await pace?.observe(rateLimitOf(rawResponse.headers));
    return data;
  } catch (error) {
    const headers = (error as { rawResponse?: { headers?: Headers } }).rawResponse?.headers;
    await pace?.observe(rateLimitOf(headers), auth0ErrorParts(error)?.status === 429);
    throw error;
  }
}

type Sort = "created_at:-1" | "created_at:1";

/**
 * Up to 1,000 invitations from one end of Auth0's list; stops early at the list's end, or once a page holds
 * an invitation of `known` (the other end's pass reached this far).
 */
async function invitationsFromOneEnd(access: OrgAccess, sort: Sort, { pace, known }: { pace?: ReadPace; known?: ReadonlySet<string> } = {}) {
  const invitations: Auth0Invitation[] = [];
  for (let page = 0; page * PAGE_SIZE < LIST_REACH; page++) {
    const data = await pacedRead(pace, async () => {
      const listed = await management().organizations.invitations.list(access.orgId, { page, per_page: PAGE_SIZE, sort });
      return { data: listed.data, rawResponse: listed.rawResponse };
    });
    invitations.push(...data);
    if (data.length < PAGE_SIZE) return { invitations, reachedEnd: true, met: false };
    if (known && data.some((invitation) => known.has(invitation.id ?? ""))) return { invitations, reachedEnd: false, met: true };
  }
  return { invitations, reachedEnd: false, met: false };
}

/** The newest 1,000 invitations Auth0 lists for the organization (all of them when it holds no more), newest first. */
export async function listInvitations(access: OrgAccess): Promise<Auth0Invitation[]> {
  return (await invitationsFromOneEnd(access, "created_at:-1")).invitations;
}

export type InvitationListing = {
  invitations: Auth0Invitation[];
  /**
   * When Auth0 holds more than both ends of its list show: the `created_at` range (inclusive, Auth0's
   * timestamps) of invitations neither end reached. One missing from the list with a creation time in this
   * range may still exist; outside it, its absence is certain.
   */
  unseen?: { from: string; to: string };
};

/**
 * What Auth0 lists of the organization's invitations, taken from both ends: newest first, and when that
 * stops at the 1,000 cap, oldest first until the two passes meet. Up to 2,000 invitations are seen in at
 * most 20 calls; beyond that, `unseen` says which creation times neither pass reached.
 */
export async function listInvitationsFromBothEnds(access: OrgAccess, pace?: ReadPace): Promise<InvitationListing> {
  const newest = await invitationsFromOneEnd(access, "created_at:-1", { pace });
  if (newest.reachedEnd) return { invitations: newest.invitations };
  const known = new Set(newest.invitations.map((invitation) => invitation.id ?? ""));
  const oldest = await invitationsFromOneEnd(access, "created_at:1", { pace, known });
  const invitations = [...newest.invitations, ...oldest.invitations.filter((invitation) => !known.has(invitation.id ?? ""))];
  // The oldest pass reaching the end without meeting the newest means invitations went meanwhile; it saw every one left.
  if (oldest.met || oldest.reachedEnd) return { invitations };
  return { invitations, unseen: { from: oldest.invitations.at(-1)?.created_at ?? "", to: newest.invitations.at(-1)?.created_at ?? "" } };
}

/**
 * One invitation, read through the organization's own path (so another organization's id finds nothing);
 * undefined when gone. `pace` spends a token of Auth0's invitation-read bucket first.
 */
export async function getInvitation(access: OrgAccess, invitationId: string, pace?: ReadPace): Promise<Auth0Invitation | undefined> {
  try {
    return await pacedRead(pace, () => management().organizations.invitations.get(access.orgId, invitationId).withRawResponse());
  } catch (error) {
    if (auth0ErrorParts(error)?.status === 404) return undefined;
    throw error;
  }
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

export type MemberSummary = { userId: string; email: string; name: string; roleIds: string[] };

const MEMBER_FIELDS = "user_id,email,name,roles";

/** A member as the store's copy keeps them. */
export function memberSummary(member: Auth0Member): MemberSummary {
  return {
    userId: member.user_id ?? "",
    email: member.email ?? "",
    // Auth0 fills `name` with the email address when the user has no name of their own.
    name: member.name && member.name !== member.email ? member.name : "",
    roleIds: (member.roles ?? []).flatMap((role) => (role.id ? [role.id] : [])),
  };
}

/**
 * One checkpoint page of the organization's members with their roles (100, one call): start without `from`,
 * then pass the `next` of the page before; no `next`, or an empty page, means no more. `next` stays valid
 * for 24 hours. https://auth0.com/docs/api/management/v2/organizations/get-members
 */
export async function membersPage(access: OrgAccess, from?: string): Promise<{ members: MemberSummary[]; next?: string }> {
  const page = await management().organizations.members.list(access.orgId, { from, take: PAGE_SIZE, fields: MEMBER_FIELDS, include_fields: true });
  const next = page.response.next || undefined;
  return { members: page.data.map(memberSummary), ...(next ? { next } : {}) };
}

/** One user's address and name, for a member the tenant logs name by id alone (a Management API add). */
export async function memberProfile(userId: string): Promise<Pick<MemberSummary, "email" | "name"> | undefined> {
  try {
    const user = await management().users.get(userId, { fields: "user_id,email,name", include_fields: true });
    return { email: user.email ?? "", name: user.name && user.name !== user.email ? user.name : "" };
  } catch (error) {
    if (auth0ErrorParts(error)?.status === 404) return undefined;
    throw error;
  }
}

/**
 * How many members the organization has, in one call: an offset page of one member with `include_totals`,
 * whose `total` counts them all (checkpoint paging, the SDK's default, carries no total).
 * https://auth0.com/docs/api/management/v2/organizations/get-members
 */
export async function memberTotal(access: OrgAccess): Promise<number> {
  const page = await management().organizations.members.list(access.orgId, { include_totals: true, take: null, fields: "user_id", include_fields: true }, { queryParams: { per_page: 1 } });
  const total: unknown = (page.response as { total?: unknown }).total;
  if (typeof total !== "number") throw new Error("Auth0 listed the organization's members without a total");
  return total;
}

/**
 * Whether anyone with this email is a member: the users with the address, then their organizations, page
 * by page (one call per 100), so a user of more than 100 organizations is not taken for a stranger.
 */
export async function isMemberByEmail(access: OrgAccess, email: string): Promise<boolean> {
  const users = await management().users.listUsersByEmail({ email: email.toLowerCase(), fields: "user_id", include_fields: true });
  for (const user of users) {
    if (!user.user_id) continue;
    for await (const org of await management().users.organizations.list(user.user_id, { per_page: 100 })) {
      if (org.id === access.orgId) return true;
    }
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
  for (let page = 0; page < LIST_REACH / PAGE_SIZE; page++) {
    const { data } = await management().organizations.invitations.list(access.orgId, { page, per_page: PAGE_SIZE, sort: "created_at:-1" });
    const recent = data.filter((invitation) => Date.parse(invitation.created_at ?? "") >= since.getTime());
    found.push(...recent);
    if (data.length < PAGE_SIZE || recent.length < data.length) return { invitations: found, complete: true };
  }
  return { invitations: found, complete: false };
}
