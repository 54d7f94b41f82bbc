"use client";

import { useActionState } from "react";
import { Alert } from "@/components/alert";
import { SubmitButton } from "@/components/submit-button";
import type { ActionResult } from "@/lib/authz/action";
import { saveSettingsAction } from "./actions";

type State = ActionResult<{ outcomeEmails: boolean }> | null;

export function SettingsForm({ outcomeEmails, ownEmail }: { outcomeEmails: boolean; ownEmail: boolean }) {
  const [state, submit, pending] = useActionState<State, FormData>(
    (_previous, form) => saveSettingsAction({ outcomeEmails: form.get("outcomeEmails") === "on" }),
    null,
  );
  const checked = state?.ok ? state.data.outcomeEmails : outcomeEmails;
  return (
    <form action={submit} className="space-y-4">
      <div>
        <label className="flex items-center gap-2">
          <input type="checkbox" name="outcomeEmails" defaultChecked={checked} key={String(checked)} aria-describedby="outcome-emails-hint" />
          Email me when my invitations are accepted, used up by another account, or expire unaccepted
        </label>
        <p id="outcome-emails-hint" className="text-sm text-zinc-600">
          {ownEmail
            ? "The home page's “Since your last visit” list shows these either way."
            : "This app sends no email of its own at the moment (the operator has not set it up); the home page's “Since your last visit” list shows these either way."}
        </p>
      </div>
      <SubmitButton pending={pending} pendingLabel="Saving…">Save settings</SubmitButton>
      <div aria-live="polite">
        {state?.ok && <Alert tone="success">Settings saved: emails about your invitations are {state.data.outcomeEmails ? "on" : "off"}.</Alert>}
        {state && !state.ok && <Alert tone="error">{state.message}</Alert>}
      </div>
    </form>
  );
}
