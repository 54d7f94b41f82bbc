"use client";

import { useState } from "react";

/** Copies text to the clipboard, saying so. `label` names what is copied, for screen readers and tests. */
export function CopyButton({ text, label }: { text: string; label: string }) {
  const [copied, setCopied] = useState(false);
  return (
    <button
      type="button"
      aria-label={label}
      onClick={async () => {
        await navigator.clipboard.writeText(text);
        setCopied(true);
        setTimeout(() => setCopied(false), 2_000);
      }}
      className="rounded border border-zinc-300 bg-white px-2 py-1 text-sm hover:bg-zinc-100"
    >
      {copied ? "Copied" : "Copy link"}
    </button>
  );
}
