"use client";

import { useMutation } from "@tanstack/react-query";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useEffect, useOptimistic, useRef, useState, useTransition, type FormEvent } from "react";
import { Alert } from "@/components/alert";
import { DataTable } from "@/components/data-table";
import { EmailAddress } from "@/components/email-address";
import { LocalTime } from "@/components/local-time";
import { StatusBadge } from "@/components/status-badge";
import { StillWorking } from "@/components/still-working";
import type { ActionResult } from "@/lib/authz/action";
import { expiryText, relativeTime } from "@/lib/format/relative-time";
import type { InvitationRow } from "@/lib/invitations/list";
import { approveRequestAction, copyInvitationLinkAction, copyLandingPageLinkAction, denyRequestAction, reinviteAction, resendInvitationAction, revokeInvitationAction } from "./actions";

type Props = { orgId: string; rows: InvitationRow[]; caption: string; emptyText: string };
type Kind = "revoke" | "resend" | "reinvite" | "approve" | "deny";
type Confirming = { kind: Kind; row: InvitationRow };
/** Answers to a request for approval carry the approver's note. */
const ANSWERS: ReadonlySet<Kind> = new Set(["approve", "deny"]);
/** What an action came to; `focus` when the confirmation that started it has gone, so focus goes to the answer. */
type Notice = { tone: "success" | "error"; text: string; focus?: boolean };

/** Actions answer with a result; a mutation wants a thrown error for a failure. */
async function unwrap<T>(result: Promise<ActionResult<T>>): Promise<T> {
  const settled = await result;
  if (!settled.ok) throw new Error(settled.message);
  return settled.data;
}

/** An invitation made without email is resent the same way: a new link to share, and no email. */
const linkOnly = (row: InvitationRow) => row.actions.includes("copy_link");

const QUESTION: Record<Kind, (row: InvitationRow) => string> = {
  revoke: ({ email }) => `Revoke the invitation for ${email}? Its link will stop working.`,
  resend: (row) =>
    linkOnly(row)
      ? `Resend the invitation to ${row.email}? The current link stops working and a new link is made; no email is sent.`
      : `Resend the invitation to ${row.email}? The current link stops working and a new email is sent.`,
  reinvite: ({ email }) => `Invite ${email} again, with the same roles and application and a fresh expiry?`,
  approve: ({ email, inviter }) => `Approve the request to invite ${email}? The invitation is sent at once, from ${inviter}.`,
  deny: ({ email }) => `Deny the request to invite ${email}? Nothing is sent; the requester sees your note.`,
};
const CONFIRM: Record<Kind, string> = { revoke: "Yes, revoke", resend: "Yes, resend", reinvite: "Yes, invite again", approve: "Yes, approve and send", deny: "Yes, deny" };
const DONE: Record<Kind, (row: InvitationRow) => string> = {
  revoke: ({ email }) => `Revoked the invitation for ${email}.`,
  resend: (row) =>
    linkOnly(row)
      ? `Made a new invitation link for ${row.email}, without email: copy it from the row; the old link no longer works.`
      : `Sent a new invitation to ${row.email}; the old link no longer works.`,
  reinvite: ({ email }) => `Invited ${email} again.`,
  approve: ({ email }) => `Approved the request: the invitation to ${email} is sent.`,
  deny: ({ email }) => `Denied the request to invite ${email}.`,
};
const FAILED: Record<Kind, (email: string) => string> = {
  revoke: (email) => `Could not revoke the invitation for ${email}`,
  resend: (email) => `Could not resend to ${email}`,
  reinvite: (email) => `Could not invite ${email} again`,
  approve: (email) => `Could not approve the request for ${email}`,
  deny: (email) => `Could not deny the request for ${email}`,
};

function act({ kind, row }: Confirming, orgId: string, note: string | undefined): Promise<unknown> {
  switch (kind) {
    case "approve":
      return unwrap(approveRequestAction({ orgId, requestId: row.id, note }));
    case "deny":
      return unwrap(denyRequestAction({ orgId, requestId: row.id, note }));
    case "revoke":
      return unwrap(revokeInvitationAction({ orgId, invitationId: row.id }));
    case "resend":
      return unwrap(resendInvitationAction({ orgId, invitationId: row.id }));
    case "reinvite":
      return unwrap(reinviteAction({ orgId, invitationId: row.id }));
  }
}

