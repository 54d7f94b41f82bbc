"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { refreshDirectoryAction } from "./actions";

/** Refreshes the directory of organizations now; on a large tenant this takes a while, so it says so. */
export function RefreshDirectoryButton() {
  const router = useRouter();
  const [message, setMessage] = useState<{ error: boolean; text: string } | null>(null);
  const [pending, startTransition] = useTransition();

  function refresh() {
    setMessage(null);
    startTransition(async () => {
      const result = await refreshDirectoryAction({});
      setMessage(result.ok ? { error: false, text: result.data.message } : { error: true, text: result.message });
      router.refresh();
    });
  }

  return (
    <div className="flex items-center gap-2">
      <button type="button" onClick={refresh} disabled={pending} aria-busy={pending} className="rounded border border-zinc-300 bg-white px-3 py-1.5 hover:bg-zinc-100 disabled:cursor-wait">
        {pending ? "Refreshing the directory… (up to a minute on a large tenant)" : "Refresh the directory now"}
      </button>
      <p aria-live="polite" role={message?.error ? "alert" : undefined} className={message?.error ? "text-red-800" : "text-zinc-700"}>
        {message?.text}
      </p>
    </div>
  );
}
