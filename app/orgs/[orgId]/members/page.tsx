import type { Metadata } from "next";
import { StartActingForm } from "@/app/support/start-acting-form";
import { FreshnessBar } from "@/components/freshness-bar";
import { OrgHeader } from "@/components/org-header";
import { Pager } from "@/components/pager";
import { orgPage, orgPageTitle } from "@/lib/authz/org-page";
import { membersView } from "@/lib/invitations/members";
import { membersQuerySchema } from "@/lib/schemas/member";
import { single, type SearchParams } from "@/lib/schemas/url";
import { refreshMembersAction } from "./actions";
import { MembersTable } from "./members-table";

type Props = { params: Promise<{ orgId: string }>; searchParams: Promise<SearchParams> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return { title: await orgPageTitle((await params).orgId, "Members") };
}

export default async function MembersPage({ params, searchParams }: Props) {
  const { orgId } = await params;
  const raw = await searchParams;
  const parsed = membersQuerySchema.safeParse({ q: single(raw.q), role: single(raw.role), page: single(raw.page) });
  const query = parsed.success ? parsed.data : { q: undefined, role: undefined, page: 0 };
  const access = await orgPage(orgId, `/orgs/${orgId}/members`);
  if (!access.ok) return <StartActingForm {...access.startActing} />;
  const view = await membersView(access.ctx, { search: query.q, roleId: query.role, page: query.page });
  const href = (page: number) => `?${new URLSearchParams({ ...(query.q && { q: query.q }), ...(query.role && { role: query.role }), page: String(page) })}`;
  const roleName = view.roles.find((role) => role.id === query.role)?.name;
  const emptyText = query.q || roleName ? `No member matches${query.q ? ` “${query.q}”` : ""}${roleName ? ` with the role ${roleName}` : ""}.` : "No members yet.";

  return (
    <>
      <OrgHeader orgId={orgId} displayName={access.organization.displayName} active="members" />
      <form role="search" className="mb-4 flex flex-wrap items-end gap-2">
        <div>
          <label htmlFor="member-search" className="block text-sm font-medium">Search by email or name</label>
          <input id="member-search" name="q" type="search" defaultValue={query.q ?? ""} aria-describedby="member-search-error" className="mt-1 rounded border border-zinc-400 px-3 py-1.5" />
          <p id="member-search-error" className="text-sm text-red-700">{parsed.success ? "" : parsed.error.issues[0]?.message}</p>
        </div>
        <div>
          <label htmlFor="member-role" className="block text-sm font-medium">Role</label>
          <select id="member-role" name="role" defaultValue={query.role ?? ""} className="mt-1 rounded border border-zinc-400 bg-white px-3 py-1.5">
            <option value="">Any role</option>
            {view.roles.map((role) => <option key={role.id} value={role.id}>{role.name}</option>)}
          </select>
        </div>
        <button type="submit" className="rounded border border-zinc-300 bg-white px-3 py-1.5 hover:bg-zinc-100">Search</button>
      </form>
      <FreshnessBar
        key={`${view.freshness.asOf}|${view.freshness.fingerprint}`}
        kind="members"
        orgId={orgId}
        rendered={view.freshness}
        pollSeconds={view.pollSeconds}
        freshnessUrl={`/orgs/${orgId}/members/freshness`}
        refreshAction={refreshMembersAction}
        neverText="Not yet read from Auth0."
      />
      <MembersTable orgId={orgId} organizationName={access.organization.displayName} rows={view.rows} assignable={view.assignable} rolesAbove={view.rolesAbove} ceilingReason={view.ceilingReason} emptyText={emptyText} />
      <Pager page={view.page} pages={view.pages} href={(page) => href(page + 1)} />
    </>
  );
}
