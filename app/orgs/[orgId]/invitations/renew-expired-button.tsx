"use client";

import { useRouter } from "next/navigation";
import { useEffect, useRef, useState, useTransition, type FormEvent } from "react";
import { Alert } from "@/components/alert";
import { StillWorking } from "@/components/still-working";
import { renewExpiredAction } from "./actions";

/** Invites again everyone whose invitation expired unused, after asking once; `count` is how many that would send. */
export function RenewExpiredButton({ orgId, count }: { orgId: string; count: number }) {
  const router = useRouter();
  const [asking, setAsking] = useState(false);
  const [message, setMessage] = useState<{ tone: "success" | "error"; text: string } | null>(null);
  const [pending, startTransition] = useTransition();
  // The confirmation is gone once answered: focus goes to what the renewal came to.
  const answer = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (message) answer.current?.focus();
  }, [message]);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setAsking(false);
    setMessage(null);
    startTransition(async () => {
      const result = await renewExpiredAction({ orgId });
      if (!result.ok) setMessage({ tone: "error", text: `Could not renew the expired invitations: ${result.message}` });
      else {
        const { renewed, failed, beyondCeiling } = result.data;
        // Someone else may have renewed them meanwhile: then nothing was sent, and it says so.
        const parts = [renewed > 0 ? `Invited ${renewed} ${renewed === 1 ? "person" : "people"} again.` : "No invitation needed renewing; nothing was sent."];
        if (beyondCeiling > 0) parts.push(`${beyondCeiling} left alone: they grant roles above yours.`);
        for (const failure of failed) parts.push(`${failure.email}: ${failure.message}`);
        setMessage({ tone: failed.length > 0 ? "error" : "success", text: parts.join(" ") });
      }
      router.refresh();
    });
  }

  return (
    <div className="relative">
      {/* Always mounted, the button only while something would be sent: renewing the last ones must not take its answer away. */}
      {(count > 0 || pending) && (
        <button type="button" onClick={() => setAsking(true)} disabled={pending} className="rounded border border-zinc-300 bg-white px-3 py-2 hover:bg-zinc-100">
          {pending ? "Renewing…" : `Renew all expired (${count})`}
        </button>
      )}
      {asking && count > 0 && (
        <form onSubmit={onSubmit} aria-label="Confirm renewing" className="absolute left-0 z-10 mt-2 w-80 max-w-[calc(100vw-2rem)] sm:right-0 sm:left-auto space-y-3 rounded border border-amber-300 bg-amber-50 p-4 shadow">
          <p>Invite again everyone whose invitation expired unused, with the same settings and a fresh expiry?</p>
          <div className="flex gap-2">
            <button type="submit" autoFocus className="rounded bg-blue-700 px-3 py-1.5 font-medium text-white">Yes, renew</button>
            <button type="button" onClick={() => setAsking(false)} className="rounded border border-zinc-300 bg-white px-3 py-1.5">Cancel</button>
          </div>
        </form>
      )}
      {/* In the flow, not over the page: the answer must not cover the table's headings. */}
      <div ref={answer} tabIndex={-1} aria-live="polite" className="max-w-80 focus:outline-2 focus:outline-blue-700">
        {message && <Alert tone={message.tone}>{message.text}</Alert>}
        <StillWorking pending={pending} className="rounded bg-white text-zinc-700" />
      </div>
    </div>
  );
}
