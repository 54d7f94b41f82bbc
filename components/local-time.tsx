"use client";

import { useSyncExternalStore } from "react";
import { localText, utcText } from "@/lib/format/exact-time";

const noSubscription = () => () => {};

/**
 * A moment in the reader's local time, with UTC on hover. The server renders UTC (it cannot know the reader's
 * time zone), and the browser switches to local time only after hydration, so both render the same first.
 */
export function LocalTime({ iso }: { iso: string }) {
  const utc = utcText(iso);
  // Hydration renders the server's snapshot (none: UTC), then React renders again with the browser's.
  const local = useSyncExternalStore(noSubscription, () => localText(iso), () => undefined);
  return (
    <time dateTime={iso} title={utc}>
      {local ?? utc}
    </time>
  );
}
