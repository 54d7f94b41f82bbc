"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useActionState, useEffect, useRef, useState, useTransition, type FormEvent } from "react";
import { Alert } from "@/components/alert";
import { DataTable } from "@/components/data-table";
import { EmailAddress } from "@/components/email-address";
import { FieldError } from "@/components/field-error";
import { LocalTime } from "@/components/local-time";
import { StillWorking } from "@/components/still-working";
import { SubmitButton } from "@/components/submit-button";
import type { ActionResult, FieldErrors } from "@/lib/authz/action";
import { CSV_COLUMNS, MAX_BULK_BYTES, MAX_BULK_ROWS, ROLE_SEPARATOR, bulkMessages, mergeMessages, type BulkSource } from "@/lib/bulk/list-format";
import type { PreviewBulkInput } from "@/lib/schemas/bulk";
import { formText } from "@/lib/schemas/invitation-settings";
import { isBlank } from "@/lib/schemas/text";
import { InvitationSettingsFields, inputClass, invalid } from "../invite-fields";
import type { InviteFormProps } from "../invite-page";
import { previewBulkAction, startBulkJobAction, type BulkPreviewResult } from "./actions";


const NOT_SENT =
  "The list did not reach the server, so nothing was checked or sent. Check your connection and preview again; if it keeps failing, split the list into smaller files.";
const BOTH_GIVEN = "Use the CSV file or the pasted addresses, not both: clear one of them and preview again.";
const plural = (n: number, one: string, many = `${one}s`) => `${n.toLocaleString("en-US")} ${n === 1 ? one : many}`;

// The list's check (the shared schema, with the CSV parser) loads when a list is first previewed: it is the
// larger part of the form's code, and the page shows the form without it.
const loadCheck = () => import("./bulk-check");

/** The list from the file chosen or the box, whichever is used; a refusal in words when that cannot be told. */
async function listOf(form: FormData): Promise<{ source: BulkSource; text: string } | { error: string }> {
  const file = form.get("file");
  const pasted = formText(form, "pasted") ?? "";
  const chosen = file instanceof File && file.name !== "" ? file : undefined;
  if (!chosen) return { source: "paste", text: pasted };
  if (!isBlank(pasted)) return { error: BOTH_GIVEN };
  // Too big to send: said before the file is even read.
  if (chosen.size > MAX_BULK_BYTES) return { error: bulkMessages.tooBig(chosen.size) };
  return { source: "csv", text: await chosen.text() };
}

