import "server-only";
import { z } from "zod";
import { currentUser, type SessionUser } from "@/lib/auth/session";
import { auth0ErrorParts, mapAuth0Error } from "@/lib/auth0/errors";
import type { AuditOutcome } from "@/lib/audit/vocabulary";
import { beginAuditEvent, recordAuditEvent, settleAuditEvent } from "@/lib/db/audit";
import type { NewAuditEvent } from "@/lib/db/schema";
import { store } from "@/lib/db/store";
import { organizationIdSchema } from "@/lib/schemas/invitation";
import { authorize, type Authorized, type GateAction } from "./gate";
import { Refusal } from "./refusal";

export type FieldErrors = Record<string, string[] | undefined>;
export type ActionResult<T> =
  | { ok: true; data: T }
  | { ok: false; code: string; message: string; fieldErrors?: FieldErrors };

export type AuditFields = Omit<NewAuditEvent, "action" | "outcome" | "actorId" | "actorEmail" | "actorName" | "actorKind" | "reason" | "organizationId">;
type Settled = Partial<AuditFields> & { outcome: AuditOutcome };

/** A write-ahead record of an attempt: settle it once with the outcome. */
export type Attempt = { settle: (fields: Settled) => Promise<void> };

export type ActionContext = Authorized & {
  /** Records one event of this action, with the actor and organization filled in (for outcomes that call no one). */
  audit: (fields: AuditFields & { outcome: AuditOutcome }) => Promise<void>;
  /**
   * Records the attempt as `started` before an Auth0 call. When the store cannot record it, this refuses
   * and nothing is sent: Auth0 must never hold a change the trail does not know of.
   */
  attempt: (fields: AuditFields) => Promise<Attempt>;
};

const NOT_RECORDED =
  "Nothing was sent to Auth0: this app could not record the action in its audit trail. Try again, and tell your administrator if it keeps happening.";

function auditor(action: GateAction, user: SessionUser, orgId: string, authorized?: Authorized) {
  const who = {
    action,
    actorId: user.id,
    actorEmail: user.email,
    actorName: user.name,
    actorKind: authorized?.actor.kind ?? null,
    reason: authorized?.reason ?? null,
    organizationId: orgId,
  };
  return {
    audit: async (fields: AuditFields & { outcome: AuditOutcome }) => {
      const { db } = await store();
      await recordAuditEvent(db, { ...who, ...fields });
    },
    attempt: async (fields: AuditFields): Promise<Attempt> => {
      let id: number;
      const { db } = await store();
      try {
        id = await beginAuditEvent(db, { ...who, ...fields });
      } catch (error) {
        console.error(`[${action}] the audit trail refused an attempt`, error);
        throw new Refusal("not_recorded", NOT_RECORDED, undefined, true);
      }
      return { settle: (settled) => settleAuditEvent(db, id, settled) };
    },
  };
}

type Refused = { ok: false; code: string; message: string; fieldErrors?: FieldErrors };
export type PageAccess = { ok: true; ctx: Authorized } | Refused;

function refused(code: string, message: string, field?: string): Refused {
  return { ok: false, code, message, ...(field ? { fieldErrors: { [field]: [message] } } : {}) };
}

/**
 * Passes the gate, recording what must be remembered: every refusal, and support staff's looking at a
 * customer's invitations or trail.
 */
async function passGate(
  user: SessionUser,
  orgId: string,
  action: GateAction,
  { reason, auditSupportView = true }: { reason?: string; auditSupportView?: boolean },
): Promise<PageAccess> {
  try {
    const ctx = await authorize(user, orgId, { action, reason });
    if (action === "view" && ctx.actor.kind === "support" && auditSupportView) {
      await auditor(action, user, orgId, ctx).audit({ outcome: "viewed" });
    }
    return { ok: true, ctx };
  } catch (error) {
    if (!(error instanceof Refusal)) throw error;
    await auditor(action, user, orgId).audit({ outcome: "refused", detail: error.message });
    return refused(error.code, error.message, error.field);
  }
}

/**
 * The gate for a page that shows an organization's invitations or trail. A page check never protects an
 * action (each action passes the gate itself); it decides what this page may show.
 */
export async function authorizeView(orgId: string, options: { auditSupportView?: boolean } = {}): Promise<PageAccess> {
  const user = await currentUser();
  if (!user) return refused("unauthenticated", "Sign in to continue.");
  if (!organizationIdSchema.safeParse(orgId).success) return refused("not_found", "There is no such organization.");
  return passGate(user, orgId, "view", options);
}

const GENERIC_FAILURE =
  "Something went wrong on our side. Check the pending invitations before trying again, and tell your administrator if it keeps happening.";

/**
 * Every server action that reads or changes an organization is written through this wrapper:
 * session → input parsed with the shared schema → the gate (live, before any invitation read or write)
 * → the body. Refusals and Auth0 failures are audited and returned as a clear reason; unexpected errors
 * are logged and shown as a generic message.
 */
export function inviterAction<S extends z.ZodType<{ orgId: string; reason?: string }>, T>(
  options: { schema: S; action: GateAction },
  body: (args: { input: z.output<S>; ctx: ActionContext }) => Promise<ActionResult<T>>,
): (raw: z.input<S>) => Promise<ActionResult<T>> {
  return async (raw) => {
    const user = await currentUser();
    if (!user) return refused("unauthenticated", "Your session has ended. Sign in again.");

    const parsed = options.schema.safeParse(raw);
    if (!parsed.success) {
      return {
        ok: false,
        code: "invalid_input",
        message: "Some fields need your attention.",
        fieldErrors: z.flattenError(parsed.error).fieldErrors as FieldErrors,
      };
    }
    const input = parsed.data;
    // The audit trail must be writable before anything is done that it has to remember.
    await store();

    let authorized: Authorized | undefined;
    try {
      const gate = await passGate(user, input.orgId, options.action, { reason: input.reason });
      if (!gate.ok) return gate;
      authorized = gate.ctx;
      return await body({ input, ctx: { ...authorized, ...auditor(options.action, user, input.orgId, authorized) } });
    } catch (error) {
      const { audit } = auditor(options.action, user, input.orgId, authorized);
      if (error instanceof Refusal) {
        if (!error.recorded) await audit({ outcome: "refused", detail: error.message });
        return refused(error.code, error.message, error.field);
      }
      if (auth0ErrorParts(error)) {
        const mapped = mapAuth0Error(error);
        await audit({ outcome: "failed", detail: mapped.message });
        return refused(mapped.code, mapped.message, mapped.field);
      }
      console.error(`[${options.action}] unexpected error`, error);
      return { ok: false, code: "unexpected", message: GENERIC_FAILURE };
    }
  };
}
