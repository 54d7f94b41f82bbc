import Link from "next/link";
import { notFound } from "next/navigation";
import { QueryProvider } from "@/app/providers";
import { StartActingForm } from "@/app/support/start-acting-form";
import { OrgHeader } from "@/components/org-header";
import { orgPage } from "@/lib/authz/org-page";
import { Refusal } from "@/lib/authz/refusal";
import { jobProgress } from "@/lib/bulk/jobs";
import { progressJson } from "@/lib/bulk/results";
import { store } from "@/lib/db/store";
import { JobPanel } from "./job-panel";

type Props = { params: Promise<{ orgId: string; jobId: string }> };

/** A bulk job: its progress, live while it runs, its controls, and its results. It goes on with the tab closed. */
export default async function BulkJobPage({ params }: Props) {
  const { orgId, jobId } = await params;
  const access = await orgPage(orgId, `/orgs/${orgId}/invitations/bulk/${jobId}`);
  if (!access.ok) return <StartActingForm {...access.startActing} />;
  const { db } = await store();
  const progress = await jobProgress(db, access.ctx, jobId).catch((error) => {
    if (error instanceof Refusal) return undefined;
    throw error;
  });
  if (!progress) notFound();
  const { job } = progress;

  return (
    <>
      <OrgHeader orgId={orgId} displayName={access.organization.displayName} active="invitations" />
      <section className="space-y-4">
        <h2 className="text-xl font-semibold">Bulk invitation job</h2>
        <p className="text-sm text-zinc-600">
          Started by {job.actorName}
          {job.actorKind === "support" && " (support)"}
          {job.startedAt && <> on {job.startedAt.toISOString().slice(0, 16).replace("T", " ")} UTC</>}. It goes on when this page is
          closed; open it again from the <Link prefetch={false} href={`/orgs/${orgId}/invitations`}>invitations page</Link>.
        </p>
        <QueryProvider>
          <JobPanel orgId={orgId} jobId={jobId} initial={progressJson(progress)} />
        </QueryProvider>
      </section>
    </>
  );
}
