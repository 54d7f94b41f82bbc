import "server-only";
import { management } from "@/lib/auth0/management";

export type Auth0Invitation = Awaited<ReturnType<ReturnType<typeof management>["organizations"]["invitations"]["get"]>>;

/** Auth0 serves at most 1000 invitations per organization (page × per_page), 100 a page. */
const MAX_PAGES = 10;
const PAGE_SIZE = 100;

/** Every invitation Auth0 will list for the organization, newest first; `fields` narrows what is read. */
export async function allPendingInvitations(orgId: string, fields?: string): Promise<Auth0Invitation[]> {
  const invitations: Auth0Invitation[] = [];
  for (let page = 0; page < MAX_PAGES; page++) {
    const { data } = await management().organizations.invitations.list(orgId, {
      page,
      per_page: PAGE_SIZE,
      sort: "created_at:-1",
      ...(fields && { fields, include_fields: true }),
    });
    invitations.push(...data);
    if (data.length < PAGE_SIZE) break;
  }
  return invitations;
}
