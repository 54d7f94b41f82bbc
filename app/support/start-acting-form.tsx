"use client";

import { useRouter } from "next/navigation";
import { useActionState, useState, useTransition, type FormEvent } from "react";
import { Alert } from "@/components/alert";
import { FieldError } from "@/components/field-error";
import { SubmitButton } from "@/components/submit-button";
import type { ActionResult, FieldErrors } from "@/lib/authz/action";
import { MAX_REASON, MIN_REASON } from "@/lib/schemas/reason";
import { startActingAction } from "./actions";

type Props = { orgId: string; displayName: string; returnTo: string };

// Every organization page may show this form, but only to support staff who have not yet said why they act
// there; the check with the shared schema (and zod with it) loads when a reason is first sent, so the
// organization's own admins never load it.
const loadCheck = () => import("./start-acting-check");

/** Asked once when support staff enter an organization: the reason holds until they stop or sign out. */
export function StartActingForm({ orgId, displayName, returnTo }: Props) {
  const router = useRouter();
  const [clientErrors, setClientErrors] = useState<FieldErrors | null>(null);
  const [, startTransition] = useTransition();
  const [state, dispatch, pending] = useActionState<ActionResult<{ returnTo: string }> | null, FormData>(async (_previous, form) => {
    const result = await startActingAction({ orgId, reason: String(form.get("reason") ?? ""), returnTo });
    if (result.ok) {
      // The banner lives in the root layout, which a client navigation keeps: refresh it too.
      router.replace(result.data.returnTo);
      router.refresh();
    }
    return result;
  }, null);
  // While a submission is under way, what the one before it said no longer holds.
  const shown = pending ? null : state;
  const errors = clientErrors ?? (shown && !shown.ok ? shown.fieldErrors : undefined) ?? {};

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    // Should the check not load, the server checks the reason with the same schema.
    const check = await loadCheck().catch(() => undefined);
    const errors = check?.startActingErrors({ orgId, reason: String(form.get("reason") ?? "") }) ?? null;
    setClientErrors(errors);
    if (!errors) startTransition(() => dispatch(form));
  }

  return (
    <section className="max-w-xl space-y-4" data-testid="start-acting">
      <h1 className="text-2xl font-semibold">Act for {displayName} as support</h1>
      <p className="text-zinc-700">
        Say why you act on behalf of {displayName}. The reason is recorded with everything you do there, and the
        organization&apos;s admins see it on their Activity page. It holds until you stop acting or sign out.
      </p>
      <form action={dispatch} onSubmit={onSubmit} noValidate className="space-y-4">
        <div>
          <label htmlFor="reason" className="font-medium">Reason</label>
          <p id="reason-hint" className="text-sm text-zinc-600">A ticket reference or a few words, {MIN_REASON}–{MAX_REASON} characters.</p>
          <input
            id="reason"
            name="reason"
            autoFocus
            maxLength={MAX_REASON}
            className="mt-1 block w-full rounded border border-zinc-400 px-3 py-2 aria-[invalid=true]:border-red-600"
            aria-invalid={errors.reason?.length ? true : undefined}
            aria-describedby="reason-hint reason-error"
          />
          <FieldError id="reason-error" errors={errors.reason} />
        </div>
        <SubmitButton pending={pending} pendingLabel="Starting…">Act for {displayName}</SubmitButton>
        <div aria-live="polite">{shown && !shown.ok && !shown.fieldErrors && <Alert tone="error">{shown.message}</Alert>}</div>
      </form>
    </section>
  );
}
