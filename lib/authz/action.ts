import "server-only";
import { z } from "zod/mini";
import { currentUser, type SessionUser } from "@/lib/auth/session";
import { isRefusedByAuth0 } from "@/lib/auth0/blocked";
import { auth0ErrorParts, mapAuth0Error } from "@/lib/auth0/errors";
import type { AuditOutcome } from "@/lib/audit/vocabulary";
import { recordAuditEvent, tallyAuditEvent } from "@/lib/db/audit";
import type { NewAuditEvent } from "@/lib/db/schema";
import { store } from "@/lib/db/store";
import { logAction } from "@/lib/log/action-log";
import { logger, noteInLogScope } from "@/lib/log/logger";
import { fieldErrorsOf } from "@/lib/schemas/field-errors";
import { organizationIdSchema } from "@/lib/schemas/invitation";
import { authorize, authorizeDesk, type Authorized, type DeskAuthorized, type GateAction } from "./gate";
import { Refusal } from "./refusal";
import { throttle, type RequestKind } from "./throttle-config";

// The shared schemas use zod/mini, which carries no messages of its own. Its English ones are what a crafted
// request missing a field or sending the wrong type reads ("Invalid input: expected string, received
// undefined"), as before; the forms always send the right types, so the browser does without them.
z.config(z.locales.en());

export type FieldErrors = Record<string, string[] | undefined>;
export type ActionResult<T> =
  | { ok: true; data: T }
  | { ok: false; code: string; message: string; fieldErrors?: FieldErrors };

export type AuditFields = Omit<NewAuditEvent, "action" | "outcome" | "actorId" | "actorEmail" | "actorName" | "actorKind" | "reason" | "organizationId">;
export type ActionContext = Authorized & {
  /**
   * Records one event of this action, with the actor and organization filled in, for outcomes that call no
   * one. Invitation writes are recorded ahead of the call by the send pipeline (lib/invitations/send.ts).
   */
  audit: (fields: AuditFields & { outcome: AuditOutcome }) => Promise<void>;
};


/** Who did what, for every row an action writes: the organization is null for the support desk's own actions. */
type Doer = { action: GateAction; user: SessionUser; organizationId: string | null; ctx?: Authorized | DeskAuthorized };

function auditor({ action, user, organizationId, ctx }: Doer) {
  const who = {
    action,
    actorId: user.id,
    actorEmail: user.email,
    actorName: user.name,
    actorKind: ctx?.actor.kind ?? null,
    reason: ctx && "reason" in ctx ? (ctx.reason ?? null) : null,
    organizationId,
  };
  return {
    audit: async (fields: AuditFields & { outcome: AuditOutcome; reason?: string }) => {
      const { db } = await store();
      await recordAuditEvent(db, { ...who, ...fields });
    },
    /** Records what can come in floods (a refusal, a page view) once a minute, with a count. */
    tally: async (fields: { outcome: AuditOutcome; detail: string }) => {
      const { db } = await store();
      await tallyAuditEvent(db, { ...who, ...fields });
    },
  };
}

type Refused = { ok: false; code: string; message: string; fieldErrors?: FieldErrors };
export type PageAccess = { ok: true; ctx: Authorized } | Refused;
export type DeskAccess = { ok: true; ctx: DeskAuthorized } | Refused;

function refused(code: string, message: string, field?: string): Refused {
  return { ok: false, code, message, ...(field ? { fieldErrors: { [field]: [message] } } : {}) };
}

const BLOCKED = "Your account is blocked in Auth0, so you cannot use this app. Ask your administrator if you think this is a mistake.";

/**
 * What every request passes before its gate, in this order: the user's throttle (the store only), then
 * whether Auth0 blocked the user (one cached read a minute), then the gate; an organization's requests are
 * counted once its gate let the user in.
 */
async function admitted<C>(user: SessionUser, kind: RequestKind, orgId: string | null, gate: () => Promise<C>): Promise<C> {
  const limits = await throttle();
  await limits.admit(user.id, kind, orgId);
  if (await isRefusedByAuth0(user.id)) throw new Refusal("blocked", BLOCKED);
  const ctx = await gate();
  if (orgId) await limits.charge(orgId);
  return ctx;
}

/**
 * Runs a gate, recording every refusal; support staff who have not yet said why (`not_acting`) are asked,
 * not refused, on a page. Refused page views and throttled requests are tallied (one row per actor,
 * organization and minute), so that a flood cannot fill the trail; other refusals of actions get a row each.
 */
