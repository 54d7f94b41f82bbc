import "server-only";
import { tenantRoles, type ConnectionSummary, type RoleSummary } from "@/lib/auth0/directory";
import { listInvitations, listMembers } from "@/lib/auth0/organization-data";
import { assignableRoles, checkRoleCeiling, notAssignable, type Authorized } from "@/lib/authz/gate";
import { existingMessages } from "@/lib/invitations/duplicates";
import { inviterNameFor } from "@/lib/invitations/inviter-name";
import { checkTarget, invitableConnections } from "@/lib/invitations/options";
import type { PreviewBulk } from "@/lib/schemas/bulk";
import { MAX_ROLES, addressProblem } from "@/lib/schemas/invitation";
import { CONTROL_CHARACTER, escapeInvisible, textMessages } from "@/lib/schemas/text";
import type { BulkSettings, PlannedRow } from "./jobs";
import type { ParsedRow } from "./parse";

// Every row of a bulk list checked before anything is sent, against what Auth0 holds now: one read of the
// organization's members and one of its invitations for the whole list, never one per row. A row that
// cannot be invited is skipped with the reason, so it never holds back the others.

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
  pending: (expiresAt: string) => `${existingMessages.pending(expiresAt)}. Revoke it on the invitations page first to send a new one.`,
};

/** A planned row as the preview shows it: with the connection's name (or the row's own, unknown) and the lines merged into it. */
export type PreviewRow = PlannedRow & { connectionName?: string; mergedLines: number[] };
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
  const [allowed, roles, connections, members, invitations, inviterName] = await Promise.all([
    assignableRoles(ctx),
    tenantRoles(),
    invitableConnections(ctx),
    listMembers(ctx),
    listInvitations(ctx),
    inviterNameFor(ctx, input.inviterName),
  ]);

  const allowedIds = new Set(allowed.map((role) => role.id));
  const roleByName = byName(roles);
  const connectionByName = byName(connections);
  const memberEmails = new Set(members.flatMap((member) => (member.email ? [member.email.toLowerCase()] : [])));
  const now = Date.now();
  const pending = new Map<string, string>();
  for (const invitation of invitations) {
    const email = invitation.invitee?.email?.toLowerCase();
    // Auth0 keeps expired invitations listed for a while; those no longer stand in the way.
    if (email && invitation.expires_at && Date.parse(invitation.expires_at) > now) pending.set(email, invitation.expires_at);
  }
  const defaultConnection = connections.find((connection) => connection.id === input.connectionId);

  const rows = input.list.rows.map((row: ParsedRow): PreviewRow => {
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
      mergedLines: row.mergedLines,
    };

    const unknown = named.filter(({ role }) => !role).map(({ name }) => name);
    const above = rowRoles.filter((role) => !allowedIds.has(role.id)).map((role) => role.name);
    const key = row.email.toLowerCase();
    const problem =
      (row.email === "" ? skipReasons.noAddress : addressProblem(row.email)) ??
      nameProblem(row.name) ??
      (unknown.length > 0 ? skipReasons.unknownRoles(unknown, allowed) : undefined) ??
      (above.length > 0 ? notAssignable(above.join(", "), allowed) : undefined) ??
      (rowRoles.length > MAX_ROLES ? skipReasons.tooManyRoles(rowRoles.length) : undefined) ??
      (row.connectionName && !connection ? skipReasons.connection(row.connectionName, connections) : undefined) ??
      (memberEmails.has(key) ? skipReasons.member : undefined) ??
      (pending.has(key) ? skipReasons.pending(pending.get(key)!) : undefined);
    return problem ? { ...planned, state: "skipped", detail: problem } : { ...planned, state: "queued" };
  });

  return {
    settings: { clientId: input.clientId, connectionId: input.connectionId, ttlSeconds: input.ttlSeconds, sendEmail: input.sendEmail, inviterName },
    rows,
  };
}

/** A row as the preview table shows it: no ids, the outcome in words. */
export type PreviewSummaryRow = Pick<PreviewRow, "line" | "email" | "name" | "roleNames" | "connectionName" | "mergedLines"> &
  ({ state: "queued" } | { state: "skipped"; detail: string });
export type PreviewCounts = { queued: number; skipped: number; merged: number };

export function previewSummary(rows: PreviewRow[]): { rows: PreviewSummaryRow[]; counts: PreviewCounts } {
  const counts: PreviewCounts = { queued: 0, skipped: 0, merged: 0 };
  const summary = rows.map(({ roleIds: _ids, connectionId: _id, ...row }): PreviewSummaryRow => {
    counts[row.state]++;
    counts.merged += row.mergedLines.length;
    return row;
  });
  return { rows: summary, counts };
}
