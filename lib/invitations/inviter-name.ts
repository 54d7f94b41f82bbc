import "server-only";
import { organizationById } from "@/lib/auth0/directory";
import type { Authorized } from "@/lib/authz/gate";
import { env } from "@/lib/env";
import { MAX_INVITER_NAME } from "@/lib/schemas/invitation";

/** SUPPORT_INVITER_NAME filled in: {organization} is the organization's display name, {agent} the staff member's name. */
export function supportInviterName(template: string, organization: string, agent: string): string {
  return template.replaceAll("{organization}", organization).replaceAll("{agent}", agent).trim().slice(0, MAX_INVITER_NAME);
}

/**
 * The name invitees see as their inviter (Auth0 shows it in the email and on the invitation). Support staff
 * invite under the configured name, whatever the form sent, so their own names are shown only where the
 * tenant wants it; an inviter of the organization under the name they chose, or their own.
 */
export async function inviterNameFor(ctx: Authorized, chosen?: string): Promise<string> {
  if (ctx.actor.kind === "support") {
    return supportInviterName(env().SUPPORT_INVITER_NAME, (await organizationById(ctx)).displayName, ctx.user.name || ctx.user.email);
  }
  return chosen || ctx.user.name || ctx.user.email;
}
