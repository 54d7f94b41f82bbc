import { INVITATION_STATUSES, type InvitationStatus } from "@/lib/ledger/status";

const TONE: Record<InvitationStatus, string> = {
  pending: "bg-blue-50 text-blue-900 border-blue-200",
  accepted: "bg-green-50 text-green-900 border-green-200",
  expired: "bg-zinc-100 text-zinc-800 border-zinc-300",
  revoked: "bg-zinc-100 text-zinc-800 border-zinc-300",
  replaced: "bg-zinc-100 text-zinc-800 border-zinc-300",
  consumed: "bg-amber-50 text-amber-900 border-amber-200",
  removed: "bg-amber-50 text-amber-900 border-amber-200",
  awaiting_approval: "bg-violet-50 text-violet-900 border-violet-200",
  approved: "bg-green-50 text-green-900 border-green-200",
  denied: "bg-zinc-100 text-zinc-800 border-zinc-300",
  request_expired: "bg-zinc-100 text-zinc-800 border-zinc-300",
};

/** An invitation's status in words; "inferred" when it was worked out rather than read from Auth0. */
export function StatusBadge({ status, inferred, by }: { status: InvitationStatus; inferred: boolean; by?: string }) {
  return (
    <span data-testid="status">
      <span className={`inline-block rounded border px-1.5 py-0.5 text-xs font-medium ${TONE[status]}`}>{INVITATION_STATUSES[status]}</span>
      {inferred && <span className="ml-1 text-xs text-zinc-700">(inferred)</span>}
      {by && <span className="block text-xs text-zinc-700">by {by}</span>}
    </span>
  );
}
