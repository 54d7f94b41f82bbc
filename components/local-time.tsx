"use client";

import { useEffect, useState } from "react";
import { localText, utcText } from "@/lib/format/exact-time";

/**
 * A moment in the reader's local time, with UTC on hover. The server renders UTC (it cannot know the reader's
 * time zone), and the browser switches to local time only after hydration, so both render the same first.
 */
export function LocalTime({ iso }: { iso: string }) {
  const utc = utcText(iso);
  const [local, setLocal] = useState<string>();
  useEffect(() => setLocal(localText(iso)), [iso]);
  return (
    <time dateTime={iso} title={utc}>
      {local ?? utc}
    </time>
  );
}
