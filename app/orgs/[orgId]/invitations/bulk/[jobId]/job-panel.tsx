"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useState, useTransition } from "react";
import { Alert } from "@/components/alert";
import { StillWorking } from "@/components/still-working";
import type { ActionResult } from "@/lib/authz/action";
import type { ProgressJson } from "@/lib/bulk/results";
import { cancelBulkJobAction, pauseBulkJobAction, resumeBulkJobAction, retryFailedRowsAction } from "./actions";

type Props = {
  orgId: string;
  jobId: string;
  initial: ProgressJson;
  /** Why this viewer may not use the job's controls; undefined when they may. */
  controlsRefused?: string;
  /** The results leave out links of invitations above this viewer's roles. */
  linksWithheld: boolean;
};

const bulkJobKeys = { progress: (orgId: string, jobId: string) => ["bulk-job", orgId, jobId, "progress"] as const };
const POLL_MS = 1_000;

const STATUS_TEXT: Record<string, string> = {
  draft: "Not started",
  running: "Sending",
  paused: "Paused",
  cancelled: "Cancelled",
  stopped: "Stopped",
  done: "Finished",
};

function timeLeft(seconds: number | null): string {
  if (seconds === null) return "";
  if (seconds < 60) return `about ${seconds} s left`;
  return `about ${Math.ceil(seconds / 60)} min left`;
}

/** Progress (polled while the job runs), the job's controls, and at the end its summary and results. */
export function JobPanel({ orgId, jobId, initial, controlsRefused, linksWithheld }: Props) {
  const queryClient = useQueryClient();
  const [message, setMessage] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const { data: progress } = useQuery({
    queryKey: bulkJobKeys.progress(orgId, jobId),
    queryFn: async (): Promise<ProgressJson> => {
      const response = await fetch(`/orgs/${orgId}/invitations/bulk/${jobId}/progress`, { cache: "no-store" });
      if (!response.ok) throw new Error(await response.text());
      return response.json();
    },
    initialData: initial,
    refetchInterval: (query) => (query.state.data?.status === "running" ? POLL_MS : false),
  });
  const { counts, total, status } = progress;
  const settled = counts.sent + counts.skipped + counts.failed + counts.merged;
  const percent = total > 0 ? Math.floor((settled / total) * 100) : 100;

  function run(action: (input: { orgId: string; jobId: string }) => Promise<ActionResult<{ status: string }>>) {
    setMessage(null);
    startTransition(async () => {
      const result = await action({ orgId, jobId });
      if (!result.ok) setMessage(result.message);
      await queryClient.invalidateQueries({ queryKey: bulkJobKeys.progress(orgId, jobId) });
    });
  }

  const button = "rounded border border-zinc-300 bg-white px-3 py-1.5 font-medium hover:bg-zinc-100 disabled:cursor-wait";
  // Shown, but not usable, to someone the job's controls are not for: the note next to them says why.
  const controlProps = controlsRefused
    ? { disabled: true, "aria-describedby": "job-controls-refused", className: `${button} disabled:cursor-not-allowed disabled:opacity-60` }
    : { disabled: pending, className: button };
  return (
    <div className="space-y-4">
      <p className="font-medium" data-testid="job-status">
        {STATUS_TEXT[status] ?? status}
        {progress.statusDetail && <span className="block text-sm font-normal text-red-800">{progress.statusDetail}</span>}
      </p>
      <div>
        <div
          role="progressbar"
          aria-label="Invitations settled"
          aria-valuemin={0}
          aria-valuemax={total}
          aria-valuenow={settled}
          aria-valuetext={`${settled} of ${total} rows settled`}
          className="h-4 w-full overflow-hidden rounded bg-zinc-200"
        >
          <div className="h-full bg-blue-700 transition-[width]" style={{ width: `${percent}%` }} />
        </div>
        <p className="mt-2 text-sm" data-testid="job-counts" aria-live="polite">
          {counts.sent} sent · {counts.skipped} skipped · {counts.failed} failed{counts.merged > 0 && ` · ${counts.merged} merged`} · {counts.queued + counts.sending} to go, of {total}
          {status === "running" && progress.rate > 0 && ` · ${progress.rate} a second, ${timeLeft(progress.secondsLeft)}`}
        </p>
      </div>

      <div className="flex flex-wrap gap-2">
        {status === "running" && (
          <button type="button" {...controlProps} onClick={() => run(pauseBulkJobAction)}>Pause</button>
        )}
        {(status === "paused" || status === "stopped") && (
          <button type="button" {...controlProps} onClick={() => run(resumeBulkJobAction)}>Resume</button>
        )}
        {(status === "running" || status === "paused" || status === "stopped") && (
          <button type="button" {...controlProps} onClick={() => run(cancelBulkJobAction)}>Cancel the rest</button>
        )}
        {(status === "done" || status === "stopped" || status === "cancelled") && counts.failed > 0 && (
          <button type="button" {...controlProps} onClick={() => run(retryFailedRowsAction)}>
            Retry the {counts.failed} failed row{counts.failed === 1 ? "" : "s"}
          </button>
        )}
        <a className={`${button} no-underline`} href={`/orgs/${orgId}/invitations/bulk/${jobId}/results`} download>
          Download results (CSV)
        </a>
      </div>
      {controlsRefused && (
        <p id="job-controls-refused" className="text-sm text-zinc-700" data-testid="job-controls-refused">
          {controlsRefused}
        </p>
      )}
      {linksWithheld && (
        <p className="text-sm text-zinc-700">The results leave out the links of invitations that grant roles above yours.</p>
      )}
      <StillWorking pending={pending} />
      <div aria-live="polite">{message && <Alert tone="error">{message}</Alert>}</div>
      {status === "done" && (
        <Alert tone={counts.failed > 0 ? "error" : "success"}>
          Finished: {counts.sent} invited, {counts.skipped} skipped, {counts.failed} failed{counts.merged > 0 && `, ${counts.merged} merged into an earlier line of their address`}.
          {counts.failed > 0 && " The results CSV says why each failed; retry them once the cause is fixed."}
        </Alert>
      )}
    </div>
  );
}
