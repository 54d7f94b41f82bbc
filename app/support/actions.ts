"use server";

// The support desk's writes: starting and stopping to act on behalf of an organization, and refreshing the
// directory of organizations. Support staff only; the finder itself is a page that reads through its own gate.

import { supportAction } from "@/lib/authz/action";
import { Refusal } from "@/lib/authz/refusal";
import { startActingFor } from "@/lib/support/acting";
import { endEngagement } from "@/lib/support/engagements";
import { refreshDirectoryNow } from "@/lib/directory/background";
import { refreshDirectorySchema, startActingSchema, stopActingSchema } from "@/lib/schemas/support";

function sessionOf(user: { sessionId?: string }): string {
  if (!user.sessionId) throw new Refusal("session_outdated", "Sign out and sign in again before acting on behalf of an organization.");
  return user.sessionId;
}

export const startActingAction = supportAction({ schema: startActingSchema, action: "act_for" }, async ({ input, ctx }) => {
  const organization = await startActingFor({ sessionId: sessionOf(ctx.user), actorId: ctx.user.id }, input.orgId, input.reason);
  await ctx.audit({ outcome: "done", reason: input.reason });
  return { ok: true, data: { returnTo: input.returnTo ?? `/orgs/${organization.id}/invitations` } };
});

export const stopActingAction = supportAction({ schema: stopActingSchema, action: "stop_acting" }, async ({ input, ctx }) => {
  // With the reason it ended, so that filtering the trail by reason keeps the whole engagement.
  const ended = await endEngagement(sessionOf(ctx.user), input.orgId);
  if (ended) await ctx.audit({ outcome: "done", reason: ended.reason });
  return { ok: true, data: null };
});

const REFRESHED = {
  completed: (result: { organizations: number }) => `The directory was refreshed: ${result.organizations} organizations.`,
  busy: () => "A refresh is already under way (perhaps on another instance). Search again in a minute.",
} as const;

export const refreshDirectoryAction = supportAction({ schema: refreshDirectorySchema, action: "refresh_directory" }, async ({ ctx }) => {
  const result = await refreshDirectoryNow();
  if (result.kind === "failed") {
    await ctx.audit({ outcome: "failed", detail: result.problem });
    return { ok: false, code: "refresh_failed", message: `The directory could not be refreshed: ${result.problem}` };
  }
  const message = result.kind === "completed" ? REFRESHED.completed(result) : REFRESHED.busy();
  await ctx.audit({ outcome: "done", detail: message });
  return { ok: true, data: { message } };
});
