"use client";

import { useRouter } from "next/navigation";
import { useCallback, useEffect, useState, useTransition } from "react";
import { Alert } from "@/components/alert";
import { LocalTime } from "@/components/local-time";
import { relativeTime } from "@/lib/format/relative-time";

/** How current a page's copy of Auth0's data is (the ledger's, lib/ledger/freshness.ts; the members', lib/members/refresh.ts). */
export type Freshness = {
  /** When the last complete refresh from Auth0 began or ended; null when there has been none. */
  asOf: string | null;
  /** A refresh has been asked for and is not done yet. */
  refreshing: boolean;
  /** Why the last refresh failed, when it did and none has worked since. */
  problem: string | null;
  /** Changes whenever what the page shows does: the page compares it with the one it was rendered with. */
  fingerprint: string;
};

type Props = {
  /** What the copy holds ("ledger", "members"): names its test id. */
  kind: string;
  orgId: string;
  rendered: Freshness;
  pollSeconds: number | null;
  /** The GET route, behind the page's gate, that answers the current freshness from the store. */
  freshnessUrl: string;
  /** Asks the background for a refresh (a server action that passes the page's gate). */
  refreshAction: (input: { orgId: string }) => Promise<{ ok: true } | { ok: false; message: string }>;
  /** Said before the first refresh has completed. */
  neverText: string;
};

/** While a refresh is under way, how often the page looks whether it has landed. */
const REFRESHING_POLL_MS = 2_000;

/**
 * What the freshness route answers now, polled every `pollSeconds` (every 2 s while a refresh is under way),
 * starting from what the page was rendered with; `check` asks at once. The page gives the bar a `key` of
 * its "as of" and fingerprint, so each render starts afresh. (A plain poll: react-query would add about
 * 10 kB to the pages that show this bar, `npm run size`.)
 */
function usePolledFreshness(freshnessUrl: string, rendered: Freshness, pollSeconds: number | null) {
  const [data, setData] = useState(rendered);
  const [polls, setPolls] = useState(0);
  const check = useCallback(async () => {
    try {
      const response = await fetch(freshnessUrl, { cache: "no-store" });
      if (response.ok) setData(await response.json());
    } finally {
      setPolls((count) => count + 1);
    }
  }, [freshnessUrl]);
  useEffect(() => {
    const delay = data.refreshing ? REFRESHING_POLL_MS : pollSeconds ? pollSeconds * 1000 : null;
    if (delay === null) return;
    const timer = setTimeout(() => void check().catch(() => {}), delay);
    return () => clearTimeout(timer);
  }, [data, polls, pollSeconds, check]);
  return { data, check };
}

/**
 * "As of" the copy's last refresh from Auth0, the "Refresh from Auth0" button, and the poll that renders
 * the page again when a refresh lands or something changed in the background (no reload by hand).
 */
export function FreshnessBar({ kind, orgId, rendered, pollSeconds, freshnessUrl, refreshAction, neverText }: Props) {
  const router = useRouter();
  const [problem, setProblem] = useState<string | null>(null);
  const [asking, startAsking] = useTransition();
  const [updating, startUpdating] = useTransition();
  const { data, check } = usePolledFreshness(freshnessUrl, rendered, pollSeconds);

  const changed = data.asOf !== rendered.asOf || data.fingerprint !== rendered.fingerprint;
  useEffect(() => {
    if (changed && !updating) startUpdating(() => router.refresh());
  }, [changed, updating, router]);

  function refresh() {
    setProblem(null);
    startAsking(async () => {
      // A request that never came back (the network, a closed tab) is told like a refusal, never thrown at the page.
      const result = await refreshAction({ orgId }).catch(() => ({ ok: false as const, message: "This app did not answer. Try again in a moment." }));
      if (!result.ok) setProblem(result.message);
      else await check().catch(() => {});
    });
  }

  const refreshing = asking || data.refreshing;
  const failure = problem ?? data.problem;
  return (
    <div className="space-y-2">
      <div
        className="flex flex-wrap items-center justify-between gap-2 text-sm text-zinc-700"
        data-testid={`${kind}-freshness`}
        data-as-of={rendered.asOf ?? ""}
        data-refreshing={String(refreshing)}
      >
        <div role="status" aria-live="polite">
          {rendered.asOf ? (
            <>As of <LocalTime iso={rendered.asOf} lead={relativeTime(rendered.asOf)} /></>
          ) : (
            neverText
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
