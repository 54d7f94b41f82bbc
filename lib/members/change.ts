import "server-only";
import type { WriteResult } from "@/lib/auth0/invitation-writer";
import { assignMemberRoles, removeMemberRoles, removeMembers } from "@/lib/auth0/member-writer";
import { listMembers } from "@/lib/auth0/organization-data";
import { tenantRoles } from "@/lib/auth0/directory";
import type { AuditAction } from "@/lib/audit/vocabulary";
import { topRoleName, type Authorized } from "@/lib/authz/gate";
import { Refusal } from "@/lib/authz/refusal";
import { settleAuditEvent } from "@/lib/db/audit";
import type { Database } from "@/lib/db/store";
import { buildMemberEvent, recordEvent, type MemberChange } from "@/lib/ledger/events";
import type { MemberEventType } from "@/lib/ledger/event-types";
import { record, requestSender, roleNamesOf, writeAhead, type Sender } from "@/lib/invitations/send";
import { forgetMembers, setMemberRoles } from "./copy";
import { approvalRolesNeed } from "@/lib/policy/check";
import { delegationPolicy } from "@/lib/policy/policy";
import { leavesNoAdmin, roleDifference, type MemberRoles } from "./rules";

// Fixing what an invitation got wrong: a member's roles, or their membership. The same steps as sending an
// invitation (lib/invitations/send.ts), with its pieces: authority (the gate's grant) → the role ceiling, on
// the member's roles and on those granted → the last-administrator rule → write-ahead → Auth0 → settle once.
// Every refusal is in the trail, under the member's address. The checks read the members live from Auth0;
// once Auth0 has answered ok, the store's copy of the members (./copy.ts) is changed at once, without waiting
// for the tenant logs, which then say the same again. In the same transaction the trail's row is settled and
// the webhook event (member.roles_changed, member.removed) is written to the outbox (lib/ledger/events.ts).

type Member = MemberRoles & { email: string; roleNames: string[] };

/** The organization's members as Auth0 has them now, and the one asked about. */
async function membersWith(ctx: Authorized, userId: string): Promise<{ members: Member[]; member: Member }> {
  const members = (await listMembers(ctx)).map((member) => ({
    userId: member.user_id ?? "",
    email: member.email ?? "",
    roleIds: (member.roles ?? []).map((role) => role.id ?? ""),
    roleNames: (member.roles ?? []).map((role) => role.name ?? role.id ?? ""),
  }));
  const member = members.find((candidate) => candidate.userId === userId);
  if (!member) throw new Refusal("member_missing", "This person is no longer a member of the organization. Reload the list.");
  return { members, member };
}

/** Refuses, in the trail first, and stops. */
async function refuse(sender: Sender, member: Member, code: string, message: string, field?: string): Promise<never> {
  await record(sender, "refused", { inviteeEmail: member.email, roles: member.roleNames, detail: message });
  throw new Refusal(code, message, field, true);
}

const LAST_ADMIN = (role: string) =>
  `The organization must keep at least one ${role}. Give the ${role} role to someone else first.`;

/** Steps 2 and 3 for any change to `member`: the ceiling covers what they hold now, and an administrator remains. */
async function checkMayChange(sender: Sender, members: Member[], member: Member, after: string[] | null) {
  if (!sender.ceiling.covers(member.roleIds)) {
    const above = member.roleNames.filter((_, i) => !sender.ceiling.covers([member.roleIds[i]!]));
    await refuse(sender, member, "role_not_assignable", `${member.email} holds ${above.join(", ")}, above your roles, so you cannot change or remove them.`);
  }
  const top = topRoleName();
  const topId = (await tenantRoles()).find((role) => role.name === top)?.id;
  // Without the top role the rule cannot be checked: refuse rather than let the last administrator go.
  if (!topId) return refuse(sender, member, "top_role_unknown", `The role ranking's top role (${top || "none"}) is not a role of this tenant, so no member can be changed. Ask whoever runs this app to fix ROLE_RANKING.`);
  if (leavesNoAdmin(members, topId, member.userId, after)) await refuse(sender, member, "last_admin", LAST_ADMIN(top));
}

/** Settles the attempt from Auth0's answer; a failure is told to the person, already recorded. */
async function settled(sender: Sender, auditId: number, result: WriteResult<unknown>, failedDetail?: (message: string) => string) {
  if (result.ok) return;
  const message = failedDetail ? failedDetail(result.error.message) : result.error.message;
  await settleAuditEvent(sender.db, auditId, { outcome: "failed", detail: message });
  throw new Refusal(result.error.code, message, result.error.field, true);
}

