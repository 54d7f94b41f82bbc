import Link from "next/link";
import { LocalTime } from "@/components/local-time";

type JobLine = { id: string; status: string; createdAt: Date; actorName: string; rows: number; sent: number };

/** The organization's recent bulk jobs, each a link to its page (where a running one can be followed). */
export function BulkJobsList({ orgId, jobs }: { orgId: string; jobs: JobLine[] }) {
  if (jobs.length === 0) return null;
  return (
    <section aria-labelledby="bulk-jobs-heading" className="rounded-lg border border-zinc-200 bg-white p-4">
      <h2 id="bulk-jobs-heading" className="font-medium">Bulk jobs</h2>
      <ul className="mt-2 space-y-1 text-sm">
        {jobs.map((job) => (
          <li key={job.id} data-testid="bulk-job">
            <Link prefetch={false} href={`/orgs/${orgId}/invitations/bulk/${job.id}`}>
              <LocalTime iso={job.createdAt.toISOString()} /> by {job.actorName}: {job.sent} of {job.rows} sent ({job.status})
            </Link>
          </li>
        ))}
      </ul>
    </section>
  );
}
