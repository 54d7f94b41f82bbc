import Link from "next/link";
import { OrgHeader } from "@/components/org-header";
import { Refused } from "@/components/refused";
import { orgPage } from "@/lib/authz/org-page";
import { listAuditEvents } from "@/lib/db/audit";
import { store } from "@/lib/db/store";

const OUTCOME_STYLE: Record<string, string> = {
  created: "text-green-800",
  resent: "text-green-800",
  revoked: "text-zinc-800",
  refused: "text-amber-800",
  failed: "text-red-700",
};

type Props = { params: Promise<{ orgId: string }>; searchParams: Promise<{ page?: string }> };

export default async function ActivityPage({ params, searchParams }: Props) {
  const { orgId } = await params;
  const page = Math.max(0, Number.parseInt((await searchParams).page ?? "0", 10) || 0);
  const access = await orgPage(orgId, `/orgs/${orgId}/activity`);
  if (!access.ok) return <Refused message={access.message} />;
  const { db } = await store();
  const { events, hasMore } = await listAuditEvents(db, orgId, page);

  return (
    <>
      <OrgHeader orgId={orgId} displayName={access.organization.displayName} active="activity" support={access.ctx.actor.kind === "support"} />
      <div className="overflow-x-auto rounded-lg border border-zinc-200 bg-white">
        <table className="w-full text-left text-sm">
          <caption className="sr-only">Activity, newest first</caption>
          <thead className="bg-zinc-100">
            <tr>
              {["When", "Who", "Action", "Outcome", "Invitee", "Roles", "Details"].map((heading) => (
                <th key={heading} scope="col" className="px-3 py-2 font-medium">{heading}</th>
              ))}
            </tr>
          </thead>
          <tbody className="divide-y divide-zinc-200">
            {events.length === 0 && (
              <tr><td colSpan={7} className="px-3 py-6 text-center text-zinc-600">No activity recorded{page > 0 ? " on this page" : " yet"}.</td></tr>
            )}
            {events.map((event) => (
              <tr key={event.id} data-testid="activity-row">
                <td className="whitespace-nowrap px-3 py-2"><time dateTime={event.occurredAt.toISOString()}>{event.occurredAt.toISOString().replace("T", " ").slice(0, 19)} UTC</time></td>
                <td className="px-3 py-2">
                  {event.actorName} <span className="text-zinc-500">({event.actorEmail})</span>
                  {event.actorKind === "support" && <span className="ml-1 rounded bg-amber-100 px-1 text-xs text-amber-900">support</span>}
                  {event.reason && <div className="text-xs text-zinc-600">Reason: {event.reason}</div>}
                </td>
                <td className="px-3 py-2">{event.action}</td>
                <td className={`px-3 py-2 font-medium ${OUTCOME_STYLE[event.outcome] ?? ""}`}>{event.outcome}</td>
                <td className="px-3 py-2">{event.inviteeEmail ?? "—"}</td>
                <td className="px-3 py-2">{event.roles.join(", ") || "—"}</td>
                <td className="px-3 py-2 text-zinc-700">
                  {event.detail}
                  {event.inviterName && event.inviterName !== event.actorName && <div className="text-xs">Shown as inviter: {event.inviterName}</div>}
                  {event.invitationId && <div className="text-xs text-zinc-500">{event.invitationId}</div>}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <nav aria-label="Pages" className="mt-4 flex items-center gap-3">
        {page > 0 ? <Link href={`?page=${page - 1}`}>Previous page</Link> : <span className="text-zinc-400">Previous page</span>}
        <span>Page {page + 1}</span>
        {hasMore ? <Link href={`?page=${page + 1}`}>Next page</Link> : <span className="text-zinc-400">Next page</span>}
      </nav>
    </>
  );
}