const describeRoles = (names: string[]) => names.join(", ") || "no role";

/**
 * Records a change Auth0 has made, all at once: the trail's row settled done, the store's copy of the members
 * changed (`applyToCopy`), and the event for other systems written to the outbox.
 */
async function recordChange(sender: Sender, auditId: number, type: MemberEventType, change: MemberChange, applyToCopy: (tx: Database) => Promise<void>) {
  const { actorId, actorName, actorEmail, actorKind } = sender.inviter;
  await sender.db.transaction(async (transaction) => {
    const tx = transaction as unknown as Database;
    await settleAuditEvent(tx, auditId, { outcome: "done" });
    await applyToCopy(tx);
    await recordEvent(tx, buildMemberEvent(type, change, { id: actorId, name: actorName || actorEmail, kind: actorKind }, new Date()));
  });
}

export async function changeMemberRoles(ctx: Authorized, { userId, roleIds }: { userId: string; roleIds: string[] }) {
  const action: AuditAction = "change_member_roles";
  const [sender, { members, member }] = await Promise.all([requestSender(ctx, action), membersWith(ctx, userId)]);
  const wanted = [...new Set(roleIds)];
  const wantedNames = await roleNamesOf(wanted);
  await checkMayChange(sender, members, member, wanted);
  if (!sender.ceiling.covers(wanted)) {
    const refused = wantedNames.filter((_, i) => !sender.ceiling.covers([wanted[i]!]));
    await refuse(sender, member, "role_not_assignable", `You may not assign ${refused.join(", ")}.`, "roleIds");
  }
  const { added, removed } = roleDifference(member.roleIds, wanted);
  if (added.length === 0 && removed.length === 0) {
    // Nothing to do and nothing refused: the trail is not told (the page offers no such change).
    throw new Refusal("unchanged", `${member.email} already holds exactly these roles.`, "roleIds", true);
  }
  // A role the delegation policy gives only with a second person's yes cannot be given here, where nobody is asked.
  const need = approvalRolesNeed(await delegationPolicy(ctx), await roleNamesOf(added));
  if (need) await refuse(sender, member, "needs_approval", `${need.because}, and the Members page cannot ask for a second person's yes: not changed. Ask an operator to give the role in Auth0, or whoever set the rule (see the Policy page) to lift it.`, "roleIds");

  // Named before anything is written, so that nothing after the first write can leave the attempt unsettled.
  const removedNames = await roleNamesOf(removed);
  const auditId = await writeAhead(sender, { inviteeEmail: member.email, roles: wantedNames, detail: `${describeRoles(member.roleNames)} → ${describeRoles(wantedNames)}` });
  // Assign before taking away, so that a failure half-way never leaves the member with fewer roles than asked.
  if (added.length > 0) await settled(sender, auditId, await assignMemberRoles(ctx, userId, added));
  if (removed.length > 0) {
    await settled(sender, auditId, await removeMemberRoles(ctx, userId, removed), (message) =>
      `${added.length > 0 ? "The new roles were given, but " : ""}${describeRoles(removedNames)} could not be taken away: ${message}`,
    );
  }
  const change = { organizationId: ctx.orgId, userId, email: member.email, roleIdsBefore: member.roleIds, roleIdsAfter: wanted };
  await recordChange(sender, auditId, "member.roles_changed", change, (tx) => setMemberRoles(tx, ctx, userId, wanted));
  return { email: member.email, roles: wantedNames };
}

export async function removeMember(ctx: Authorized, { userId }: { userId: string }) {
  const [sender, { members, member }] = await Promise.all([requestSender(ctx, "remove_member"), membersWith(ctx, userId)]);
  await checkMayChange(sender, members, member, null);
  const auditId = await writeAhead(sender, { inviteeEmail: member.email, roles: member.roleNames, detail: `who held ${describeRoles(member.roleNames)}` });
  await settled(sender, auditId, await removeMembers(ctx, [userId]));
  const change = { organizationId: ctx.orgId, userId, email: member.email, roleIdsBefore: member.roleIds, roleIdsAfter: [] };
  await recordChange(sender, auditId, "member.removed", change, (tx) => forgetMembers(tx, ctx, [userId]));
  return { email: member.email };
}
