"use client";

import { useRouter } from "next/navigation";
import { useEffect, useRef, useState, useTransition, type FormEvent } from "react";
import { Alert } from "@/components/alert";
import { DataTable } from "@/components/data-table";
import { LocalTime } from "@/components/local-time";
import { EmailAddress } from "@/components/email-address";
import { FieldError } from "@/components/field-error";
import { RoleAboveCeiling } from "@/components/role-above-ceiling";
import { StillWorking } from "@/components/still-working";
import type { ActionResult } from "@/lib/authz/action";
import { relativeTime } from "@/lib/format/relative-time";
import type { MemberRow } from "@/lib/invitations/members";
import { fieldErrorsOf } from "@/lib/schemas/field-errors";
import { changeMemberRolesSchema } from "@/lib/schemas/member";
import { changeMemberRolesAction, removeMemberAction } from "./actions";

type Role = { id: string; name: string };
type Props = { orgId: string; organizationName: string; rows: MemberRow[]; assignable: Role[]; rolesAbove: Role[]; ceilingReason: string; emptyText: string };
type Editing = { kind: "roles" | "remove"; row: MemberRow };
/** What an action came to; focus moves to it, since the form that started it has gone. */
type Notice = { tone: "success" | "error"; text: string };

export function MembersTable({ orgId, organizationName, rows, assignable, rolesAbove, ceilingReason, emptyText }: Props) {
  const router = useRouter();
  const [editing, setEditing] = useState<Editing | null>(null);
  const [roleIds, setRoleIds] = useState<string[]>([]);
  const [roleErrors, setRoleErrors] = useState<string[] | undefined>();
  const [notice, setNotice] = useState<Notice | null>(null);
  const [pending, startTransition] = useTransition();
  const noticeBox = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (notice) noticeBox.current?.focus();
  }, [notice]);

  function open(kind: Editing["kind"], row: MemberRow) {
    setNotice(null);
    setRoleErrors(undefined);
    setRoleIds(row.roles.map((role) => role.id));
    setEditing({ kind, row });
  }

  function run(call: () => Promise<ActionResult<unknown>>, done: string, failed: string) {
    startTransition(async () => {
      // A request that never came back (the network, a closed tab) is told like a refusal, never thrown at the page.
      const result = await call().catch((): ActionResult<unknown> => ({ ok: false, code: "unreachable", message: "This app did not answer. Reload the page to see whether anything changed." }));
      if (result.ok) {
        setEditing(null);
        setNotice({ tone: "success", text: done });
      } else if (result.fieldErrors?.roleIds) {
        setRoleErrors(result.fieldErrors.roleIds);
      } else {
        setEditing(null);
        setNotice({ tone: "error", text: `${failed}: ${result.message}` });
      }
      router.refresh();
    });
  }

  function onSaveRoles(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!editing) return;
    const { row } = editing;
    const input = { orgId, userId: row.userId, roleIds };
    // The same schema the action parses: the browser says what is wrong before anything is sent.
    const parsed = changeMemberRolesSchema.safeParse(input);
    if (!parsed.success) return setRoleErrors(fieldErrorsOf(parsed.error).roleIds);
    const names = assignable.filter((role) => roleIds.includes(role.id)).map((role) => role.name).join(", ");
    run(() => changeMemberRolesAction(input), `${row.email} now holds ${names}.`, `Could not change the roles of ${row.email}`);
  }

  function onRemove(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!editing) return;
    const { row } = editing;
    run(() => removeMemberAction({ orgId, userId: row.userId }), `Removed ${row.email} from ${organizationName}.`, `Could not remove ${row.email}`);
  }

  const unchanged = editing ? [...roleIds].sort().join() === editing.row.roles.map((role) => role.id).sort().join() : true;

  return (
    <>
      <div>
        <div ref={noticeBox} tabIndex={-1} aria-live="polite" className="focus:outline-2 focus:outline-offset-4 focus:outline-blue-700">
          {notice && <Alert tone={notice.tone}>{notice.text}</Alert>}
        </div>
        <StillWorking pending={pending} />
      </div>

      {editing?.kind === "roles" && (
        <form onSubmit={onSaveRoles} aria-label={`Change roles of ${editing.row.email}`} className="mb-4 space-y-3 rounded border border-zinc-300 bg-zinc-50 p-4">
          <fieldset aria-describedby="member-roles-error">
            <legend className="font-medium">Roles of {editing.row.email} in {organizationName}</legend>
            <div className="mt-2 flex flex-wrap gap-4">
              {assignable.map((role) => (
                <label key={role.id} className="flex items-center gap-2">
                  <input
                    type="checkbox"
                    name="roleIds"
                    value={role.id}
                    checked={roleIds.includes(role.id)}
                    onChange={(event) => setRoleIds((ids) => (event.target.checked ? [...ids, role.id] : ids.filter((id) => id !== role.id)))}
                  />
                  {role.name}
                </label>
              ))}
              {rolesAbove.map((role) => <RoleAboveCeiling key={role.id} role={role} reason={ceilingReason} />)}
            </div>
            <FieldError id="member-roles-error" errors={roleErrors} />
          </fieldset>
          <div className="flex gap-2">
            <button type="submit" disabled={pending || unchanged} className="rounded bg-blue-700 px-3 py-1.5 font-medium text-white hover:bg-blue-800 disabled:opacity-60">
              Save roles
            </button>
            <button type="button" onClick={() => setEditing(null)} className="rounded border border-zinc-300 bg-white px-3 py-1.5">Cancel</button>
          </div>
        </form>
      )}

      {editing?.kind === "remove" && (
        <form onSubmit={onRemove} aria-label="Confirm" className="mb-4 space-y-3 rounded border border-amber-300 bg-amber-50 p-4">
          <p className="font-medium">
            Remove {editing.row.email} from {organizationName}? They keep their account, but lose their roles and membership here.
          </p>
          <div className="flex gap-2">
            <button type="submit" autoFocus disabled={pending} className="rounded bg-red-700 px-3 py-1.5 font-medium text-white hover:bg-red-800">Yes, remove</button>
            <button type="button" onClick={() => setEditing(null)} className="rounded border border-zinc-300 bg-white px-3 py-1.5">Cancel</button>
          </div>
        </form>
      )}

      <DataTable label="Members" caption="Members, by email" headings={["Email", "Name", "Roles", "Invited by", "Last change", "Actions"]} busy={pending}>
        {rows.length === 0 && (
          <tr><td colSpan={6} className="px-3 py-6 text-center text-zinc-600">{emptyText}</td></tr>
        )}
        {rows.map((member) => (
          <tr key={member.userId} data-testid="member-row">
            <td className="px-3 py-2 font-medium"><EmailAddress address={member.email} /></td>
            <td className="px-3 py-2">{member.name || <span className="text-zinc-600">—</span>}</td>
            <td className="px-3 py-2">{member.roles.map((role) => role.name).join(", ") || "—"}</td>
            <td className="px-3 py-2">
              {member.invitedBy ? (
                <>
                  {member.invitedBy.name}
                  {member.invitedBy.inferred && <span className="ml-1 text-xs">(inferred)</span>}
                  <div className="text-xs text-zinc-600">accepted <LocalTime iso={member.invitedBy.acceptedAt} lead={relativeTime(member.invitedBy.acceptedAt)} /></div>
                </>
              ) : (
                <span className="text-zinc-600">—</span>
              )}
            </td>
            <td className="px-3 py-2" data-testid="member-last-change">
              {member.lastChange ? (
                <>
                  {member.lastChange.lead}
                  {member.lastChange.ending && <span> — {member.lastChange.ending}</span>}
                  <div className="text-xs text-zinc-600"><LocalTime iso={member.lastChange.at} lead={relativeTime(member.lastChange.at)} /></div>
                </>
              ) : (
                <span className="text-zinc-600">—</span>
              )}
            </td>
            <td className="px-3 py-2">
              {member.changeable ? (
                <div className="flex flex-wrap gap-1">
                  <button type="button" aria-label={`Change roles of ${member.email}`} onClick={() => open("roles", member)} className="rounded border border-zinc-300 px-2 py-1 hover:bg-zinc-100">
                    Change roles
                  </button>
                  <button type="button" aria-label={`Remove ${member.email} from the organization`} onClick={() => open("remove", member)} className="rounded border border-zinc-300 px-2 py-1 hover:bg-zinc-100">
                    Remove
                  </button>
                </div>
              ) : (
                <span className="text-xs text-zinc-600">Holds roles above yours</span>
              )}
            </td>
          </tr>
        ))}
      </DataTable>
    </>
  );
}
