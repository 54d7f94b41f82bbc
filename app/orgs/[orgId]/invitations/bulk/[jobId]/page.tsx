import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { cache } from "react";
import { QueryProvider } from "@/app/providers";
import { StartActingForm } from "@/app/support/start-acting-form";
import { LocalTime } from "@/components/local-time";
import { OrgHeader } from "@/components/org-header";
import type { Authorized } from "@/lib/authz/gate";
import { orgPage, orgPageTitle } from "@/lib/authz/org-page";
import { Refusal } from "@/lib/authz/refusal";
import { bulkJobControls, bulkJobLinksWithinCeiling, bulkJobProgress } from "@/lib/bulk/organization-jobs";
import { progressJson } from "@/lib/bulk/results";
import { JobPanel } from "./job-panel";

type Props = { params: Promise<{ orgId: string; jobId: string }> };

/** The job's progress, read once a request for the page and its title; undefined when the organization has no such job. */
const progressOf = cache(async (ctx: Authorized, jobId: string) => {
  return bulkJobProgress(ctx, jobId).catch((error) => {
    if (error instanceof Refusal) return undefined;
    throw error;
  });
});

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { orgId, jobId } = await params;
  const title = await orgPageTitle(orgId, async (ctx) => ((await progressOf(ctx, jobId)) ? "Bulk invitation job" : undefined));
  return { title };
}

/** A bulk job: its progress, live while it runs, its controls, and its results. It goes on with the tab closed. */
export default async function BulkJobPage({ params }: Props) {
  const { orgId, jobId } = await params;
  const access = await orgPage(orgId, `/orgs/${orgId}/invitations/bulk/${jobId}`);
  if (!access.ok) return <StartActingForm {...access.startActing} />;
  const progress = await progressOf(access.ctx, jobId);
  if (!progress) notFound();
  const { job } = progress;
  const [controls, everyLink] = await Promise.all([bulkJobControls(access.ctx, jobId), bulkJobLinksWithinCeiling(access.ctx, jobId)]);

  return (
    <>
      <OrgHeader orgId={orgId} displayName={access.organization.displayName} active="invitations" />
      <section className="space-y-4">
        <h2 className="text-xl font-semibold">Bulk invitation job</h2>
        <p className="text-sm text-zinc-600">
          Started by {job.actorName}
          {job.actorKind === "support" && " (support)"}
          {job.startedAt && <> on <LocalTime iso={job.startedAt.toISOString()} /></>}. It goes on when this page is
          closed; open it again from the <Link prefetch={false} href={`/orgs/${orgId}/invitations`}>invitations page</Link>.
        </p>
        <QueryProvider>
          <JobPanel
            orgId={orgId}
            jobId={jobId}
            initial={progressJson(progress)}
            controlsRefused={controls.allowed ? undefined : controls.why}
            linksWithheld={!job.sendEmail && !everyLink}
          />
        </QueryProvider>
      </section>
    </>
  );
}