export function BulkForm({ orgId, options, defaultInviterName, support }: InviteFormProps) {
  const router = useRouter();
  const [clientErrors, setClientErrors] = useState<FieldErrors | null>(null);
  const [checking, setChecking] = useState(0);
  const [changed, setChanged] = useState(false);
  const [, startTransition] = useTransition();
  const [preview, dispatchPreview, previewing] = useActionState<ActionResult<BulkPreviewResult> | null, PreviewBulkInput>(async (_previous, values) => {
    try {
      return await previewBulkAction(values);
    } catch {
      return { ok: false, code: "not_sent", message: NOT_SENT };
    }
  }, null);
  // Which preview's job a start answered for: a refusal to start one job says nothing about the next preview's.
  const [started, dispatchStart, starting] = useActionState<{ jobId: string; result: ActionResult<{ url: string }> } | null, string>(
    async (_previous, jobId) => {
      const result = await startBulkJobAction({ orgId, jobId });
      if (result.ok) router.push(result.data.url);
      return { jobId, result };
    },
    null,
  );

  // While a preview is under way, what the one before it said no longer holds.
  const shown = previewing ? null : preview;
  const errors: FieldErrors = clientErrors ?? (shown && !shown.ok ? shown.fieldErrors : undefined) ?? {};

  // A refused preview, or the browser's own refusal, moves focus to the summary that says why (a preview
  // moves it to its own heading).
  const summary = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (clientErrors || (shown && !shown.ok)) summary.current?.focus();
  }, [clientErrors, shown]);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const list = await listOf(form);
    if ("error" in list) {
      setClientErrors({ list: [list.error] });
      return;
    }
    const check = await loadCheck().catch(() => undefined);
    if (!check) {
      setClientErrors({ list: [NOT_SENT] });
      return;
    }
    const checked = check.checkBulkForm(form, list);
    if (!checked.ok) {
      setClientErrors(checked.errors);
      return;
    }
    setClientErrors(null);
    setChanged(false);
    setChecking(checked.rows);
    startTransition(() => dispatchPreview(checked.values));
  }

  const ready = !clientErrors && !changed && shown?.ok ? shown.data : undefined;
  const startResult = started && ready && started.jobId === ready.jobId && !starting ? started.result : undefined;
  return (
    <div className="space-y-8">
      <form onSubmit={onSubmit} onChange={() => setChanged(true)} noValidate className="max-w-2xl space-y-6" aria-describedby="form-status">
        <input type="hidden" name="orgId" value={orgId} />
        <h2 className="text-xl font-semibold">Invite many</h2>

        <fieldset className="space-y-3" aria-describedby="list-hint list-error">
          <legend className="font-medium">People to invite</legend>
          <p id="list-hint" className="text-sm text-zinc-600">
            Up to {MAX_BULK_ROWS.toLocaleString("en-US")} rows and 1 MB. Nothing is sent until you have seen the preview and chosen to send.
          </p>
          <div>
            <label htmlFor="file" className="font-medium">CSV file</label>
            <p id="file-hint" className="text-sm text-zinc-600">
              The first line names the columns: <code>{CSV_COLUMNS.email}</code>, and if you like <code>{CSV_COLUMNS.roles}</code> (role
              names separated by <code>{ROLE_SEPARATOR}</code>), <code>{CSV_COLUMNS.connection}</code> (a connection name) and{" "}
              <code>{CSV_COLUMNS.name}</code>. Other columns are ignored.
            </p>
            <input id="file" name="file" type="file" accept=".csv,text/csv,text/plain" className="mt-1 block" aria-invalid={invalid(errors, "list")} aria-describedby="file-hint list-error" />
          </div>
          <div>
            <label htmlFor="pasted" className="font-medium">Or paste addresses</label>
            <p id="pasted-hint" className="text-sm text-zinc-600">
              Separated by new lines, commas or spaces; <code>Jane Doe &lt;jane@example.com&gt;</code> works too. These get the roles and connection chosen below.
            </p>
            <textarea id="pasted" name="pasted" rows={6} className={inputClass} aria-invalid={invalid(errors, "list")} aria-describedby="pasted-hint list-error" />
          </div>
          <FieldError id="list-error" errors={errors.list} />
        </fieldset>

        <InvitationSettingsFields
          options={options}
          errors={errors}
          defaultInviterName={defaultInviterName}
          support={support}
          defaultsHint="For rows that name none of their own."
        />

        <div className="flex flex-wrap items-center gap-4">
          <SubmitButton pending={previewing} pendingLabel={`Checking ${plural(checking, "row")}…`}>
            Preview
          </SubmitButton>
          <Link prefetch={false} href={`/orgs/${orgId}/invitations/new`}>Invite a few people instead</Link>
        </div>

        <div id="form-status" ref={summary} tabIndex={-1} aria-live="polite" className="focus:outline-2 focus:outline-offset-4 focus:outline-blue-700">
          {clientErrors && <Alert tone="error">Some fields need your attention; nothing was checked or sent.</Alert>}
          {!clientErrors && shown && !shown.ok && <Alert tone="error">{shown.message}</Alert>}
          {!clientErrors && changed && shown?.ok && <Alert tone="info">You changed the list or the settings since the preview: preview again before sending.</Alert>}
        </div>
      </form>

      {ready && (
        <PreviewSection
          preview={ready}
          starting={starting}
          startError={startResult && !startResult.ok ? startResult.message : undefined}
          onSend={() => startTransition(() => dispatchStart(ready.jobId))}
        />
      )}
    </div>
  );
}

type SectionProps = { preview: BulkPreviewResult; starting: boolean; startError?: string; onSend: () => void };

