"use client";

import { useSyncExternalStore } from "react";
import { localText, utcText } from "@/lib/format/exact-time";

const noSubscription = () => () => {};

/**
 * Every moment a page shows: in the reader's local time, with UTC on hover. The server renders UTC (it cannot
 * know the reader's time zone), and the browser switches to local time only after hydration, so both render
 * the same first. A `lead` ("in 7 days", "Expired 2 hours ago") goes above it, the exact time below.
 */
export function LocalTime({ iso, lead }: { iso: string; lead?: string }) {
  const utc = utcText(iso);
  // Hydration renders the server's snapshot (none: UTC), then React renders again with the browser's.
  const local = useSyncExternalStore(noSubscription, () => localText(iso), () => undefined);
  if (lead === undefined) {
    return (
      <time dateTime={iso} title={utc}>
        {local ?? utc}
      </time>
    );
  }
  return (
    <time dateTime={iso} className="block">
      {lead}
      <span className="block text-xs text-zinc-600" title={utc}>{local ?? utc}</span>
    </time>
  );
}
