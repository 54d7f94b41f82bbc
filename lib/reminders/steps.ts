import type { Reminders } from "@/lib/policy/format";

// Which step of the organization's reminder policy is due for an invitation at a given time. Pure, so the
// arithmetic is tested as a table (steps.test.ts); lib/reminders/sweep.ts acts on it.
//
// A chain is an invitation and those that replaced or renewed it (the ledger's predecessor links). The
// policy's counts are over the chain: "remind 3 days before expiry, at most twice" reminds the first
// invitation 3 days before it expires, and, when that reminder replaced it (Auth0's own email) or it was
// renewed, its successor 3 days before that one expires, twice in all. Our own email re-sends the same link
// with the same expiry, so one invitation is reminded once.

export const DAY_MS = 86_400_000;
/** An expired invitation is renewed within a week of its expiry; older ones (say, before the policy was set) are left. */
export const RENEW_WITHIN_MS = 7 * DAY_MS;

export type StepKind = "reminder" | "renewal";
export type StepPolicy = { reminders?: Reminders; renewals?: number };

/** The chain's latest invitation, as the ledger holds it. */
export type ChainHead = { id: string; status: string; createdAt: Date; expiresAt: Date; successorId: string | null };
/** A step already claimed on the chain (whatever its outcome): which kind, and the invitation it concerned. */
export type TakenStep = { kind: string; invitationId: string };

export type DueStep = { kind: StepKind; number: number; of: number; key: string };

const stepKey = (kind: StepKind, number: number) => `${kind}:${number}`;

/** When a pending invitation is reminded; undefined when it was sent with less time than that to run. */
export function reminderTime(head: Pick<ChainHead, "createdAt" | "expiresAt">, reminders: Reminders): Date | undefined {
  const at = head.expiresAt.getTime() - reminders.daysBefore * DAY_MS;
  return at > head.createdAt.getTime() ? new Date(at) : undefined;
}

function due(kind: StepKind, of: number, head: ChainHead, taken: readonly TakenStep[]): DueStep | undefined {
  const ofKind = taken.filter((step) => step.kind === kind);
  if (ofKind.length >= of || ofKind.some((step) => step.invitationId === head.id)) return undefined;
  return { kind, number: ofKind.length + 1, of, key: stepKey(kind, ofKind.length + 1) };
}

/** The step due for the chain at `now`, if any: a reminder of its pending head, or the renewal of its expired one. */
export function dueStep(head: ChainHead, taken: readonly TakenStep[], policy: StepPolicy, now: Date): DueStep | undefined {
  const time = now.getTime();
  const expires = head.expiresAt.getTime();
  if (head.successorId) return undefined;
  if (head.status === "pending" && time < expires && policy.reminders) {
    const at = reminderTime(head, policy.reminders);
    return at && time >= at.getTime() ? due("reminder", policy.reminders.times, head, taken) : undefined;
  }
  const expired = head.status === "expired" || (head.status === "pending" && time >= expires);
  if (expired && policy.renewals && time - expires <= RENEW_WITHIN_MS) return due("renewal", policy.renewals, head, taken);
  return undefined;
}