async function passGate<C extends Authorized | DeskAuthorized>(
  doer: Omit<Doer, "ctx">,
  gate: () => Promise<C>,
  { page = false }: { page?: boolean } = {},
): Promise<{ ok: true; ctx: C } | Refused> {
  try {
    return { ok: true, ctx: await admitted(doer.user, page ? "view" : "action", doer.organizationId, gate) };
  } catch (error) {
    if (!(error instanceof Refusal)) throw error;
    const outcome = error.code === "throttled" ? "throttled" : "refused";
    const { audit, tally } = auditor(doer);
    if (page && error.code === "not_acting") return refused(error.code, error.message);
    await (page || outcome === "throttled" ? tally : audit)({ outcome, detail: error.message });
    return refused(error.code, error.message, error.field);
  }
}

export type HomeAccess = { ok: true; user: SessionUser } | Refused;

/** The home page's admission: it reads the user's organizations from Auth0, so it is throttled as a page view. */
export async function authorizeHome(): Promise<HomeAccess> {
  const user = await currentUser();
  if (!user) return refused("unauthenticated", "Sign in to continue.");
  try {
    return { ok: true, user: await admitted(user, "view", null, async () => user) };
  } catch (error) {
    if (!(error instanceof Refusal)) throw error;
    return refused(error.code, error.message);
  }
}

/**
 * The gate for a page that shows an organization's invitations or trail. A page check never protects an
 * action (each action passes the gate itself); it decides what this page may show. `viewing` names what the
 * page shows: support staff's look at it is recorded (see recordSupportView).
 */
export async function authorizeView(orgId: string, { viewing }: { viewing?: string } = {}): Promise<PageAccess> {
  const user = await currentUser();
  if (!user) return refused("unauthenticated", "Sign in to continue.");
  if (!organizationIdSchema.safeParse(orgId).success) return refused("not_found", "There is no such organization.");
  const access = await passGate({ action: "view", user, organizationId: orgId }, () => authorize(user, orgId), { page: true });
  if (access.ok && viewing) await recordSupportView(access.ctx, viewing);
  return access;
}

/**
 * Records support staff's look at an organization's page (`viewing` names it: "the members"): once a minute
 * per page, with a count, so that reloads and a page's own refreshes do not bury what was done.
 */
export async function recordSupportView(ctx: Authorized, viewing: string): Promise<void> {
  if (ctx.actor.kind !== "support") return;
  await auditor({ action: "view", user: ctx.user, organizationId: ctx.orgId, ctx }).tally({ outcome: "viewed", detail: viewing });
}

/**
 * The gate for a support-desk page: support staff, and auditors where `auditors` says so. `viewing` says
 * what the user is about to see; when given, their look is recorded as `viewed` before anything is read.
 */
export async function authorizeDeskView(
  action: GateAction,
  { auditors = false, viewing }: { auditors?: boolean; viewing?: string } = {},
): Promise<DeskAccess> {
  const user = await currentUser();
  if (!user) return refused("unauthenticated", "Sign in to continue.");
  const doer = { action, user, organizationId: null };
  const access = await passGate(doer, () => authorizeDesk(user, { auditors }), { page: true });
  if (access.ok && viewing) await auditor({ ...doer, ctx: access.ctx }).audit({ outcome: "viewed", detail: viewing });
  return access;
}

const GENERIC_FAILURE =
  "Something went wrong on our side. Check the pending invitations before trying again, and tell your administrator if it keeps happening.";

type Gatekeeper<I, C> = {
  action: GateAction;
  /** The organization the action concerns, for its audit rows. */
  organizationOf: (input: I) => string | null;
  pass: (user: SessionUser, input: I) => Promise<C>;
};

/**
 * The steps every action shares: session → input parsed with the shared schema → the gate (live, before
 * anything is read or changed) → the body. Refusals and Auth0 failures are audited and returned as a clear
 * reason; unexpected errors are logged and shown as a generic message. Only the two entry points below use it.
 */
