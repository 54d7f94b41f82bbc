import Link from "next/link";
import { LocalTime } from "@/components/local-time";
import { DataTable } from "@/components/data-table";
import { OrgHeader } from "@/components/org-header";
import { Pager } from "@/components/pager";
import { actionLabel, eventParts, outcomeLabel } from "@/lib/audit/describe";
import { EXPORT_LIMIT } from "@/lib/audit/export";
import { AUDIT_OUTCOMES, ORGANIZATION_ACTIONS, type AuditOutcome } from "@/lib/audit/vocabulary";
import { orgPage } from "@/lib/authz/org-page";
import { auditTrail } from "@/lib/db/audit";
import { store } from "@/lib/db/store";
import { activitySearch, parseActivityQuery } from "@/lib/schemas/activity";
import { OrgRefusal } from "../org-refusal";

const PER_PAGE = 25;

const OUTCOME_STYLE: Partial<Record<string, string>> = {
  created: "text-green-800",
  replaced: "text-green-800",
  resent: "text-green-800",
  revoked: "text-zinc-800",
  started: "text-amber-800",
  refused: "text-amber-800",
  failed: "text-red-700",
};

type Props = { params: Promise<{ orgId: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function ActivityPage({ params, searchParams }: Props) {
  const { orgId } = await params;
  const { query, actorError } = parseActivityQuery(await searchParams);
  const access = await orgPage(orgId, `/orgs/${orgId}/activity`);
  if (!access.ok) return <OrgRefusal page={access} />;
  const { db } = await store();
  const { page: _page, ...filters } = query;
  const trail = await auditTrail(db, access.ctx, filters, { page: query.page, perPage: PER_PAGE });
  const filtered = Object.values(filters).some(Boolean);
  const base = `/orgs/${orgId}/activity`;
  const pageHref = (page: number) => `${base}${activitySearch(filters, page)}`;

  return (
    <>
      <OrgHeader orgId={orgId} displayName={access.organization.displayName} active="activity" />
      <section className="space-y-4">
        <form role="search" aria-label="Filter activity" action={base} className="flex flex-wrap items-end gap-3">
          <div>
            <label htmlFor="actor" className="block text-sm font-medium">Actor (name or email)</label>
            <input id="actor" name="actor" type="search" defaultValue={query.actor ?? ""} aria-invalid={actorError ? true : undefined} aria-describedby="actor-error" className="mt-1 rounded border border-zinc-400 px-3 py-1.5" />
            <p id="actor-error" className="text-sm text-red-700" aria-live="polite">{actorError}</p>
          </div>
          <div>
            <label htmlFor="action" className="block text-sm font-medium">Action</label>
            <select id="action" name="action" defaultValue={query.action ?? ""} className="mt-1 rounded border border-zinc-400 px-2 py-1.5">
              <option value="">All actions</option>
              {ORGANIZATION_ACTIONS.map((action) => <option key={action} value={action}>{actionLabel(action)}</option>)}
            </select>
          </div>
          <div>
            <label htmlFor="outcome" className="block text-sm font-medium">Outcome</label>
            <select id="outcome" name="outcome" defaultValue={query.outcome ?? ""} className="mt-1 rounded border border-zinc-400 px-2 py-1.5">
              <option value="">All outcomes</option>
              {(Object.keys(AUDIT_OUTCOMES) as AuditOutcome[]).map((outcome) => <option key={outcome} value={outcome}>{outcomeLabel(outcome)}</option>)}
            </select>
          </div>
          <div>
            <label htmlFor="from" className="block text-sm font-medium">From (UTC day)</label>
            <input id="from" name="from" type="date" defaultValue={query.from ?? ""} className="mt-1 rounded border border-zinc-400 px-2 py-1.5" />
          </div>
          <div>
            <label htmlFor="to" className="block text-sm font-medium">To (UTC day, included)</label>
            <input id="to" name="to" type="date" defaultValue={query.to ?? ""} className="mt-1 rounded border border-zinc-400 px-2 py-1.5" />
          </div>
          <button type="submit" className="rounded border border-zinc-300 bg-white px-3 py-1.5 hover:bg-zinc-100">Filter</button>
          {filtered && <Link prefetch={false} href={base} className="py-1.5">Clear filters</Link>}
        </form>

        <div className="flex flex-wrap items-center justify-between gap-3">
          <p data-testid="activity-total" className="text-sm text-zinc-700">
            {trail.total === 1 ? "1 event" : `${trail.total} events`}{filtered ? " match these filters" : " recorded"}
          </p>
          {/* A plain link, not a fetch: the browser downloads it with the session cookie, and the route passes the gate itself. */}
          <a href={`${base}/export${activitySearch(filters)}`} download className="text-sm">
            Download CSV{trail.total > EXPORT_LIMIT ? ` (the newest ${EXPORT_LIMIT.toLocaleString("en")} of ${trail.total.toLocaleString("en")})` : ""}
          </a>
        </div>

        <DataTable label="Activity" caption="Activity, newest first" headings={["When", "What happened", "Roles", "Invitation"]}>
              {trail.events.length === 0 && (
                <tr><td colSpan={4} className="px-3 py-6 text-center text-zinc-600">{filtered ? "No activity matches these filters." : "No activity recorded yet."}</td></tr>
              )}
              {trail.events.map((event) => {
                const { lead, ending } = eventParts(event);
                return (
                  <tr key={event.id} data-testid="activity-row" className="align-top">
                    <td className="whitespace-nowrap px-3 py-2"><LocalTime iso={event.occurredAt.toISOString()} /></td>
                    <td className="px-3 py-2">
                      <p>
                        {lead}
                        {ending && <> — <span className={`font-medium ${OUTCOME_STYLE[event.outcome] ?? ""}`}>{ending}</span></>}
                      </p>
                      <p className="text-xs text-zinc-600">
                        {event.actorEmail}
                        {event.actorKind === "support" && <span className="ml-1 rounded bg-amber-100 px-1 text-amber-900">support</span>}
                      </p>
                      {event.reason && <p className="text-xs text-zinc-700">Reason: {event.reason}</p>}
                    </td>
                    <td className="px-3 py-2">{event.roles.join(", ") || "—"}</td>
                    <td className="px-3 py-2 text-zinc-700">
                      {event.inviterName && event.inviterName !== event.actorName && <p className="text-xs">Shown as inviter: {event.inviterName}</p>}
                      {event.invitationId ? <p className="text-xs text-zinc-600">{event.invitationId}</p> : !event.inviterName && "—"}
                    </td>
                  </tr>
                );
              })}
        </DataTable>

        <Pager page={trail.page} pages={trail.pages} href={pageHref} />
      </section>
    </>
  );
}
