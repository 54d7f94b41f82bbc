"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { StillWorking } from "@/components/still-working";
import { stopActingAction } from "./actions";

type Props = { orgId: string; organizationName: string; reason: string };

/** Shown on every page while support staff act for an organization, with the way to stop. */
export function ActingBanner({ orgId, organizationName, reason }: Props) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();

  function stop() {
    startTransition(async () => {
      const result = await stopActingAction({ orgId });
      if (!result.ok) return setError(result.message);
      router.push("/support");
      router.refresh();
    });
  }

  return (
    <div role="region" aria-label={`Acting for ${organizationName}`} className="border-b border-amber-300 bg-amber-50" data-testid="acting-banner">
      <div className="mx-auto flex max-w-5xl flex-wrap items-center justify-between gap-2 px-4 py-2 text-sm text-amber-950">
        <p>
          Acting for <strong>{organizationName}</strong> as support — reason: {reason}
        </p>
        <button type="button" onClick={stop} disabled={pending} className="rounded border border-amber-400 bg-white px-3 py-1 font-medium hover:bg-amber-100">
          {pending ? "Stopping…" : "Stop acting"}
        </button>
        <StillWorking pending={pending} className="text-amber-950" />
        {error && <p role="alert" className="w-full text-red-800">{error}</p>}
      </div>
    </div>
  );
}