function gatedAction<S extends z.core.$ZodType, C extends Authorized | DeskAuthorized, T>(
  schema: S,
  gatekeeper: Gatekeeper<z.output<S>, C>,
  body: (args: { input: z.output<S>; ctx: C & ReturnType<typeof auditor> }) => Promise<ActionResult<T>>,
): (raw: z.input<S>) => Promise<ActionResult<T>> {
  const run = async (raw: z.input<S>): Promise<ActionResult<T>> => {
    const user = await currentUser();
    if (!user) return refused("unauthenticated", "Your session has ended. Sign in again.");

    const parsed = z.safeParse(schema, raw);
    if (!parsed.success) {
      return {
        ok: false,
        code: "invalid_input",
        message: "Some fields need your attention.",
        fieldErrors: fieldErrorsOf(parsed.error),
      };
    }
    const input = parsed.data;
    // The audit trail must be writable before anything is done that it has to remember.
    await store();

    const doer = { action: gatekeeper.action, user, organizationId: gatekeeper.organizationOf(input) };
    noteInLogScope({ actor: user.id, organization: doer.organizationId });
    let ctx: C | undefined;
    try {
      const gate = await passGate(doer, () => gatekeeper.pass(user, input));
      if (!gate.ok) return gate;
      ctx = gate.ctx;
      return await body({ input, ctx: { ...ctx, ...auditor({ ...doer, ctx }) } });
    } catch (error) {
      const { audit } = auditor({ ...doer, ctx });
      if (error instanceof Refusal) {
        if (!error.recorded) await audit({ outcome: "refused", detail: error.message });
        return refused(error.code, error.message, error.field);
      }
      if (auth0ErrorParts(error)) {
        const mapped = mapAuth0Error(error);
        await audit({ outcome: "failed", detail: mapped.message });
        return refused(mapped.code, mapped.message, mapped.field);
      }
      logger().error({ err: error }, "unexpected error");
      return { ok: false, code: "unexpected", message: GENERIC_FAILURE };
    }
  };
  return (raw) => logAction(gatekeeper.action, () => run(raw));
}

/**
 * An action on one organization's invitations, for its inviters and for support staff acting on its behalf
 * (with the reason they gave on entering it). The organization id comes from the input and is checked.
 */
export function organizationAction<S extends z.core.$ZodType<{ orgId: string }>, T>(
  { schema, action }: { schema: S; action: GateAction },
  body: (args: { input: z.output<S>; ctx: ActionContext }) => Promise<ActionResult<T>>,
): (raw: z.input<S>) => Promise<ActionResult<T>> {
  return gatedAction(schema, { action, organizationOf: (input) => input.orgId, pass: (user, input) => authorize(user, input.orgId) }, body);
}

export type DeskContext = DeskAuthorized & ReturnType<typeof auditor>;

/** Records what a support-desk page did (a search, say) for the user its gate let through. */
export function deskAuditor(ctx: DeskAuthorized, action: GateAction) {
  return auditor({ action, user: ctx.user, organizationId: null, ctx });
}

/**
 * An action of the support desk, for support staff only (never auditors): finding organizations, starting
 * and stopping to act for one. It passes no organization's gate; an organization it names is recorded.
 */
export function supportAction<S extends z.core.$ZodType<{ orgId?: string }>, T>(
  { schema, action }: { schema: S; action: GateAction },
  body: (args: { input: z.output<S>; ctx: DeskContext }) => Promise<ActionResult<T>>,
): (raw: z.input<S>) => Promise<ActionResult<T>> {
  return gatedAction(
    schema,
    { action, organizationOf: (input) => input.orgId ?? null, pass: (user) => authorizeDesk(user, { auditors: false }) },
    body,
  );
}

/**
 * An action on the signed-in person's own things (their settings, their visits), which concern no organization:
 * it needs a session, the user's throttle and an account Auth0 has not blocked, and acts on that user only. `kind`
 * is what the throttle counts it as: noting a page view is part of that view.
 */
export function personalAction<S extends z.core.$ZodType, T>(
  { schema, kind = "action" }: { schema: S; kind?: RequestKind },
  body: (args: { input: z.output<S>; user: SessionUser }) => Promise<ActionResult<T>>,
): (raw: z.input<S>) => Promise<ActionResult<T>> {
  return async (raw) => {
    const user = await currentUser();
    if (!user) return refused("unauthenticated", "Your session has ended. Sign in again.");
    const parsed = z.safeParse(schema, raw);
    if (!parsed.success) return { ok: false, code: "invalid_input", message: "Some fields need your attention.", fieldErrors: fieldErrorsOf(parsed.error) };
    try {
      await admitted(user, kind, null, async () => user);
    } catch (error) {
      if (!(error instanceof Refusal)) throw error;
      return refused(error.code, error.message);
    }
    return body({ input: parsed.data, user });
  };
}
