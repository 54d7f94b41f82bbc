import Link from "next/link";
import { DataTable } from "@/components/data-table";
import { EmailAddress, TextWithAddresses } from "@/components/email-address";
import { LocalTime } from "@/components/local-time";
import { Pager } from "@/components/pager";
import { actionLabel, eventParts, outcomeLabel } from "@/lib/audit/describe";
import { EXPORT_LIMIT } from "@/lib/audit/export";
import type { AuditPage, TrailEvent } from "@/lib/audit/trail";
import { AUDIT_ACTIONS, AUDIT_OUTCOMES, ORGANIZATION_ACTIONS, type AuditAction, type AuditOutcome } from "@/lib/audit/vocabulary";
import { activitySearch, type ActivityQuery, type ActivityScope, type TextFilterErrors } from "@/lib/schemas/activity";

// An Activity page's body, for one organization's trail and for support's across organizations: the filters
// (in the URL), how many events match, the CSV of exactly those, the events in plain words, and the pager.

const OUTCOME_STYLE: Partial<Record<string, string>> = {
  created: "text-green-800",
  replaced: "text-green-800",
  resent: "text-green-800",
  revoked: "text-zinc-800",
  started: "text-amber-800",
  refused: "text-amber-800",
  throttled: "text-amber-800",
  failed: "text-red-700",
};

/** Support's trail also holds the desk's own actions (finding organizations, reading this trail). */
const ACTIONS: Record<ActivityScope, readonly AuditAction[]> = {
  organization: ORGANIZATION_ACTIONS,
  support: Object.keys(AUDIT_ACTIONS) as AuditAction[],
};

type Props = {
  scope: ActivityScope;
  /** The page's path: the filters are submitted to it and the CSV is at `${base}/export`. */
  base: string;
  query: ActivityQuery;
  errors: TextFilterErrors;
  trail: AuditPage;
};

export function ActivityTrail({ scope, base, query, errors, trail }: Props) {
  const { page: _page, ...filters } = query;
  const filtered = Object.values(filters).some(Boolean);
  const support = scope === "support";
  const headings = support ? ["When", "Organization", "What happened", "Roles", "Invitation"] : ["When", "What happened", "Roles", "Invitation"];

  return (
    <section className="space-y-4">
      <form role="search" aria-label="Filter activity" action={base} className="flex flex-wrap items-end gap-3">
        <TextFilter name="actor" label="Actor (name or email)" value={query.actor} error={errors.actor} />
        {support && (
          <>
            <TextFilter name="organization" label="Organization (id or name)" value={query.organization} error={errors.organization} />
            <TextFilter name="reason" label="Reason" value={query.reason} error={errors.reason} />
          </>
        )}
        <div>
          <label htmlFor="action" className="block text-sm font-medium">Action</label>
          <select id="action" name="action" defaultValue={query.action ?? ""} className="mt-1 rounded border border-zinc-400 px-2 py-1.5">
            <option value="">All actions</option>
            {ACTIONS[scope].map((action) => <option key={action} value={action}>{actionLabel(action)}</option>)}
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
          {trail.total === 1 ? "1 event" : `${trail.total} events`}{filtered ? (trail.total === 1 ? " matches these filters" : " match these filters") : " recorded"}
        </p>
        {/* A plain link, not a fetch: the browser downloads it with the session cookie, and the route passes the gate itself. */}
        <a href={`${base}/export${activitySearch(filters)}`} download className="text-sm">
          Download CSV{trail.total > EXPORT_LIMIT ? ` (the newest ${EXPORT_LIMIT.toLocaleString("en")} of ${trail.total.toLocaleString("en")})` : ""}
        </a>
      </div>

      <DataTable label="Activity" caption="Activity, newest first" headings={headings}>
        {trail.events.length === 0 && (
          <tr><td colSpan={headings.length} className="px-3 py-6 text-center text-zinc-600">{filtered ? "No activity matches these filters." : "No activity recorded yet."}</td></tr>
        )}
        {trail.events.map((event) => <EventRow key={event.id} event={event} withOrganization={support} />)}
      </DataTable>

      <Pager page={trail.page} pages={trail.pages} href={(page) => `${base}${activitySearch(filters, page)}`} />
    </section>
  );
}

