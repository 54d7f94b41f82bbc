// Test controls under /__emulator/ (on both servers): reset the tenant, read the request log and the mailbox,
// inject faults, set the Management API's rate-limit buckets and latency, move the tenant's clock, apply log
// retention, look at the tenant's state and logs, accept an invitation as an invitee would, edit an
// organization's metadata, and seed many
// invitations, or many users and members, at once. JSON in and out;
// the bodies are checked in control-input.ts.
import type { IncomingMessage, ServerResponse } from "node:http";
import { advanceClock, applyLogRetention } from "./clock.ts";
import type { EmulatorContext } from "./context.ts";
import {
  parseAcceptance,
  parseBlocked,
  parseClockStep,
  parseFault,
  parseInvitationSeed,
  parseLatency,
  parseOrganizationMetadata,
  parseRateLimits,
  parseRetentionDays,
  parseSmtpAnswers,
  parseUserSeed,
} from "./control-input.ts";
import { ApiError } from "./management/errors.ts";
import { readPayload, sendJson } from "./management/http.ts";
import { seedInvitations } from "./management/resources/create-invitation.ts";
import { mergeMetadata } from "./management/resources/organizations.ts";
import { decideLogin } from "./sign-in.ts";

type Handler = (req: IncomingMessage, res: ServerResponse) => void;
type Control = (ctx: EmulatorContext, url: URL, req: IncomingMessage) => unknown;

async function readJson(req: IncomingMessage): Promise<unknown> {
  return (await readPayload(req)).value;
}

/** Back to the start: tenant, request log, mailbox, faults, latency, and the configured rate limits, buckets full. */
function resetEmulator(ctx: EmulatorContext): void {
  ctx.tenant.reset();
  ctx.requestLog.length = 0;
  ctx.faults.clear();
  ctx.latencyMs = ctx.config.latencyMs;
  ctx.smtpAnswers = { codes: [] };
  ctx.rateLimits.configure(ctx.config.rateLimits);
}

async function setRateLimits(ctx: EmulatorContext, req: IncomingMessage) {
  ctx.rateLimits.configure(parseRateLimits(await readJson(req)));
  return { rateLimits: ctx.rateLimits.state() };
}

