"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useEffect, useState, useTransition } from "react";
import { Alert } from "@/components/alert";
import { LocalTime } from "@/components/local-time";
import { relativeTime } from "@/lib/format/relative-time";
import type { LedgerFreshness } from "@/lib/ledger/freshness";
import { refreshFromAuth0Action } from "./actions";

type Props = { orgId: string; rendered: LedgerFreshness; pollSeconds: number | null };

const ledgerKeys = {
  freshness: (orgId: string) => ["ledger", orgId, "freshness"] as const,
  /** Polled from one render of the page: each render starts from what it showed, never from an earlier visit's answer. */
  freshnessSince: (orgId: string, rendered: LedgerFreshness) => [...ledgerKeys.freshness(orgId), rendered.asOf, rendered.fingerprint] as const,
};
/** While a refresh is under way, how often the page looks whether it has landed. */
const REFRESHING_POLL_MS = 2_000;

/**
 * "As of" the ledger's last refresh against Auth0, the "Refresh from Auth0" button, and the poll that
 * renders the page again when a refresh lands or a status changed in the background (no reload by hand).
 */
export function LedgerFreshnessBar({ orgId, rendered, pollSeconds }: Props) {
  const router = useRouter();
  const queryClient = useQueryClient();
  const [problem, setProblem] = useState<string | null>(null);
  const [asking, startAsking] = useTransition();
  const [updating, startUpdating] = useTransition();
  const { data } = useQuery({
    queryKey: ledgerKeys.freshnessSince(orgId, rendered),
    queryFn: async (): Promise<LedgerFreshness> => {
      const response = await fetch(`/orgs/${orgId}/invitations/freshness`, { cache: "no-store" });
      if (!response.ok) throw new Error(await response.text());
      return response.json();
    },
    initialData: rendered,
    refetchInterval: (query) => (query.state.data?.refreshing ? REFRESHING_POLL_MS : pollSeconds ? pollSeconds * 1000 : false),
  });

  const changed = data.asOf !== rendered.asOf || data.fingerprint !== rendered.fingerprint;
  useEffect(() => {
    if (changed && !updating) startUpdating(() => router.refresh());
  }, [changed, updating, router]);

  function refresh() {
    setProblem(null);
    startAsking(async () => {
      const result = await refreshFromAuth0Action({ orgId });
      if (!result.ok) setProblem(result.message);
      else await queryClient.invalidateQueries({ queryKey: ledgerKeys.freshness(orgId) });
    });
  }

  const refreshing = asking || data.refreshing;
  const failure = problem ?? data.problem;
  return (
    <div className="space-y-2">
      <div
        className="flex flex-wrap items-center justify-between gap-2 text-sm text-zinc-700"
        data-testid="ledger-freshness"
        data-as-of={rendered.asOf ?? ""}
        data-refreshing={String(refreshing)}
      >
        <div role="status" aria-live="polite">
          {rendered.asOf ? (
            <>As of <LocalTime iso={rendered.asOf} lead={relativeTime(rendered.asOf)} /></>
          ) : (
            "Not yet compared with Auth0's list of this organization's invitations."
          )}
          {refreshing && <span className="block font-medium">Checking with Auth0… the list updates itself when that is done.</span>}
        </div>
        <button
          type="button"
          onClick={refresh}
          disabled={refreshing}
          aria-busy={refreshing}
          className="rounded border border-zinc-300 bg-white px-3 py-1.5 hover:bg-zinc-100 disabled:cursor-wait"
        >
          Refresh from Auth0
        </button>
      </div>
      {failure && <Alert tone="error">The last refresh from Auth0 failed: {failure}</Alert>}
    </div>
  );
}
