import "server-only";
import { tenantRoles, type ConnectionSummary, type RoleSummary } from "@/lib/auth0/directory";
import { checkRoleCeiling, notAssignable, roleCeiling, topRoleName, type Authorized } from "@/lib/authz/gate";
import { existingInvitees, existingMessages } from "@/lib/invitations/existing";
import { inviterNameFor } from "@/lib/invitations/inviter-name";
import { checkTarget, invitableConnections } from "@/lib/invitations/options";
import { seatCount } from "@/lib/invitations/seats";
import { approvalNeed, approvalNotAsked, policyProblem } from "@/lib/policy/check";
import { delegationPolicy } from "@/lib/policy/policy";
import { seatsLeft, seatsShort, type SeatCount } from "@/lib/policy/seats";
import type { PreviewBulk } from "@/lib/schemas/bulk";
import { MAX_ROLES, addressProblem } from "@/lib/schemas/invitation";
import { CONTROL_CHARACTER, escapeInvisible, textMessages } from "@/lib/schemas/text";
import type { BulkSettings, PlannedRow } from "./jobs";
import { mergeMessages, type BulkSource, type MergedLine } from "./list-format";
import type { ParsedRow } from "./parse";

// Every row of a bulk list checked before anything is sent, by the same rules every way to send applies
// (the role ceiling, the one "already a member / already invited" rule, the delegation policy), against what Auth0 and the ledger
// hold now: one read of the organization's members and one of its invitations for the whole list, never one
// per row (and under a seat limit, one count of its seats). A row that cannot be invited is skipped with the
// reason, so it never holds back the others. Each row is checked again when it is sent (lib/invitations/send.ts),
// where it also takes its seat.

/** Invitees' names are kept with the job; longer than any real name. */
export const MAX_INVITEE_NAME = 300;

export const skipReasons = {
  noAddress: "No email address in this row.",
  unknownRoles: (names: string[], allowed: RoleSummary[]) =>
    `No role is called ${names.join(", ")}. Roles you may assign: ${allowed.map((role) => role.name).join(", ") || "none"}.`,
  tooManyRoles: (count: number) => `${count} roles; an invitation can carry at most ${MAX_ROLES}.`,
  connection: (name: string, connections: ConnectionSummary[]) =>
    `No connection "${name}" that this organization can invite through (unknown, not enabled for it, or passwordless). Use ${
      connections.map((connection) => connection.name).join(", ") || "none"
    }, or leave the cell empty.`,
  member: `${existingMessages.member}.`,
  pending: `${existingMessages.pending}. Revoke it on the invitations page first to send a new one.`,
};

/**
 * A planned row as the preview shows it: with the connection's name (or the row's own, unknown), the lines merged
 * into it, and when the pending invitation that skips it expires (ISO; not kept with the job).
 */
export type PreviewRow = Exclude<PlannedRow, { state: "merged" }> & { connectionName?: string; merged: MergedLine[]; pendingExpiresAt?: string };
export type BulkPlan = { settings: BulkSettings; rows: PreviewRow[] };

const byName = <T extends { name: string }>(items: T[]) => new Map(items.map((item) => [item.name.toLowerCase(), item]));

/**
 * Text as the job keeps it: a control character (such a row is skipped) written out as `\u0000`, since
 * PostgreSQL text cannot hold a NUL and the job page and result CSV must show what was wrong.
 */
const kept = (text: string) => (CONTROL_CHARACTER.test(text) ? escapeInvisible(text) : text);

function nameProblem(name: string | undefined): string | undefined {
  if (name === undefined) return undefined;
  const control = CONTROL_CHARACTER.exec(name);
  if (control) return textMessages.control("name", control[0]);
  if (name.length > MAX_INVITEE_NAME) return textMessages.tooLong("name", MAX_INVITEE_NAME);
  return undefined;
}

/**
 * Plans a bulk job: the settings (application and default connection checked for the organization, default
 * roles against the inviter's ceiling, the inviter name support staff must use) and each row, queued or
 * skipped with why. Reads only; nothing is written to Auth0.
 */
