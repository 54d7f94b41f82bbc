import type { Metadata } from "next";
import Link from "next/link";
import { StartActingForm } from "@/app/support/start-acting-form";
import { Alert } from "@/components/alert";
import { BulkJobsList } from "@/components/bulk-jobs-list";
import { FreshnessBar } from "@/components/freshness-bar";
import { LocalTime } from "@/components/local-time";
import { OrgHeader } from "@/components/org-header";
import { PageSizeChoice } from "@/components/page-size-choice";
import { Pager } from "@/components/pager";
import { orgPage, orgPageTitle } from "@/lib/authz/org-page";
import { recentBulkJobs } from "@/lib/bulk/organization-jobs";
import { invitationsView, STATUS_FILTERS, type LogsNotice } from "@/lib/invitations/list";
import { INVITATIONS_PAGE_SIZE, invitationsQuerySchema } from "@/lib/schemas/invitation";
import { single, type SearchParams } from "@/lib/schemas/url";
import { QueryProvider } from "@/app/providers";
import { InvitationsTable } from "./invitations-table";
import { RenewExpiredButton } from "./renew-expired-button";
import { refreshFromAuth0Action } from "./actions";
import { SortSelect } from "./sort-select";

/** Why statuses may be inferred, with its moments in the reader's time. */
function LogsNoticeText({ notice }: { notice: LogsNotice }) {
  if (notice.kind === "problem") return <>{notice.problem} Until it can, statuses marked “inferred” are worked out from membership and expiry.</>;
  return (
    <>
      Auth0 no longer kept its logs from {notice.from ? <LocalTime iso={notice.from} /> : "before"}; what happened to invitations made before{" "}
      <LocalTime iso={notice.foundAt} /> is inferred from membership and expiry.
    </>
  );
}

/** What a filter's list is called, in the title and caption, for one of it, and when it is empty. */
function listNames(status: keyof typeof STATUS_FILTERS): { many: string; one: string; none: string } {
  if (status === "awaiting") return { many: "Requests awaiting approval", one: "request awaiting approval", none: "No requests awaiting approval." };
  // "No expired invitations", but "No invitations" under All.
  if (status === "all") return { many: "All invitations", one: "invitation", none: "No invitations." };
  const label = STATUS_FILTERS[status].label;
  return { many: `${label} invitations`, one: `${label.toLowerCase()} invitation`, none: `No ${label.toLowerCase()} invitations.` };
}

type Props = { params: Promise<{ orgId: string }>; searchParams: Promise<SearchParams> };

/** The list's filter, search, sort, page and page size from the URL; a bad search is said, and the rest still applies. */
function listQuery(raw: SearchParams) {
  const parsed = invitationsQuerySchema.safeParse({ status: single(raw.status), q: single(raw.q), sort: single(raw.sort), page: single(raw.page), size: single(raw.size) });
  const query = parsed.success
    ? parsed.data
    : { ...invitationsQuerySchema.parse({ status: single(raw.status), sort: single(raw.sort), size: single(raw.size) }), q: undefined };
  return { query, searchError: parsed.success ? undefined : parsed.error.issues[0]?.message };
}

export async function generateMetadata({ params, searchParams }: Props): Promise<Metadata> {
  const { query } = listQuery(await searchParams);
  return { title: await orgPageTitle((await params).orgId, listNames(query.status).many) };
}

