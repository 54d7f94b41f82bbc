"use server";

// Writes only: the Members page reads on the server through its own gate, and the client refreshes the route
// after each change. Each passes the gate and the membership rules in lib/members.

import { organizationAction } from "@/lib/authz/action";
import { changeMemberRoles, removeMember } from "@/lib/members/change";
import { requestMembersRefresh } from "@/lib/members/refresh";
import { changeMemberRolesSchema, refreshMembersSchema, removeMemberSchema } from "@/lib/schemas/member";

export const changeMemberRolesAction = organizationAction({ schema: changeMemberRolesSchema, action: "change_member_roles" }, async ({ input, ctx }) => ({
  ok: true,
  data: await changeMemberRoles(ctx, input),
}));

export const removeMemberAction = organizationAction({ schema: removeMemberSchema, action: "remove_member" }, async ({ input, ctx }) => ({
  ok: true,
  data: await removeMember(ctx, input),
}));

export const refreshMembersAction = organizationAction({ schema: refreshMembersSchema, action: "refresh_members" }, async ({ ctx }) => {
  // Only asks: the refresh runs in the background, and the page updates itself when it lands.
  await requestMembersRefresh(ctx);
  return { ok: true, data: null };
});
