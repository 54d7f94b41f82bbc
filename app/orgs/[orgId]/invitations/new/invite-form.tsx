"use client";

import Link from "next/link";
import { useActionState, useEffect, useRef, useState, useTransition, type FormEvent } from "react";
import { Alert } from "@/components/alert";
import { CopyButton } from "@/components/copy-button";
import { FieldError } from "@/components/field-error";
import { LocalTime } from "@/components/local-time";
import { SubmitButton } from "@/components/submit-button";
import type { ActionResult, FieldErrors } from "@/lib/authz/action";
import type { InviteFormProps } from "../invite-page";
import { fieldErrorsOf } from "@/lib/schemas/field-errors";
import { MAX_EMAILS_PER_SUBMISSION, createInvitationsSchema, invitationFormValues } from "@/lib/schemas/invitation";
import { createInvitationsAction, type CreateInvitationsResult } from "../actions";
import { InvitationSettingsFields, inputClass, invalid } from "../invite-fields";

type State = ActionResult<CreateInvitationsResult> | null;

const STATUS_TEXT = { created: "Invited", replaced: "Invited (pending invitation replaced)", awaiting_approval: "Sent for approval", skipped: "Skipped", failed: "Not invited" };

export function InviteForm({ orgId, options, defaultInviterName, support }: InviteFormProps) {
  const [clientErrors, setClientErrors] = useState<FieldErrors | null>(null);
  const [sending, setSending] = useState(0);
  const [sendEmail, setSendEmail] = useState(true);
  const [kept, setKept] = useState(0);
  const emails = useRef<HTMLTextAreaElement>(null);
  const [, startTransition] = useTransition();
  const [state, dispatch, pending] = useActionState<State, FormData>(async (_previous, form) => {
    return createInvitationsAction(invitationFormValues(form));
  }, null);

  // While a submission is under way, what the one before it said no longer holds.
  const shown = pending ? null : state;
  const serverErrors = shown && (shown.ok ? shown.data.fieldErrors : shown.fieldErrors);
  const errors: FieldErrors = clientErrors ?? serverErrors ?? {};

  // Each answer, or the browser's own refusal, moves focus to the summary that says what happened.
  const summary = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (clientErrors || shown) summary.current?.focus();
  }, [clientErrors, shown]);

  // What went is cleared from the field; what did not stays, for the person to fix or send again (the
  // results below say why for each).
  useEffect(() => {
    if (!state?.ok || !emails.current) return;
    const unsent = state.data.outcomes.filter((outcome) => outcome.status === "skipped" || outcome.status === "failed").map((outcome) => outcome.email);
    emails.current.value = unsent.join("\n");
    setKept(unsent.length);
  }, [state]);

  function onChange(event: FormEvent<HTMLFormElement>) {
    const input = event.target as HTMLInputElement;
    if (input.name === "sendEmail") setSendEmail(input.checked);
  }

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const check = createInvitationsSchema.safeParse(invitationFormValues(form));
    if (!check.success) {
      setClientErrors(fieldErrorsOf(check.error));
      return;
    }
    setClientErrors(null);
    setSending(check.data.emails.length);
    startTransition(() => dispatch(form));
  }

  return (
    <form onSubmit={onSubmit} onChange={onChange} noValidate className="max-w-2xl space-y-6" aria-describedby="form-status">
      <input type="hidden" name="orgId" value={orgId} />

      <div>
        <label htmlFor="emails" className="font-medium">Email addresses</label>
        <p id="emails-hint" className="text-sm text-zinc-600">
          One or more, separated by new lines, commas or spaces; up to {MAX_EMAILS_PER_SUBMISSION} at a time. For more, or a
          spreadsheet: <Link prefetch={false} href={`/orgs/${orgId}/invitations/bulk`}>Invite many (CSV)</Link>.
        </p>
        <textarea ref={emails} id="emails" name="emails" rows={4} className={inputClass} aria-invalid={invalid(errors, "emails")} aria-describedby="emails-hint emails-kept emails-error" />
        <p id="emails-kept" className="text-sm text-zinc-700" aria-live="polite">
          {kept > 0 && !pending ? `The ${kept === 1 ? "address" : `${kept} addresses`} left here ${kept === 1 ? "was" : "were"} not invited; the results below say why.` : ""}
        </p>
        <FieldError id="emails-error" errors={errors.emails} />
      </div>

      <InvitationSettingsFields options={options} errors={errors} defaultInviterName={defaultInviterName} support={support} />

      <div>
        <label className="flex items-center gap-2">
          <input type="checkbox" name="replacePending" /> Replace pending invitations
        </label>
        <p className="text-sm text-zinc-600">An address that already has a pending invitation is skipped unless this is ticked; then the old one is revoked first.</p>
      </div>

      <div className="flex flex-wrap items-center gap-4">
        {/* Without email nothing is sent to anyone: the button says what it does instead. */}
        <SubmitButton pending={pending} pendingLabel={`${sendEmail ? "Inviting" : "Creating links for"} ${sending} address${sending === 1 ? "" : "es"}…`}>
          {sendEmail ? "Send invitations" : "Create invitation links"}
        </SubmitButton>
        <Link prefetch={false} href={`/orgs/${orgId}/invitations`}>Back to pending invitations</Link>
      </div>

      <div id="form-status" ref={summary} tabIndex={-1} aria-live="polite" className="focus:outline-2 focus:outline-offset-4 focus:outline-blue-700">
        {clientErrors && <Alert tone="error">Some fields need your attention; nothing was sent.</Alert>}
        {!clientErrors && shown && !shown.ok && <Alert tone="error">{shown.message}</Alert>}
        {!clientErrors && shown?.ok && <Outcomes orgId={orgId} outcomes={shown.data.outcomes} />}
      </div>
    </form>
  );
}

function Outcomes({ orgId, outcomes }: { orgId: string; outcomes: CreateInvitationsResult["outcomes"] }) {
  const invited = outcomes.filter((o) => o.status === "created" || o.status === "replaced").length;
  const asked = outcomes.filter((o) => o.status === "awaiting_approval").length;
  return (
    <section aria-label="Results" className="space-y-2">
      <Alert tone={invited === outcomes.length ? "success" : "info"}>
        Invited {invited} of {outcomes.length} address{outcomes.length === 1 ? "" : "es"}.
        {asked > 0 && ` ${asked} sent for approval: the Invitations page shows each request until it is answered.`}
      </Alert>
      <ul className="divide-y divide-zinc-200 rounded border border-zinc-200 bg-white">
        {outcomes.map((outcome) => (
          <li key={outcome.email} className="px-4 py-2" data-testid="outcome">
            <span className="font-medium">{outcome.email}</span>: {STATUS_TEXT[outcome.status]}
            {outcome.message && <span className="text-zinc-700"> — {outcome.message}</span>}
            {outcome.pendingExpiresAt && <span className="text-zinc-700"> The pending invitation expires <LocalTime iso={outcome.pendingExpiresAt} />.</span>}
            {outcome.requestId && (
              <>
                {" "}
                <Link prefetch={false} href={`/orgs/${orgId}/invitations/${outcome.requestId}`}>Follow the request for {outcome.email}</Link>
              </>
            )}
            {outcome.invitationUrl && (
              <span className="mt-1 flex items-center gap-2">
                <code className="truncate text-sm" data-testid="invitation-link">{outcome.invitationUrl}</code>
                <CopyButton text={outcome.invitationUrl} label={`Copy invitation link for ${outcome.email}`} />
              </span>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