export function InvitationsTable({ orgId, rows, caption, emptyText }: Props) {
  const router = useRouter();
  const [confirming, setConfirming] = useState<Confirming | null>(null);
  const [notice, setNotice] = useState<Notice | null>(null);
  const [copying, setCopying] = useState(false);
  const noticeBox = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (notice?.focus) noticeBox.current?.focus();
  }, [notice]);
  const [refreshing, startRefresh] = useTransition();
  // A revoked row leaves at once, and comes back with the reason if Auth0 (or the gate) refuses.
  const [shown, hide] = useOptimistic(rows, (current, id: string) => current.filter((row) => row.id !== id));

  const change = useMutation({
    mutationFn: ({ note, ...confirmed }: Confirming & { note?: string }) => act(confirmed, orgId, note),
    onSuccess: (_data, { kind, row }) => setNotice({ tone: "success", text: DONE[kind](row), focus: true }),
    onError: (error, { kind, row }) => setNotice({ tone: "error", text: `${FAILED[kind](row.email)}: ${error.message}`, focus: true }),
    onSettled: () => startRefresh(() => router.refresh()),
  });

  async function copyLink(row: InvitationRow, landingPage = false) {
    setNotice(null);
    setCopying(true);
    try {
      const copy = landingPage ? copyLandingPageLinkAction : copyInvitationLinkAction;
      const { url } = await unwrap(copy({ orgId, invitationId: row.id }));
      await navigator.clipboard.writeText(url);
      setNotice({
        tone: "success",
        text: landingPage
          ? `Copied the landing-page link for ${row.email}. It signs out any other account before the invitation is used.`
          : `Copied the invitation link for ${row.email}. Anyone with the link can accept it.`,
      });
    } catch (error) {
      setNotice({ tone: "error", text: `Could not copy the link for ${row.email}: ${(error as Error).message}` });
    } finally {
      setCopying(false);
    }
  }

  function onConfirm(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!confirming) return;
    const { kind, row } = confirming;
    const note = ANSWERS.has(kind) ? String(new FormData(event.currentTarget).get("note") ?? "") || undefined : undefined;
    setConfirming(null);
    setNotice(null);
    startRefresh(async () => {
      if (kind === "revoke") hide(row.id);
      await change.mutateAsync({ kind, row, note }).catch(() => {});
    });
  }

  return (
    <>
      <div>
        <div ref={noticeBox} tabIndex={-1} aria-live="polite" className="focus:outline-2 focus:outline-offset-4 focus:outline-blue-700">
          {notice && <Alert tone={notice.tone}>{notice.text}</Alert>}
        </div>
        <StillWorking pending={change.isPending || copying} />
      </div>

      {confirming && (
        <form onSubmit={onConfirm} className="space-y-3 rounded border border-amber-300 bg-amber-50 p-4" aria-label="Confirm">
          <p className="font-medium">{QUESTION[confirming.kind](confirming.row)}</p>
          {ANSWERS.has(confirming.kind) && (
            <div>
              <label htmlFor="decision-note" className="block text-sm font-medium">Note for the requester (optional)</label>
              <input id="decision-note" name="note" className="mt-1 w-full max-w-xl rounded border border-zinc-400 px-3 py-1.5" />
            </div>
          )}
          <div className="flex gap-2">
            <button type="submit" autoFocus className="rounded bg-red-700 px-3 py-1.5 font-medium text-white hover:bg-red-800">
              {CONFIRM[confirming.kind]}
            </button>
            <button type="button" onClick={() => setConfirming(null)} className="rounded border border-zinc-300 bg-white px-3 py-1.5">Cancel</button>
          </div>
        </form>
      )}

      {/* Below the sm breakpoint each row is a card (globals.css), so its actions are on screen, not beyond a sideways scroll. */}
      <div className="stack-on-small">
        <DataTable label="Invitations" caption={caption} headings={["Email", "Status", "Roles", "Application", "Inviter", "Created", "Expires", "Actions"]} busy={refreshing || change.isPending}>
              {shown.length === 0 && (
                <tr>
                  <td colSpan={8} className="px-3 py-6 text-center text-zinc-600">{emptyText}</td>
                </tr>
              )}
              {shown.map((row) => {
                const expiry = expiryText(row.status, row.expiresAt);
                return (
                  <tr key={row.id} data-testid="invitation-row">
                    <td className="px-3 py-2 font-medium" data-testid="invitation-email">
                      <Link prefetch={false} href={`/orgs/${orgId}/invitations/${row.id}`} aria-label={`History of the invitation for ${row.email}`}><EmailAddress address={row.email} /></Link>
                    </td>
                    <td className="px-3 py-2" data-label="Status">
                      <StatusBadge status={row.status} inferred={row.statusInferred} by={row.statusBy} />
                      {row.request && <RequestNotes orgId={orgId} request={row.request} status={row.status} />}
                      {row.emailProblem && (
                        <span role="status" className="mt-1 block max-w-xs text-xs text-red-800" data-testid="email-problem">
                          {row.emailProblem}
                        </span>
                      )}
                    </td>
                    <td className="px-3 py-2" data-label="Roles">{row.roles.join(", ") || "—"}</td>
                    <td className="px-3 py-2" data-label="Application">
                      {row.application}
                      {row.connection && <div className="text-xs text-zinc-600">via {row.connection}</div>}
                    </td>
                    <td className="px-3 py-2" data-label="Inviter">
                      {row.inviter}
                      {!row.sentBy && <div className="text-xs text-zinc-600">created outside this app</div>}
                    </td>
                    <td className="px-3 py-2" data-label="Created"><LocalTime iso={row.createdAt} lead={relativeTime(row.createdAt)} /></td>
                    <td data-label="Expires" className={`px-3 py-2 ${expiry?.overdue ? "font-medium text-red-700" : ""}`}>
                      {expiry ? <LocalTime iso={row.expiresAt} lead={expiry.text} /> : "—"}
                    </td>
                    <td className="px-3 py-2">
                      <div className="flex flex-wrap gap-2 sm:flex-nowrap">
                        {row.actions.includes("approve") && (
                          <button type="button" aria-label={`Approve request for ${row.email}`} onClick={() => setConfirming({ kind: "approve", row })} className="rounded border border-zinc-300 px-2 py-1 hover:bg-zinc-100">
                            Approve
                          </button>
                        )}
                        {row.actions.includes("deny") && (
                          <button type="button" aria-label={`Deny request for ${row.email}`} onClick={() => setConfirming({ kind: "deny", row })} className="rounded border border-zinc-300 px-2 py-1 hover:bg-zinc-100">
                            Deny
                          </button>
                        )}
                        {row.actions.includes("revoke") && (
                          <button type="button" aria-label={`Revoke invitation for ${row.email}`} onClick={() => setConfirming({ kind: "revoke", row })} className="rounded border border-zinc-300 px-2 py-1 hover:bg-zinc-100">
                            Revoke
                          </button>
                        )}
                        {row.actions.includes("resend") && (
                          <button type="button" aria-label={`Resend invitation to ${row.email}`} onClick={() => setConfirming({ kind: "resend", row })} className="rounded border border-zinc-300 px-2 py-1 hover:bg-zinc-100">
                            Resend
                          </button>
                        )}
                        {row.actions.includes("copy_link") && (
                          <button type="button" aria-label={`Copy invitation link for ${row.email}`} onClick={() => copyLink(row)} className="rounded border border-zinc-300 px-2 py-1 hover:bg-zinc-100">
                            Copy link
                          </button>
                        )}
                        {row.actions.includes("copy_link") && (
                          <button type="button" aria-label={`Copy landing-page link for ${row.email}`} onClick={() => copyLink(row, true)} className="rounded border border-zinc-300 px-2 py-1 hover:bg-zinc-100">
                            Copy landing-page link
                          </button>
                        )}
                        {row.outOfReach && <span className="text-sm text-zinc-600">{row.outOfReach}</span>}
                        {row.actions.includes("reinvite") && (
                          <button type="button" aria-label={`Invite ${row.email} again`} onClick={() => setConfirming({ kind: "reinvite", row })} className="rounded border border-zinc-300 px-2 py-1 hover:bg-zinc-100">
                            Re-invite
                          </button>
                        )}
                      </div>
                    </td>
                  </tr>
                );
              })}
        </DataTable>
      </div>
    </>
  );
}

/** What a request's line says under its status: the rule while it waits, the note once answered, and the invitation it became. */
function RequestNotes({ orgId, request, status }: { orgId: string; request: NonNullable<InvitationRow["request"]>; status: InvitationRow["status"] }) {
  return (
    <span className="mt-1 block max-w-xs text-xs text-zinc-700" data-testid="request-notes">
      {status === "awaiting_approval" && <span className="block">{request.rule}</span>}
      {request.note && <span className="block">Note: {request.note}</span>}
      {request.sentAs && (
        <Link prefetch={false} href={`/orgs/${orgId}/invitations/${request.sentAs}`} className="block">
          The invitation sent
        </Link>
      )}
    </span>
  );
}
