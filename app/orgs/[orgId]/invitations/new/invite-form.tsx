"use client";

import Link from "next/link";
import { useActionState, useState, useTransition, type FormEvent } from "react";
import { z } from "zod";
import { Alert } from "@/components/alert";
import { CopyButton } from "@/components/copy-button";
import { FieldError } from "@/components/field-error";
import { SubmitButton } from "@/components/submit-button";
import type { ActionResult, FieldErrors } from "@/lib/authz/action";
import type { InviteFormOptions } from "@/lib/invitations/options";
import {
  EXPIRY_PRESETS,
  MAX_EMAILS_PER_SUBMISSION,
  MAX_INVITER_NAME,
  createInvitationsSchema,
  invitationFormValues,
} from "@/lib/schemas/invitation";
import { createInvitationsAction, type CreateInvitationsResult } from "../actions";

type Props = { orgId: string; options: InviteFormOptions; defaultInviterName: string; support: boolean };
type State = ActionResult<CreateInvitationsResult> | null;

const inputClass = "mt-1 block w-full rounded border border-zinc-400 px-3 py-2 aria-[invalid=true]:border-red-600";
const STATUS_TEXT = { created: "Invited", replaced: "Invited (pending invitation replaced)", skipped: "Skipped", failed: "Not invited" };