function PreviewSection({ preview, starting, startError, onSend }: SectionProps) {
  const [onlySkipped, setOnlySkipped] = useState(false);
  // Each new preview takes focus to its heading, where its counts are read first.
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), [preview.jobId]);
  // A refusal to start takes focus, so it is not missed below the button.
  const refusal = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (startError) refusal.current?.focus();
  }, [startError]);
  const { counts, rows, source } = preview;
  // With email off, the job makes links for the inviter to pass on; the button says so.
  const sending = preview.sendEmail ? { verb: "Send", what: plural(counts.queued, "invitation") } : { verb: "Create", what: plural(counts.queued, "invitation link") };
  const shown = onlySkipped ? rows.filter((row) => row.state === "skipped") : rows;
  return (
    <section aria-labelledby="preview-heading" className="space-y-4">
      <h2 id="preview-heading" ref={heading} tabIndex={-1} className="text-xl font-semibold focus:outline-2 focus:outline-offset-4 focus:outline-blue-700">Preview</h2>
      <Alert tone={counts.skipped === 0 ? "success" : "info"}>
        <span data-testid="preview-counts">
          {counts.queued.toLocaleString("en-US")} to invite, {counts.skipped.toLocaleString("en-US")} skipped
          {counts.merged > 0 && `, ${plural(counts.merged, "repeated row")} merged into the first of each address`}
        </span>
        . Nothing has been sent yet.
      </Alert>

      <div className="flex flex-wrap items-center gap-4">
        {counts.queued > 0 ? (
          <button type="button" onClick={onSend} disabled={starting} aria-busy={starting} className="rounded bg-blue-700 px-4 py-2 font-medium text-white hover:bg-blue-800 disabled:cursor-wait disabled:bg-blue-400">
            {starting ? `Starting to ${sending.verb.toLowerCase()} ${sending.what}…` : `${sending.verb} ${sending.what}`}
          </button>
        ) : (
          <Alert tone="error">Every row is skipped, so there is nothing to send. Correct the rows named below and preview again.</Alert>
        )}
        <StillWorking pending={starting} />
        {counts.skipped > 0 && (
          <label className="flex items-center gap-2">
            <input type="checkbox" checked={onlySkipped} onChange={(event) => setOnlySkipped(event.target.checked)} /> Show only skipped rows
          </label>
        )}
      </div>
      <div ref={refusal} tabIndex={-1} className="focus:outline-2 focus:outline-offset-4 focus:outline-blue-700">
        {startError && <Alert tone="error">{startError}</Alert>}
      </div>

      <DataTable
        label="Preview of the list"
        caption={source === "csv" ? "Each row of the file by its line (the header is line 1), and what will happen to it" : "Each pasted address in order, and what will happen to it"}
        headings={[source === "csv" ? "Line" : "No.", "Email", "Name", "Roles", "Connection", "What will happen"]}
      >
        {shown.map((row) => (
          <tr key={row.line} data-testid="preview-row" data-state={row.state}>
            <td className="px-3 py-2 tabular-nums">{row.line}</td>
            <td className="px-3 py-2">{row.email ? <EmailAddress address={row.email} /> : <span className="text-zinc-500">(none)</span>}</td>
            <td className="px-3 py-2">{row.name}</td>
            <td className="px-3 py-2">{row.roleNames.join(", ") || <span className="text-zinc-500">None</span>}</td>
            <td className="px-3 py-2">{row.connectionName ?? <span className="text-zinc-500">Invitee chooses</span>}</td>
            <td className="px-3 py-2">
              {row.state === "queued" ? "Will be invited" : <span className="text-red-800">Skipped: {row.detail}</span>}
              {row.pendingExpiresAt && <span className="block text-sm text-zinc-600">The pending invitation expires <LocalTime iso={row.pendingExpiresAt} />.</span>}
              {row.merged.length > 0 && <span className="block text-sm text-zinc-600">{mergeMessages.intoThisRow(source, row.merged)}</span>}
            </td>
          </tr>
        ))}
      </DataTable>
    </section>
  );
}