export default async function InvitationsPage({ params, searchParams }: Props) {
  const { orgId } = await params;
  const { query, searchError } = listQuery(await searchParams);

  const access = await orgPage(orgId, `/orgs/${orgId}/invitations`);
  if (!access.ok) return <StartActingForm {...access.startActing} />;
  const [view, jobs] = await Promise.all([
    invitationsView(access.ctx, { filter: query.status, search: query.q, sort: query.sort, page: query.page, perPage: query.size }),
    recentBulkJobs(access.ctx, 5),
  ]);

  const href = (changes: Partial<{ status: string; q: string; sort: string; page: number; size: number }>) => {
    const next = { status: query.status, q: query.q ?? "", sort: query.sort, page: view.page + 1, size: query.size, ...changes };
    const params = new URLSearchParams();
    if (next.status !== "pending") params.set("status", next.status);
    if (next.q) params.set("q", next.q);
    if (next.sort !== "created") params.set("sort", next.sort);
    if (next.size !== INVITATIONS_PAGE_SIZE) params.set("size", String(next.size));
    if (next.page > 1) params.set("page", String(next.page));
    const text = params.toString();
    return text ? `?${text}` : `/orgs/${orgId}/invitations`;
  };
  const names = listNames(query.status);

  return (
    <>
      <OrgHeader orgId={orgId} displayName={access.organization.displayName} active="invitations" />
      <section className="space-y-4">
        <nav aria-label="Invitation status" className="flex flex-wrap gap-2">
          {Object.entries(STATUS_FILTERS).map(([key, { label }]) => (
            <Link prefetch={false}
              key={key}
              href={href({ status: key, page: 1 })}
              aria-current={key === query.status ? "page" : undefined}
              className={`rounded-full border px-3 py-1 text-sm no-underline ${key === query.status ? "border-blue-700 bg-blue-50 font-medium text-blue-900" : "border-zinc-300 text-zinc-700"}`}
            >
              {label} <span className="tabular-nums">({view.counts[key as keyof typeof view.counts]})</span>
            </Link>
          ))}
        </nav>

        <div className="flex flex-wrap items-end justify-between gap-4">
          <form role="search" className="flex flex-wrap items-end gap-2" action={`/orgs/${orgId}/invitations`}>
            {query.status !== "pending" && <input type="hidden" name="status" value={query.status} />}
            {query.size !== INVITATIONS_PAGE_SIZE && <input type="hidden" name="size" value={query.size} />}
            <div>
              <label htmlFor="search" className="block text-sm font-medium">Search by email</label>
              <input id="search" name="q" type="search" defaultValue={query.q ?? ""} aria-invalid={searchError ? true : undefined} aria-describedby="search-error" className="mt-1 rounded border border-zinc-400 px-3 py-1.5" />
              <p id="search-error" className="text-sm text-red-700" aria-live="polite">{searchError}</p>
            </div>
            <div>
              <label htmlFor="sort" className="block text-sm font-medium">Sort by</label>
              <SortSelect key={query.sort} value={query.sort} />
            </div>
            <button type="submit" className="rounded border border-zinc-300 bg-white px-3 py-1.5 hover:bg-zinc-100">Search</button>
          </form>
          <div className="flex flex-wrap items-center gap-2">
            <RenewExpiredButton orgId={orgId} count={view.renewable} />
            <Link prefetch={false} href={`/orgs/${orgId}/invitations/bulk`} className="rounded border border-zinc-300 bg-white px-4 py-2 no-underline hover:bg-zinc-100">
              Invite many (CSV)
            </Link>
            <Link prefetch={false} href={`/orgs/${orgId}/invitations/new`} className="rounded bg-blue-700 px-4 py-2 font-medium text-white no-underline hover:bg-blue-800">
              Invite people
            </Link>
          </div>
        </div>

        {view.logsNotice && <Alert tone="error"><LogsNoticeText notice={view.logsNotice} /></Alert>}
        <BulkJobsList orgId={orgId} jobs={jobs} />

        <QueryProvider>
          <FreshnessBar
            key={`${view.freshness.asOf}|${view.freshness.fingerprint}`}
            kind="ledger"
            orgId={orgId}
            rendered={view.freshness}
            pollSeconds={view.pollSeconds}
            freshnessUrl={`/orgs/${orgId}/invitations/freshness`}
            refreshAction={refreshFromAuth0Action}
            neverText="Not yet compared with Auth0's list of this organization's invitations."
          />
          <InvitationsTable
            orgId={orgId}
            rows={view.rows}
            caption={`${names.many}, ${query.sort === "expires" ? "expiring soonest first" : "newest first"}`}
            emptyText={query.q ? `No ${names.one} matches “${query.q}”.` : names.none}
          />
        </QueryProvider>

        <div className="flex flex-wrap items-end justify-between gap-4">
          <Pager page={view.page} pages={view.pages} href={(page) => href({ page: page + 1 })} />
          <PageSizeChoice
            id="page-size"
            label="Invitations per page"
            action={`/orgs/${orgId}/invitations`}
            size={query.size}
            keep={{ ...(query.status !== "pending" && { status: query.status }), ...(query.q && { q: query.q }), ...(query.sort !== "created" && { sort: query.sort }) }}
          />
        </div>
      </section>
    </>
  );
}
