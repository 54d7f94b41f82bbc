"use client";

import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useState, type FormEvent } from "react";
import { Alert } from "@/components/alert";
import { CopyButton } from "@/components/copy-button";
import type { ActionResult } from "@/lib/authz/action";
import { expiryText, relativeTime } from "@/lib/format/relative-time";
import type { InvitationRow, InvitationsPage } from "@/lib/invitations/list";
import { invitationKeys } from "@/lib/query-keys";
import { listInvitationsAction, resendInvitationAction, revokeInvitationAction } from "./actions";

type Props = { orgId: string; support: boolean };
type Pending = { kind: "revoke" | "resend"; row: InvitationRow };
type Notice = { tone: "success" | "error"; text: string };

/** Actions answer with a result; react-query wants a thrown error for a failure. */
async function unwrap<T>(result: Promise<ActionResult<T>>): Promise<T> {
  const settled = await result;
  if (!settled.ok) throw new Error(settled.message);
  return settled.data;
}

export function InvitationsTable({ orgId, support }: Props) {
  const queryClient = useQueryClient();
  const [page, setPage] = useState(0);
  const [search, setSearch] = useState("");
  const [confirming, setConfirming] = useState<Pending | null>(null);
  const [notice, setNotice] = useState<Notice | null>(null);
  const queryKey = invitationKeys.list(orgId, page, search);

  const query = useQuery({
    queryKey,
    queryFn: () => unwrap(listInvitationsAction({ orgId, page, search })),
    placeholderData: keepPreviousData,
  });

  const refetchAll = () => queryClient.invalidateQueries({ queryKey: invitationKeys.organization(orgId) });

  // Optimistic: the row goes at once, and comes back with the reason if Auth0 (or the gate) refuses.
  const revoke = useMutation({
    mutationFn: ({ row, reason }: { row: InvitationRow; reason?: string }) =>
      unwrap(revokeInvitationAction({ orgId, invitationId: row.id, reason })),
    onMutate: async ({ row }) => {
      await queryClient.cancelQueries({ queryKey });
      const previous = queryClient.getQueryData<InvitationsPage>(queryKey);
      if (previous) queryClient.setQueryData<InvitationsPage>(queryKey, { ...previous, rows: previous.rows.filter((r) => r.id !== row.id) });
      return { previous };
    },
    onError: (error, { row }, context) => {
      if (context?.previous) queryClient.setQueryData(queryKey, context.previous);
      setNotice({ tone: "error", text: `Could not revoke the invitation for ${row.email}: ${error.message}` });
    },
    onSuccess: (_data, { row }) => setNotice({ tone: "success", text: `Revoked the invitation for ${row.email}.` }),
    onSettled: refetchAll,
  });

  const resend = useMutation({
    mutationFn: ({ row, reason }: { row: InvitationRow; reason?: string }) =>
      unwrap(resendInvitationAction({ orgId, invitationId: row.id, reason })),
    onError: (error, { row }) => setNotice({ tone: "error", text: `Could not resend to ${row.email}: ${error.message}` }),
    onSuccess: (_data, { row }) => setNotice({ tone: "success", text: `Sent a new invitation to ${row.email}; the old link no longer works.` }),
    onSettled: refetchAll,
  });

  function onSearch(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setSearch(String(new FormData(event.currentTarget).get("search") ?? "").trim());
    setPage(0);
  }

  function onConfirm(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!confirming) return;
    const reason = String(new FormData(event.currentTarget).get("reason") ?? "").trim() || undefined;
    (confirming.kind === "revoke" ? revoke : resend).mutate({ row: confirming.row, reason });
    setConfirming(null);
  }

  const data = query.data;
  return (
    <section className="space-y-4">
      <div className="flex flex-wrap items-end justify-between gap-4">
        <form onSubmit={onSearch} role="search" className="flex items-end gap-2">
          <div>
            <label htmlFor="search" className="block text-sm font-medium">Search by email</label>
            <input id="search" name="search" type="search" defaultValue={search} className="mt-1 rounded border border-zinc-400 px-3 py-1.5" />
          </div>
          <button type="submit" className="rounded border border-zinc-300 bg-white px-3 py-1.5 hover:bg-zinc-100">Search</button>
        </form>
        <Link href={`/orgs/${orgId}/invitations/new`} className="rounded bg-blue-700 px-4 py-2 font-medium text-white no-underline hover:bg-blue-800">
          Invite people
        </Link>
      </div>

      <div aria-live="polite">{notice && <Alert tone={notice.tone}>{notice.text}</Alert>}</div>

      {confirming && (
        <form onSubmit={onConfirm} className="space-y-3 rounded border border-amber-300 bg-amber-50 p-4" aria-label="Confirm">
          <p className="font-medium">
            {confirming.kind === "revoke"
              ? `Revoke the invitation for ${confirming.row.email}? Its link will stop working.`
              : `Resend the invitation to ${confirming.row.email}? The current link stops working and a new email is sent.`}
          </p>
          {support && (
            <div>
              <label htmlFor="confirm-reason" className="block text-sm font-medium">Reason for acting on behalf of this organization</label>
              <input id="confirm-reason" name="reason" required autoFocus className="mt-1 w-full rounded border border-zinc-400 px-3 py-1.5" />
            </div>
          )}
          <div className="flex gap-2">
            <button type="submit" autoFocus={!support} className="rounded bg-red-700 px-3 py-1.5 font-medium text-white hover:bg-red-800">
              {confirming.kind === "revoke" ? "Yes, revoke" : "Yes, resend"}
            </button>
            <button type="button" onClick={() => setConfirming(null)} className="rounded border border-zinc-300 bg-white px-3 py-1.5">Cancel</button>
          </div>
        </form>
      )}

      {query.isError && <Alert tone="error">Could not load the invitations: {query.error.message}</Alert>}
      {query.isPending && <p aria-busy="true">Loading invitations…</p>}
      {data && (
        <div className="overflow-x-auto rounded-lg border border-zinc-200 bg-white" aria-busy={query.isFetching}>
          <table className="w-full text-left text-sm">
            <caption className="sr-only">Pending invitations, newest first</caption>
            <thead className="bg-zinc-100">
              <tr>
                {["Email", "Roles", "Application", "Connection", "Inviter", "Created", "Expires", "Actions"].map((heading) => (
                  <th key={heading} scope="col" className="px-3 py-2 font-medium">{heading}</th>
                ))}
              </tr>
            </thead>
            <tbody className="divide-y divide-zinc-200">
              {data.rows.length === 0 && (
                <tr>
                  <td colSpan={8} className="px-3 py-6 text-center text-zinc-600">
                    {search ? `No pending invitation matches “${search}”.` : page > 0 ? "No more invitations." : "No pending invitations."}
                  </td>
                </tr>
              )}
              {data.rows.map((row) => {
                const expiry = expiryText(row.expiresAt);
                return (
                  <tr key={row.id} data-testid="invitation-row">
                    <td className="px-3 py-2 font-medium">{row.email}</td>
                    <td className="px-3 py-2">{row.roles.join(", ") || "—"}</td>
                    <td className="px-3 py-2">{row.application}</td>
                    <td className="px-3 py-2">{row.connection ?? "Invitee chooses"}</td>
                    <td className="px-3 py-2">{row.inviter}</td>
                    <td className="px-3 py-2" title={row.createdAt}>{relativeTime(row.createdAt)}</td>
                    <td className={`px-3 py-2 ${expiry.expired ? "font-medium text-red-700" : ""}`} title={row.expiresAt}>{expiry.text}</td>
                    <td className="space-x-2 whitespace-nowrap px-3 py-2">
                      <button type="button" aria-label={`Revoke invitation for ${row.email}`} onClick={() => setConfirming({ kind: "revoke", row })} className="rounded border border-zinc-300 px-2 py-1 hover:bg-zinc-100">
                        Revoke
                      </button>
                      <button type="button" aria-label={`Resend invitation to ${row.email}`} onClick={() => setConfirming({ kind: "resend", row })} className="rounded border border-zinc-300 px-2 py-1 hover:bg-zinc-100">
                        Resend
                      </button>
                      {row.invitationUrl && <CopyButton text={row.invitationUrl} label={`Copy invitation link for ${row.email}`} />}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}

      <nav aria-label="Pages" className="flex items-center gap-3">
        <button type="button" disabled={page === 0} onClick={() => setPage((p) => p - 1)} className="rounded border border-zinc-300 bg-white px-3 py-1.5 disabled:opacity-50">
          Previous page
        </button>
        <span>Page {page + 1}</span>
        <button type="button" disabled={!data?.hasMore} onClick={() => setPage((p) => p + 1)} className="rounded border border-zinc-300 bg-white px-3 py-1.5 disabled:opacity-50">
          Next page
        </button>
      </nav>
    </section>
  );
}
