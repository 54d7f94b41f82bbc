"use client";

import { useRouter } from "next/navigation";
import { useActionState, useState, type FormEvent } from "react";
import { z } from "zod/mini";
import { Alert } from "@/components/alert";
import { FieldError } from "@/components/field-error";
import { SubmitButton } from "@/components/submit-button";
import type { ActionResult, FieldErrors } from "@/lib/authz/action";
import { MAX_REASON, MIN_REASON, startActingSchema } from "@/lib/schemas/support";
import { startActingAction } from "./actions";

type Props = { orgId: string; displayName: string; returnTo: string };

/** Asked once when support staff enter an organization: the reason holds until they stop or sign out. */
export function StartActingForm({ orgId, displayName, returnTo }: Props) {
  const router = useRouter();
  const [clientErrors, setClientErrors] = useState<FieldErrors | null>(null);
  const [state, dispatch, pending] = useActionState<ActionResult<{ returnTo: string }> | null, FormData>(async (_previous, form) => {
    const result = await startActingAction({ orgId, reason: String(form.get("reason") ?? ""), returnTo });
    if (result.ok) {
      // The banner lives in the root layout, which a client navigation keeps: refresh it too.
      router.replace(result.data.returnTo);
      router.refresh();
    }
    return result;
  }, null);
  const errors = clientErrors ?? (state && !state.ok ? state.fieldErrors : undefined) ?? {};

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    const check = startActingSchema.safeParse({ orgId, reason: String(new FormData(event.currentTarget).get("reason") ?? "") });
    if (!check.success) {
      event.preventDefault();
      setClientErrors(z.flattenError(check.error).fieldErrors as FieldErrors);
    } else setClientErrors(null);
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
        <div aria-live="polite">{state && !state.ok && !state.fieldErrors && <Alert tone="error">{state.message}</Alert>}</div>
      </form>
    </section>
  );
}