const controls: Record<string, Control> = {
  "POST reset": (ctx) => {
    resetEmulator(ctx);
    return { reset: true };
  },
  "GET requests": (ctx, url) => ctx.requestLog.slice(Number(url.searchParams.get("since") ?? 0) || 0),
  "DELETE requests": (ctx) => {
    ctx.requestLog.length = 0;
    return { cleared: true };
  },
  "GET mailbox": (ctx, url) => {
    const to = url.searchParams.get("to")?.toLowerCase();
    return ctx.tenant.state.mailbox.filter((m) => !to || m.to.toLowerCase() === to);
  },
  // The SMTP sink answers the next messages with these reply codes, in order, then accepts again.
  "POST smtp-answers": async (ctx, _url, req) => {
    ctx.smtpAnswers = parseSmtpAnswers(await readJson(req));
    return { smtpAnswers: ctx.smtpAnswers };
  },
  "POST faults": async (ctx, _url, req) => ctx.faults.add(parseFault(await readJson(req))),
  "DELETE faults": (ctx) => {
    ctx.faults.clear();
    return { cleared: true };
  },
  "GET rate-limit": (ctx) => ({ rateLimits: ctx.rateLimits.state() }),
  // PUT as the first version had it; POST as well, since a partial update (only the named buckets) is not a PUT.
  "PUT rate-limit": (ctx, _url, req) => setRateLimits(ctx, req),
  "POST rate-limit": (ctx, _url, req) => setRateLimits(ctx, req),
  "PUT latency": async (ctx, _url, req) => {
    ctx.latencyMs = parseLatency(await readJson(req));
    return { latencyMs: ctx.latencyMs };
  },
  "POST clock": async (ctx, _url, req) => advanceClock(ctx, parseClockStep(await readJson(req))),
  "GET logs": (ctx) => ctx.tenant.state.logs,
  // The invitation login an invitee does in the browser, through the same rules and logs, for tests that
  // need an acceptance without a browser.
  "POST invitations/accept": async (ctx, _url, req) => {
    const { ticket, email, password } = parseAcceptance(await readJson(req));
    const invitation = ctx.tenant.invitationByTicket(ticket);
    const client = ctx.tenant.state.clients.find((c) => c.client_id === invitation?.client_id);
    const outcome = decideLogin(ctx.tenant, { client, hostname: "127.0.0.1", ip: "127.0.0.1" }, { invitation: ticket }, email, password);
    return outcome.kind === "signed-in" ? { kind: outcome.kind, user_id: outcome.user.user_id } : outcome;
  },
  // Many invitations at once, as the API would make them without email, for tests of large organizations.
  "POST invitations/seed": async (ctx, _url, req) => seedInvitations(ctx, parseInvitationSeed(await readJson(req))),
  // An administrator blocking (or unblocking) a user in the Auth0 dashboard.
  "POST users/blocked": async (ctx, _url, req) => {
    const { user_id, blocked } = parseBlocked(await readJson(req));
    const user = ctx.tenant.user(user_id);
    if (!user) throw new ApiError(404, `no user ${user_id}`);
    user.blocked = blocked;
    return { user_id, blocked };
  },
  // An operator editing an organization's metadata in the Auth0 dashboard (the app's client may not: it lacks
  // update:organizations). Merged as PATCH /organizations/{id} merges it; `null` removes a key.
  "POST organizations/metadata": async (ctx, _url, req) => {
    const { organization_id, metadata } = parseOrganizationMetadata(await readJson(req));
    const organization = ctx.tenant.organization(organization_id);
    if (!organization) throw new ApiError(404, `no organization ${organization_id}`);
    organization.metadata = mergeMetadata(organization.metadata, metadata);
    return { organization_id, metadata: organization.metadata };
  },
  // Many made-up users at once, optionally members of one organization, for tests and benchmarks of large tenants.
  // Seeded state, like seed.json's memberships: no tenant logs are written for it.
  "POST users/seed": async (ctx, _url, req) => {
    const seed = parseUserSeed(await readJson(req));
    const organization = seed.organization_id === undefined ? undefined : ctx.tenant.organization(seed.organization_id);
    if (seed.organization_id !== undefined && !organization) throw new ApiError(404, `no organization ${seed.organization_id}`);
    const unknownRoles = seed.roles.filter((id) => !ctx.tenant.state.roles.some((role) => role.id === id));
    if (unknownRoles.length > 0) throw new ApiError(400, `no roles ${unknownRoles.join(", ")}`);
    return ctx.tenant.seedUsers(seed.count, organization, seed.members, seed.roles);
  },
  "POST logs/retention": async (ctx, _url, req) => applyLogRetention(ctx, parseRetentionDays(await readJson(req))),
  "GET state": (ctx) => {
    const { invitations, organizations, users } = ctx.tenant.state;
    return {
      invitations,
      organizations,
      users: users.map(({ password: _password, ...user }) => user),
    };
  },
};

export function createControlsHandler(ctx: EmulatorContext): Handler {
  return (req, res) => {
    const url = new URL(req.url ?? "/", "http://emulator");
    const control = controls[`${req.method} ${url.pathname.replace(/^\/__emulator\//, "")}`];
    if (!control) return sendJson(res, 404, { error: `no emulator control ${req.method} ${url.pathname}` });
    Promise.resolve()
      .then(() => control(ctx, url, req))
      .then((body) => sendJson(res, 200, body))
      .catch((error: unknown) => {
        const message = error instanceof Error ? error.message : String(error);
        sendJson(res, error instanceof ApiError ? error.status : 500, { error: message });
      });
  };
}