export function InviteForm({ orgId, options, defaultInviterName, support }: Props) {
  const [clientErrors, setClientErrors] = useState<FieldErrors | null>(null);
  const [expiry, setExpiry] = useState("7d");
  const [sending, setSending] = useState(0);
  const [, startTransition] = useTransition();
  const [state, dispatch, pending] = useActionState<State, FormData>(async (_previous, form) => {
    return createInvitationsAction(invitationFormValues(form));
  }, null);

  const serverErrors = state && (state.ok ? state.data.fieldErrors : state.fieldErrors);
  const errors: FieldErrors = clientErrors ?? serverErrors ?? {};
  const invalid = (name: string) => (errors[name]?.length ? true : undefined);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const check = createInvitationsSchema.safeParse(invitationFormValues(form));
    if (!check.success) {
      setClientErrors(z.flattenError(check.error).fieldErrors as FieldErrors);
      return;
    }
    setClientErrors(null);
    setSending(check.data.emails.length);
    startTransition(() => dispatch(form));
  }

  return (
    <form onSubmit={onSubmit} noValidate className="max-w-2xl space-y-6" aria-describedby="form-status">
      <input type="hidden" name="orgId" value={orgId} />

      <div>
        <label htmlFor="emails" className="font-medium">Email addresses</label>
        <p id="emails-hint" className="text-sm text-zinc-600">
          One or more, separated by new lines, commas or spaces; up to {MAX_EMAILS_PER_SUBMISSION} at a time.
        </p>
        <textarea id="emails" name="emails" rows={4} className={inputClass} aria-invalid={invalid("emails")} aria-describedby="emails-hint emails-error" />
        <FieldError id="emails-error" errors={errors.emails} />
      </div>

      <div>
        <label htmlFor="clientId" className="font-medium">Application</label>
        <select id="clientId" name="clientId" className={inputClass} aria-invalid={invalid("clientId")} aria-describedby="clientId-error" defaultValue={options.preselectedClientId ?? ""}>
          {!options.preselectedClientId && <option value="" disabled>Choose an application</option>}
          {options.applications.map((app) => (
            <option key={app.clientId} value={app.clientId}>{app.name}</option>
          ))}
        </select>
        <FieldError id="clientId-error" errors={errors.clientId} />
      </div>

      <div>
        <label htmlFor="connectionId" className="font-medium">Connection</label>
        <select id="connectionId" name="connectionId" className={inputClass} aria-invalid={invalid("connectionId")} aria-describedby="connectionId-error" defaultValue="">
          <option value="">Let the invitee choose</option>
          {options.connections.map((connection) => (
            <option key={connection.id} value={connection.id}>{connection.name}</option>
          ))}
        </select>
        <FieldError id="connectionId-error" errors={errors.connectionId} />
      </div>

      <fieldset aria-describedby="roleIds-error">
        <legend className="font-medium">Roles</legend>
        {options.roles.length === 0 ? (
          <p className="text-sm text-zinc-600">You may not assign any role; invitees join without one.</p>
        ) : (
          <div className="mt-1 flex flex-wrap gap-4">
            {options.roles.map((role) => (
              <label key={role.id} className="flex items-center gap-2">
                <input type="checkbox" name="roleIds" value={role.id} /> {role.name}
              </label>
            ))}
          </div>
        )}
        <FieldError id="roleIds-error" errors={errors.roleIds} />
      </fieldset>

      <fieldset aria-describedby="customAmount-error">
        <legend className="font-medium">Expires in</legend>
        <div className="mt-1 flex flex-wrap items-center gap-4">
          {Object.entries(EXPIRY_PRESETS).map(([value, preset]) => (
            <label key={value} className="flex items-center gap-2">
              <input type="radio" name="expiry" value={value} checked={expiry === value} onChange={() => setExpiry(value)} /> {preset.label}
            </label>
          ))}
          <label className="flex items-center gap-2">
            <input type="radio" name="expiry" value="custom" checked={expiry === "custom"} onChange={() => setExpiry("custom")} /> Custom
          </label>
        </div>
        {expiry === "custom" && (
          <div className="mt-2 flex items-end gap-2">
            <div>
              <label htmlFor="customAmount" className="text-sm">Custom duration</label>
              <input id="customAmount" name="customAmount" type="number" min={1} className={`${inputClass} w-28`} aria-invalid={invalid("customAmount")} aria-describedby="customAmount-error" />
            </div>
            <div>
              <label htmlFor="customUnit" className="text-sm">Unit</label>
              <select id="customUnit" name="customUnit" className={inputClass} defaultValue="days">
                <option value="days">days</option>
                <option value="hours">hours</option>
              </select>
            </div>
          </div>
        )}
        <FieldError id="customAmount-error" errors={errors.customAmount} />
      </fieldset>

      <div>
        <label className="flex items-center gap-2 font-medium">
          <input type="checkbox" name="sendEmail" defaultChecked /> Send invitation email
        </label>
        <p className="text-sm text-zinc-600">When off, you get each invitation&apos;s link to share yourself.</p>
      </div>

      <div>
        <label htmlFor="inviterName" className="font-medium">Inviter name</label>
        <p id="inviterName-hint" className="text-sm text-zinc-600">
          {support
            ? "Invitations sent by support show this name, set by your administrator; your own name is not shown."
            : `Shown to the invitee as who invited them; up to ${MAX_INVITER_NAME} characters.`}
        </p>
        <input id="inviterName" name="inviterName" defaultValue={defaultInviterName} readOnly={support} className={`${inputClass} read-only:bg-zinc-100`} aria-invalid={invalid("inviterName")} aria-describedby="inviterName-hint inviterName-error" />
        <FieldError id="inviterName-error" errors={errors.inviterName} />
      </div>

      <div>
        <label className="flex items-center gap-2">
          <input type="checkbox" name="replacePending" /> Replace pending invitations
        </label>
        <p className="text-sm text-zinc-600">An address that already has a pending invitation is skipped unless this is ticked; then the old one is revoked first.</p>
      </div>

      <div className="flex items-center gap-4">
        <SubmitButton pending={pending} pendingLabel={`Inviting ${sending} address${sending === 1 ? "" : "es"}…`}>
          Send invitations
        </SubmitButton>
        <Link prefetch={false} href={`/orgs/${orgId}/invitations`}>Back to pending invitations</Link>
      </div>

      <div id="form-status" aria-live="polite">
        {clientErrors && <Alert tone="error">Some fields need your attention; nothing was sent.</Alert>}
        {!clientErrors && state && !state.ok && <Alert tone="error">{state.message}</Alert>}
        {!clientErrors && state?.ok && <Outcomes outcomes={state.data.outcomes} />}
      </div>
    </form>
  );
}

function Outcomes({ outcomes }: { outcomes: CreateInvitationsResult["outcomes"] }) {
  const invited = outcomes.filter((o) => o.status === "created" || o.status === "replaced").length;
  return (
    <section aria-label="Results" className="space-y-2">
      <Alert tone={invited === outcomes.length ? "success" : "info"}>
        Invited {invited} of {outcomes.length} address{outcomes.length === 1 ? "" : "es"}.
      </Alert>
      <ul className="divide-y divide-zinc-200 rounded border border-zinc-200 bg-white">
        {outcomes.map((outcome) => (
          <li key={outcome.email} className="px-4 py-2" data-testid="outcome">
            <span className="font-medium">{outcome.email}</span>: {STATUS_TEXT[outcome.status]}
            {outcome.message && <span className="text-zinc-700"> — {outcome.message}</span>}
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
