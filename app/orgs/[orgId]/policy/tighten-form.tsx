"use client";

import { useRouter } from "next/navigation";
import { useActionState, useState, useTransition, type FormEvent } from "react";
import { Alert } from "@/components/alert";
import { FieldError } from "@/components/field-error";
import { SubmitButton } from "@/components/submit-button";
import type { ActionResult, FieldErrors } from "@/lib/authz/action";
import type { TighteningChange } from "@/lib/policy/admin";
import { fieldErrorsOf } from "@/lib/schemas/field-errors";
import { tightenPolicySchema, tightenPolicyValues } from "@/lib/schemas/policy";
import { removePolicyTighteningAction, tightenPolicyAction } from "./actions";
import type { TighteningChoice } from "./tighten-choices";

// One small form per limit: tighten it (the server refuses anything looser than the operator's), or remove
// the admins' tightening, which gives the limit back to the operator's value.

type State = ActionResult<TighteningChange> | null;
const inputClass = "mt-1 block w-full rounded border border-zinc-400 px-3 py-2 aria-[invalid=true]:border-red-600";
const UNREACHABLE: ActionResult<TighteningChange> = { ok: false, code: "unreachable", message: "This app did not answer. Reload the page to see whether anything changed." };

function ValueInput({ choice, errorId, invalid }: { choice: TighteningChoice; errorId: string; invalid: boolean }) {
  const id = `${choice.limit}-value`;
  const described = `${id}-hint ${errorId}`;
  if (choice.kind === "roles") {
    const checked = choice.current?.split(",") ?? [];
    return (
      <fieldset aria-describedby={described}>
        <legend className="font-medium">{choice.name}</legend>
        <p id={`${id}-hint`} className="text-sm text-zinc-600">{choice.hint}</p>
        <div className="mt-1 flex flex-wrap gap-4">
          {choice.roles?.map((role) => (
            <label key={role} className="flex items-center gap-2">
              <input type="checkbox" name="value" value={role} defaultChecked={checked.includes(role)} /> {role}
            </label>
          ))}
        </div>
      </fieldset>
    );
  }
  return (
    <>
      <label htmlFor={id} className="font-medium">{choice.name}</label>
      <p id={`${id}-hint`} className="text-sm text-zinc-600">{choice.hint}</p>
      <input
        id={id}
        name="value"
        type={choice.kind === "number" ? "number" : "text"}
        min={choice.min}
        max={choice.max}
        defaultValue={choice.current}
        className={`${inputClass} ${choice.kind === "number" ? "w-32" : ""}`}
        aria-invalid={invalid || undefined}
        aria-describedby={described}
      />
    </>
  );
}

function LimitForm({ orgId, choice }: { orgId: string; choice: TighteningChoice }) {
  const router = useRouter();
  const [clientErrors, setClientErrors] = useState<FieldErrors | null>(null);
  const [, startTransition] = useTransition();
  const [state, dispatch, pending] = useActionState<State, FormData>(async (_previous, form) => {
    const result = await (form.get("intent") === "remove"
      ? removePolicyTighteningAction({ orgId, limit: choice.limit })
      : tightenPolicyAction(tightenPolicyValues(form))
    ).catch(() => UNREACHABLE);
    if (result.ok) router.refresh();
    return result;
  }, null);

  const shown = pending ? null : state;
  const errors = clientErrors ?? (shown && !shown.ok ? (shown.fieldErrors ?? {}) : {});
  const errorId = `${choice.limit}-value-error`;

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const submitter = (event.nativeEvent as SubmitEvent).submitter as HTMLButtonElement | null;
    const form = new FormData(event.currentTarget, submitter);
    if (form.get("intent") !== "remove") {
      const check = tightenPolicySchema.safeParse(tightenPolicyValues(form));
      if (!check.success) return setClientErrors(fieldErrorsOf(check.error));
    }
    setClientErrors(null);
    startTransition(() => dispatch(form));
  }

  const editable = !choice.strictest;
  return (
    <form onSubmit={onSubmit} noValidate aria-label={`Tighten: ${choice.name}`} className="space-y-2 border-b border-zinc-200 py-4" data-testid={`tighten-${choice.limit}`}>
      <input type="hidden" name="orgId" value={orgId} />
      <input type="hidden" name="limit" value={choice.limit} />
      {choice.kind === "switch" ? (
        <>
          <p className="font-medium">{choice.name}</p>
          <p id={`${choice.limit}-value-hint`} className="text-sm text-zinc-600">{choice.strictest ?? choice.hint}</p>
          {choice.switchTo && <input type="hidden" name="value" value={choice.switchTo.value} />}
        </>
      ) : (
        <ValueInput choice={choice} errorId={errorId} invalid={Boolean(errors.value?.length)} />
      )}
      {choice.currentText !== undefined && (
        <p className="text-sm text-zinc-700">Tightened by the organization&apos;s admins to: {choice.currentText}</p>
      )}
      <FieldError id={errorId} errors={errors.value} />
      {shown && !shown.ok && !shown.fieldErrors?.value && <Alert tone="error">{shown.message}</Alert>}
      {shown?.ok && <Alert tone="success">{choice.name} in effect: {shown.data.inEffect}.</Alert>}
      <div className="flex flex-wrap items-center gap-2">
        {editable && (
          <SubmitButton pending={pending} pendingLabel="Saving…">
            {choice.switchTo?.label ?? `Tighten ${choice.name.toLowerCase()}`}
          </SubmitButton>
        )}
        {choice.current !== undefined && (
          <button type="submit" name="intent" value="remove" disabled={pending} className="rounded border border-zinc-300 bg-white px-3 py-2 hover:bg-zinc-100 disabled:opacity-60">
            Remove the tightening of {choice.name.toLowerCase()}
          </button>
        )}
      </div>
    </form>
  );
}

export function TightenPolicyForm({ orgId, choices }: { orgId: string; choices: TighteningChoice[] }) {
  return (
    <section aria-labelledby="tighten-heading" className="mt-8 max-w-2xl">
      <h3 id="tighten-heading" className="text-lg font-semibold">Tighten the policy</h3>
      <p className="text-zinc-700">
        As an administrator of this organization you may make any limit stricter than the operator&apos;s, never looser. Removing a
        tightening gives the limit back to the operator&apos;s value. Every change is recorded on the Activity page.
      </p>
      {choices.map((choice) => <LimitForm key={choice.limit} orgId={orgId} choice={choice} />)}
    </section>
  );
}
