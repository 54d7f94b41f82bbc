// The clock control: the tenant's time moves forward while the app's own clock stays real. The emulator
// does that by ageing every timestamp it holds, so "now" minus a stored time grows by the step, and by
// crediting every rate-limit bucket the refill of the skipped seconds. Expired invitations past a grace period
// go, silently, as Auth0's do ("marked as expired and eventually deleted", invite-members.mdx).
import type { EmulatorContext } from "./context.ts";
import type { Tenant } from "./tenant.ts";

const age = (iso: string, seconds: number) => new Date(Date.parse(iso) - seconds * 1000).toISOString();

function ageTenant(state: Tenant, seconds: number): void {
  for (const invitation of state.invitations) {
    invitation.created_at = age(invitation.created_at, seconds);
    invitation.expires_at = age(invitation.expires_at, seconds);
  }
  for (const event of state.logs) event.date = age(event.date, seconds);
  for (const mail of state.mailbox) mail.sent_at = age(mail.sent_at, seconds);
  for (const user of state.users) user.created_at = age(user.created_at, seconds);
  for (const organization of state.organizations) organization.created_at = age(organization.created_at, seconds);
}

/** Invitations that expired more than `graceSeconds` ago are deleted; no log event, as on Auth0. */
function dropLongExpired(state: Tenant, graceSeconds: number): string[] {
  const cutoff = Date.now() - graceSeconds * 1000;
  const gone = state.invitations.filter((i) => Date.parse(i.expires_at) < cutoff);
  state.invitations = state.invitations.filter((i) => !gone.includes(i));
  return gone.map((i) => i.id);
}

export type ClockStep = { advanceSeconds: number; expiredGraceSeconds?: number };

export function advanceClock(ctx: EmulatorContext, step: ClockStep) {
  const graceSeconds = step.expiredGraceSeconds ?? ctx.config.expiredInvitationGraceSeconds;
  const { state } = ctx.tenant;
  ageTenant(state, step.advanceSeconds);
  ctx.rateLimits.credit(step.advanceSeconds);
  const deletedInvitations = dropLongExpired(state, graceSeconds);
  return {
    advancedSeconds: step.advanceSeconds,
    expiredGraceSeconds: graceSeconds,
    deletedInvitations,
    invitations: state.invitations.map(({ id, created_at, expires_at }) => ({ id, created_at, expires_at })),
    logs: state.logs.length,
    rateLimits: ctx.rateLimits.state(),
  };
}

/** Auth0's log retention: events older than `days` are gone; the ones written later are unaffected. */
export function applyLogRetention(ctx: EmulatorContext, days: number) {
  const cutoff = Date.now() - days * 86_400_000;
  const before = ctx.tenant.state.logs.length;
  ctx.tenant.state.logs = ctx.tenant.state.logs.filter((event) => Date.parse(event.date) >= cutoff);
  return { days, dropped: before - ctx.tenant.state.logs.length, logs: ctx.tenant.state.logs.length };
}