function TextFilter({ name, label, value, error }: { name: string; label: string; value?: string; error?: string }) {
  return (
    <div>
      <label htmlFor={name} className="block text-sm font-medium">{label}</label>
      <input id={name} name={name} type="search" defaultValue={value ?? ""} aria-invalid={error ? true : undefined} aria-describedby={`${name}-error`} className="mt-1 rounded border border-zinc-400 px-3 py-1.5" />
      <p id={`${name}-error`} className="text-sm text-red-700" aria-live="polite">{error}</p>
    </div>
  );
}

const ACTOR_BADGE: Partial<Record<string, string>> = {
  support: "bg-amber-100 text-amber-900",
  auditor: "bg-sky-100 text-sky-900",
};

const invitationPath = (orgId: string, invitationId: string) => `/orgs/${orgId}/invitations/${invitationId}`;

/**
 * A sentence's ending with each invitation id it names ("Replaces uinv_…") made a link to that invitation's
 * history, named by its address; the CSV keeps the ids.
 */
function EndingWithLinks({ text, event }: { text: string; event: TrailEvent }) {
  const orgId = event.organizationId;
  if (!orgId) return text;
  return text.split(/\b(uinv_[A-Za-z0-9]+)\b/).map((part, index) =>
    index % 2 === 0 ? (
      part
    ) : (
      <Link key={index} prefetch={false} href={invitationPath(orgId, part)}>
        {event.inviteeEmail ? `the earlier invitation for ${event.inviteeEmail}` : "an earlier invitation"}
      </Link>
    ),
  );
}

function EventRow({ event, withOrganization }: { event: TrailEvent; withOrganization: boolean }) {
  const { lead, ending } = eventParts(event);
  const badge = event.actorKind ? ACTOR_BADGE[event.actorKind] : undefined;
  return (
    <tr data-testid="activity-row" className="align-top">
      <td className="whitespace-nowrap px-3 py-2"><LocalTime iso={event.occurredAt.toISOString()} /></td>
      {withOrganization && (
        <td className="px-3 py-2">
          {event.organizationId ? (
            <>
              <p>{event.organizationName ?? event.organizationId}</p>
              {event.organizationName && <p className="text-xs text-zinc-600">{event.organizationId}</p>}
            </>
          ) : (
            <span className="text-zinc-600">None (support desk)</span>
          )}
        </td>
      )}
      <td className="px-3 py-2">
        <p>
          <TextWithAddresses text={lead} />
          {ending && <> — <span className={`font-medium ${OUTCOME_STYLE[event.outcome] ?? ""}`}><EndingWithLinks text={ending} event={event} /></span></>}
        </p>
        <p className="text-xs text-zinc-600">
          <EmailAddress address={event.actorEmail} />
          {badge && <span className={`ml-1 rounded px-1 ${badge}`}>{event.actorKind}</span>}
        </p>
        {event.reason && <p className="text-xs text-zinc-700">Reason: {event.reason}</p>}
      </td>
      <td className="px-3 py-2">{event.roles.join(", ") || "—"}</td>
      <td className="px-3 py-2 text-zinc-700">
        {event.inviterName && event.inviterName !== event.actorName && <p className="text-xs">Shown as inviter: {event.inviterName}</p>}
        {event.invitationId && event.organizationId ? (
          <p className="text-xs">
            <Link prefetch={false} href={invitationPath(event.organizationId, event.invitationId)}>
              History<span className="sr-only"> of the invitation for {event.inviteeEmail ?? event.invitationId}</span>
            </Link>
          </p>
        ) : (
          !event.inviterName && "—"
        )}
      </td>
    </tr>
  );
}
