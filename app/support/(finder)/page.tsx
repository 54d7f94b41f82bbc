import type { Metadata } from "next";
import Link from "next/link";
import { Alert } from "@/components/alert";
import { DataTable } from "@/components/data-table";
import { LocalTime } from "@/components/local-time";
import { Pager } from "@/components/pager";
import { deskAuditor } from "@/lib/authz/action";
import { deskPage, deskPageTitle, mayOpenDeskPage } from "@/lib/authz/desk-page";
import { relativeTime } from "@/lib/format/relative-time";
import { directoryStatusForDesk, findOrganizationsForDesk } from "@/lib/directory/desk";
import { finderQuerySchema } from "@/lib/schemas/support";
import { single, type SearchParams } from "@/lib/schemas/url";
import { RefreshDirectoryButton } from "../refresh-directory-button";

const PAGE_SIZE = 25;
const KIND_TEXT = {
  id: "Looked up by organization id in Auth0.",
  email: "Organizations of the accounts with this email address, from Auth0.",
  domain: "Organizations that invited someone at this domain, and organizations named like it.",
  text: "Name or display name contains the text (any case).",
} as const;

export async function generateMetadata(): Promise<Metadata> {
  return { title: await deskPageTitle("finder", "Find an organization") };
}

/** Support's finder: any organization of the tenant, by name, id, a member's email or an email domain. */
export default async function SupportFinderPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const raw = await searchParams;
  const parsed = finderQuerySchema.safeParse({ q: single(raw.q), page: single(raw.page) });
  const query = parsed.success ? parsed.data : { q: undefined, page: 0 };

  const ctx = await deskPage("finder", "/support");
  const [result, status] = await Promise.all([
    query.q ? findOrganizationsForDesk(query.q, { page: query.page, pageSize: PAGE_SIZE }) : undefined,
    directoryStatusForDesk(),
  ]);
  // Looking up a customer by a person's email is looking at personal data: it is on the record.
  if (query.q) await deskAuditor(ctx, "find").audit({ outcome: "done", detail: query.q });
  const pages = result ? Math.max(1, Math.ceil(result.total / result.pageSize)) : 1;
  const href = (page: number) => `?${new URLSearchParams({ ...(query.q && { q: query.q }), page: String(page + 1) })}`;

  return (
    <section className="space-y-4">
      <header className="flex flex-wrap items-baseline justify-between gap-2">
        <h1 className="text-2xl font-semibold">Find an organization</h1>
        <span className="flex gap-4">
          {mayOpenDeskPage("supportActivity", ctx.actor) && (
            <Link prefetch={false} href="/support/activity">Support activity</Link>
          )}
          {mayOpenDeskPage("webhookDeliveries", ctx.actor) && (
            <Link prefetch={false} href="/support/webhooks">Webhook deliveries</Link>
          )}
        </span>
      </header>
      <form role="search" className="flex flex-wrap items-end gap-2">
        <div className="min-w-72 flex-1">
          <label htmlFor="finder-q" className="block font-medium">Name, id, member&apos;s email or email domain</label>
          <input
            id="finder-q"
            name="q"
            type="search"
            defaultValue={query.q ?? ""}
            aria-describedby="finder-q-hint finder-q-error"
            className="mt-1 block w-full rounded border border-zinc-400 px-3 py-2"
          />
          <p id="finder-q-hint" className="text-sm text-zinc-600">
            For example: glob, org_Globex0000000002 or its first 8 characters or more (Globex00), carol@globex.test or @globex.test.
          </p>
          <p id="finder-q-error" className="text-sm text-red-700">{parsed.success ? "" : parsed.error.issues[0]?.message}</p>
        </div>
        <button type="submit" className="mb-6 rounded bg-blue-700 px-4 py-2 font-medium text-white hover:bg-blue-800">Find</button>
      </form>

      <div className="flex flex-wrap items-center justify-between gap-2 text-sm text-zinc-700" data-testid="directory-status">
        <p>
          {status.completedAt ? (
            // No full stop after the time: it is a block (relative, then exact), and one would sit alone on a line.
            <>Directory of {status.organizationCount ?? 0} organizations, refreshed <LocalTime iso={status.completedAt.toISOString()} lead={relativeTime(status.completedAt.toISOString())} /></>
          ) : (
            "The directory of organizations has not been filled yet: the first search asks for it to be filled in the background, which takes up to a minute on a large tenant."
          )}
          {status.refreshing && " A refresh is under way."}
        </p>
        <RefreshDirectoryButton />
      </div>
      {status.problem && <Alert tone="error">The last directory refresh failed: {status.problem}</Alert>}

      {result && (
        <>
          <p className="text-sm text-zinc-600" data-testid="finder-summary">
            {KIND_TEXT[result.kind]}
            {result.idPrefix && ` Also organizations whose id starts with ${result.idPrefix} (any case).`} {result.total} found.
            {result.filling && " The directory is still being filled in the background: search again in a minute for the organizations it does not hold yet."}
          </p>
          {/* Below the sm breakpoint each row is a card (globals.css), so "Act for" is on screen. */}
          <div className="stack-on-small">
            <DataTable label="Organizations found" caption="Organizations found, by display name" headings={["Display name", "Name", "Id", "Act"]}>
              {result.organizations.length === 0 && (
                <tr><td colSpan={4} className="px-3 py-6 text-center text-zinc-600">No organization matches “{query.q}”.</td></tr>
              )}
              {result.organizations.map((org) => (
                <tr key={org.id} data-testid="finder-row">
                  <td className="px-3 py-2 font-medium">{org.displayName}</td>
                  <td className="px-3 py-2" data-label="Name">{org.name}</td>
                  <td className="px-3 py-2 font-mono text-xs [overflow-wrap:anywhere]" data-label="Id">{org.id}</td>
                  <td className="px-3 py-2">
                    <Link prefetch={false} href={`/orgs/${org.id}/invitations`}>Act for {org.displayName}</Link>
                    <Link prefetch={false} href={`/support/policy/${org.id}`} className="ml-3">Policy of {org.displayName}</Link>
                  </td>
                </tr>
              ))}
            </DataTable>
          </div>
          <Pager page={result.page} pages={pages} href={href} />
        </>
      )}
    </section>
  );
}