export async function planBulkJob(ctx: Authorized, input: PreviewBulk): Promise<BulkPlan> {
  // Settings that would fail every row refuse the preview, under their field.
  const [defaultRoles] = await Promise.all([checkRoleCeiling(ctx, input.roleIds), checkTarget(ctx, input.clientId, input.connectionId)]);
  const [ceiling, roles, connections, existing, inviterName, policy] = await Promise.all([
    roleCeiling(ctx),
    tenantRoles(),
    invitableConnections(ctx),
    existingInvitees(ctx, input.list.rows.map((row) => row.email), { members: "list" }),
    inviterNameFor(ctx, input.inviterName),
    delegationPolicy(ctx),
  ]);
  const { allowed } = ceiling;

  const roleByName = byName(roles);
  const connectionByName = byName(connections);
  const defaultConnection = connections.find((connection) => connection.id === input.connectionId);

  // A list does not ask for approval: such a row is skipped, saying the invite form does (lib/invitations/send.ts).
  const needsApproval = (email: string, rowRoles: RoleSummary[]) => {
    const need = approvalNeed(policy, { email, roleNames: rowRoles.map((role) => role.name) });
    return need && approvalNotAsked(need, topRoleName());
  };
  const rows = await Promise.all(input.list.rows.map(async (row: ParsedRow): Promise<PreviewRow> => {
    const named = row.roleNames.map((name) => ({ name, role: roleByName.get(name.toLowerCase()) }));
    const rowRoles = row.roleNames.length > 0 ? named.flatMap(({ role }) => (role ? [role] : [])) : defaultRoles;
    const connection = row.connectionName ? connectionByName.get(row.connectionName.toLowerCase()) : defaultConnection;
    const planned = {
      line: row.line,
      email: kept(row.email),
      ...(row.name !== undefined && { name: kept(row.name) }),
      roleIds: rowRoles.map((role) => role.id),
      roleNames: rowRoles.map((role) => role.name),
      ...(connection && { connectionId: connection.id }),
      // As the row named it when no connection has that name, so the preview shows what was asked for.
      ...((connection || row.connectionName) && { connectionName: connection?.name ?? row.connectionName }),
      merged: row.merged,
    };

    const unknown = named.filter(({ role }) => !role).map(({ name }) => name);
    const above = rowRoles.filter((role) => !ceiling.covers([role.id])).map((role) => role.name);
    const standing = row.email === "" ? undefined : await existing(row.email);
    const problem =
      (row.email === "" ? skipReasons.noAddress : addressProblem(row.email)) ??
      nameProblem(row.name) ??
      (unknown.length > 0 ? skipReasons.unknownRoles(unknown, allowed) : undefined) ??
      (above.length > 0 ? notAssignable(above.join(", "), allowed) : undefined) ??
      (rowRoles.length > MAX_ROLES ? skipReasons.tooManyRoles(rowRoles.length) : undefined) ??
      (row.connectionName && !connection ? skipReasons.connection(row.connectionName, connections) : undefined) ??
      (standing?.kind === "member" ? skipReasons.member : undefined) ??
      (standing?.kind === "invited" ? skipReasons.pending : undefined) ??
      policyProblem(policy, { email: row.email, ttlSeconds: input.ttlSeconds })?.message ??
      needsApproval(row.email, rowRoles);
    if (!problem) return { ...planned, state: "queued" };
    const pendingExpiresAt = problem === skipReasons.pending && standing?.kind === "invited" ? standing.invitation.expiresAt : undefined;
    return { ...planned, state: "skipped", detail: problem, ...(pendingExpiresAt && { pendingExpiresAt }) };
  }));

  const seats = policy.seats.ok && policy.seats.value !== undefined ? await seatCount(ctx) : undefined;
  return {
    settings: { clientId: input.clientId, connectionId: input.connectionId, ttlSeconds: input.ttlSeconds, sendEmail: input.sendEmail, inviterName },
    rows: withinSeats(rows, seats),
  };
}

/**
 * The seat limit over the whole list: the rows that would be invited take the seats left in the list's
 * order, and those beyond are skipped, saying how many and why.
 */
export function withinSeats(rows: PreviewRow[], seats: SeatCount | undefined): PreviewRow[] {
  if (seats?.limit === undefined) return rows;
  const left = seatsLeft(seats.limit, seats);
  const queued = rows.filter((row) => row.state === "queued").length;
  if (queued <= left) return rows;
  const detail = seatsShort({ ...seats, limit: seats.limit }, queued - left);
  let seated = 0;
  return rows.map((row) => {
    if (row.state !== "queued") return row;
    seated += 1;
    return seated <= left ? row : { ...row, state: "skipped", detail };
  });
}

/** A row as the preview table shows it: no ids, the outcome in words. */
export type PreviewSummaryRow = Pick<PreviewRow, "line" | "email" | "name" | "roleNames" | "connectionName" | "merged" | "pendingExpiresAt"> &
  ({ state: "queued" } | { state: "skipped"; detail: string });
export type PreviewCounts = { queued: number; skipped: number; merged: number };

export function previewSummary(rows: PreviewRow[]): { rows: PreviewSummaryRow[]; counts: PreviewCounts } {
  const counts: PreviewCounts = { queued: 0, skipped: 0, merged: 0 };
  const summary = rows.map(({ roleIds: _ids, connectionId: _id, ...row }): PreviewSummaryRow => {
    counts[row.state]++;
    counts.merged += row.merged.length;
    return row;
  });
  return { rows: summary, counts };
}

/** The job's rows: each previewed row, and after it every line merged into it, so the results hold every line of the list. */
export function withMergedLines(rows: PreviewRow[], source: BulkSource): PlannedRow[] {
  return rows.flatMap((row) => [
    row,
    ...row.merged.map((merged): PlannedRow => ({
      line: merged.line,
      email: kept(merged.email),
      roleIds: [],
      roleNames: merged.roleNames.map(kept),
      state: "merged",
      detail: mergeMessages.intoLine(source, row.line, merged),
    })),
  ]);
}
