import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { cache } from "react";
import { StartActingForm } from "@/app/support/start-acting-form";
import { LocalTime } from "@/components/local-time";
import { OrgHeader } from "@/components/org-header";
import { StatusBadge } from "@/components/status-badge";
import type { Authorized } from "@/lib/authz/gate";
import { relativeTime } from "@/lib/format/relative-time";
import { orgPage, orgPageTitle } from "@/lib/authz/org-page";
import { invitationHistory } from "@/lib/ledger/history";
import { invitationActions } from "@/lib/invitations/list";
import type { InvitationStatus } from "@/lib/ledger/status";
import { ledgerEntryIdSchema } from "@/lib/schemas/invitation";
import { ReinviteButton } from "./reinvite-button";

type Props = { params: Promise<{ orgId: string; invitationId: string }> };

/** The invitation's life in the ledger, read once a request for the page and its title; undefined when there is none. */
const history = cache(async (ctx: Authorized, invitationId: string) => {
  if (!ledgerEntryIdSchema.safeParse(invitationId).success) return undefined;
  const { chain, entries } = await invitationHistory(ctx, invitationId);
  const latest = chain.at(-1);
  return latest && { latest, entries };
});

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { orgId, invitationId } = await params;
  const title = await orgPageTitle(orgId, async (ctx) => {
    const found = await history(ctx, invitationId);
    return found && `Invitation for ${found.latest.inviteeEmail}`;
  });
  return { title };
}

export default async function InvitationHistoryPage({ params }: Props) {
  const { orgId, invitationId } = await params;
  const access = await orgPage(orgId, `/orgs/${orgId}/invitations/${invitationId}`);
  if (!access.ok) return <StartActingForm {...access.startActing} />;
  const found = await history(access.ctx, invitationId);
  if (!found) notFound();
  const { latest, entries } = found;
  const mayReinvite = (await invitationActions(access.ctx, latest)).includes("reinvite");

  return (
    <>
      <OrgHeader orgId={orgId} displayName={access.organization.displayName} active="invitations" />
      <p className="mb-2 text-sm"><Link prefetch={false} href={`/orgs/${orgId}/invitations?status=all`}>All invitations</Link></p>
      <h2 className="mb-1 text-xl font-semibold">Invitation for {latest.inviteeEmail}</h2>
      <p className="mb-4">
        Now: <StatusBadge status={latest.status as InvitationStatus} inferred={latest.statusInferred} />
      </p>
      <ReinviteButton orgId={orgId} invitationId={latest.id} email={latest.inviteeEmail} offered={mayReinvite} />
      <ol className="space-y-3 border-l-2 border-zinc-300 pl-4" aria-label="History">
        {entries.map((entry, index) => (
          <li key={index} data-testid="history-entry">
            <div className="font-medium">
              {entry.what}
              {entry.links && (
                <>
                  {": "}
                  {entry.links.map((link, at) => (
                    <span key={link.invitationId}>
                      {at > 0 && " → "}
                      <Link prefetch={false} href={`/orgs/${orgId}/invitations/${link.invitationId}`}>{link.label}</Link>
                    </span>
                  ))}
                </>
              )}
              {entry.inferred && <span className="ml-1 text-sm font-normal text-zinc-700">(inferred)</span>}
            </div>
            {entry.reason && <div className="text-sm text-zinc-700">Reason: {entry.reason}</div>}
            {entry.note && <div className="text-sm text-zinc-700">{entry.note}</div>}
            <div className="text-sm text-zinc-600"><LocalTime iso={entry.at.toISOString()} lead={relativeTime(entry.at.toISOString())} /></div>
          </li>
        ))}
      </ol>
    </>
  );
}
