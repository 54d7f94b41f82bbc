import type { Metadata } from "next";
import { StartActingForm } from "@/app/support/start-acting-form";
import { DataTable } from "@/components/data-table";
import { ExactTime } from "@/components/exact-time";
import { OrgHeader } from "@/components/org-header";
import { Pager } from "@/components/pager";
import { orgPage, orgPageTitle } from "@/lib/authz/org-page";
import { membersView } from "@/lib/invitations/members";
import { membersQuerySchema } from "@/lib/schemas/invitation";
import { single, type SearchParams } from "@/lib/schemas/url";

type Props = { params: Promise<{ orgId: string }>; searchParams: Promise<SearchParams> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return { title: await orgPageTitle((await params).orgId, "Members") };
}

export default async function MembersPage({ params, searchParams }: Props) {
  const { orgId } = await params;
  const raw = await searchParams;
  const parsed = membersQuerySchema.safeParse({ q: single(raw.q), page: single(raw.page) });
  const query = parsed.success ? parsed.data : { q: undefined, page: 0 };
  const access = await orgPage(orgId, `/orgs/${orgId}/members`);
  if (!access.ok) return <StartActingForm {...access.startActing} />;
  const view = await membersView(access.ctx, { search: query.q, page: query.page });
  const href = (page: number) => `?${new URLSearchParams({ ...(query.q && { q: query.q }), page: String(page) })}`;

  return (
    <>
      <OrgHeader orgId={orgId} displayName={access.organization.displayName} active="members" />
      <form role="search" className="mb-4 flex items-end gap-2">
        <div>
          <label htmlFor="member-search" className="block text-sm font-medium">Search by email or name</label>
          <input id="member-search" name="q" type="search" defaultValue={query.q ?? ""} aria-describedby="member-search-error" className="mt-1 rounded border border-zinc-400 px-3 py-1.5" />
          <p id="member-search-error" className="text-sm text-red-700">{parsed.success ? "" : parsed.error.issues[0]?.message}</p>
        </div>
        <button type="submit" className="rounded border border-zinc-300 bg-white px-3 py-1.5 hover:bg-zinc-100">Search</button>
      </form>
      <DataTable label="Members" caption="Members, by email" headings={["Email", "Name", "Roles", "Invited by"]}>
            {view.rows.length === 0 && (
              <tr><td colSpan={4} className="px-3 py-6 text-center text-zinc-600">{query.q ? `No member matches “${query.q}”.` : "No members yet."}</td></tr>
            )}
            {view.rows.map((member) => (
              <tr key={member.userId} data-testid="member-row">
                <td className="px-3 py-2 font-medium">{member.email}</td>
                <td className="px-3 py-2">{member.name}</td>
                <td className="px-3 py-2">{member.roles.join(", ") || "—"}</td>
                <td className="px-3 py-2">
                  {member.invitedBy ? (
                    <>
                      {member.invitedBy.name}
                      {member.invitedBy.inferred && <span className="ml-1 text-xs">(inferred)</span>}
                      <div className="text-xs text-zinc-600">accepted <ExactTime iso={member.invitedBy.acceptedAt} /></div>
                    </>
                  ) : (
                    <span className="text-zinc-600">—</span>
                  )}
                </td>
              </tr>
            ))}
      </DataTable>
      <Pager page={view.page} pages={view.pages} href={(page) => href(page + 1)} />
    </>
  );
}
