"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { Alert } from "@/components/alert";
import { StillWorking } from "@/components/still-working";
import { reinviteAction } from "../actions";

/**
 * Sends a fresh invitation with the same settings in one click; the history then shows it at the chain's end.
 * Stays mounted when no longer `offered` (the new invitation is pending), so that its answer stays on screen.
 */
export function ReinviteButton({ orgId, invitationId, email, offered }: { orgId: string; invitationId: string; email: string; offered: boolean }) {
  const router = useRouter();
  const [message, setMessage] = useState<{ tone: "success" | "error"; text: string } | null>(null);
  const [pending, startTransition] = useTransition();

  function reinvite() {
    setMessage(null);
    startTransition(async () => {
      const result = await reinviteAction({ orgId, invitationId });
      setMessage(result.ok ? { tone: "success", text: `Invited ${email} again.` } : { tone: "error", text: `Could not invite ${email} again: ${result.message}` });
      router.refresh();
    });
  }

  if (!offered && !message) return null;
  return (
    <div className="mb-4 space-y-2">
      {offered && message?.tone !== "success" && (
        <button type="button" onClick={reinvite} disabled={pending} className="rounded bg-blue-700 px-3 py-1.5 font-medium text-white hover:bg-blue-800 disabled:bg-blue-400">
          {pending ? "Inviting…" : `Invite ${email} again`}
        </button>
      )}
      {offered && <p className="text-sm text-zinc-600">A new invitation with the same application, connection, roles and expiry length, in your name.</p>}
      <div aria-live="polite">
        {message && <Alert tone={message.tone}>{message.text}</Alert>}
        <StillWorking pending={pending} />
      </div>
    </div>
  );
}
