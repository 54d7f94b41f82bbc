"use client";

import { useEffect, useState } from "react";

/** How long an answer may take before the page says it is still waiting. */
export const SLOW_AFTER_MS = 2_000;

/**
 * Says that the app is still waiting for Auth0 once an action has been pending for over two seconds, so a
 * slow tenant does not look like a page that stopped. The live region is always there, so the note is
 * announced when it appears; it goes with the answer.
 */
export function StillWorking({ pending, className = "text-zinc-700" }: { pending: boolean; className?: string }) {
  const [slow, setSlow] = useState(false);
  useEffect(() => {
    if (!pending) return;
    const timer = setTimeout(() => setSlow(true), SLOW_AFTER_MS);
    return () => {
      clearTimeout(timer);
      setSlow(false);
    };
  }, [pending]);
  return (
    <p role="status" className={`text-sm ${className}`}>
      {pending && slow ? "Still working — waiting for Auth0…" : ""}
    </p>
  );
}
