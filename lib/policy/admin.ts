import "server-only";
import { tenantRoles } from "@/lib/auth0/directory";
import type { AuditAction } from "@/lib/audit/vocabulary";
import { checkMayTightenPolicy, type Authorized } from "@/lib/authz/gate";
import { Refusal } from "@/lib/authz/refusal";
import { store } from "@/lib/db/store";
import { LIMIT_NAMES, limitValueText, operatorSourceText } from "./describe";
import { parsers, type PolicyLimit, type PolicyValues, type ResolvedLimit } from "./format";
import { operatorPolicy } from "./policy";
import { loosens, metadataText, stricterValue } from "./tighten";
import { changeTightening, type ChangeRecord } from "./tightenings";

// An organization admin's tightening of its delegation policy, and its removal. Both pass the gate
// (an organization action) and then this check: the top of the ranking (Org Admin), or support acting for the
// organization. A value looser than the operator's is refused here, on the server, whatever the form
// offered: a replayed request cannot loosen anything. Removing a tightening gives the limit back to the
// operator's value; it never loosens the operator's policy, so any administrator may remove any tightening.
// Each change is in the trail with who, the value in effect before and after.

type Operator<L extends PolicyLimit> = Extract<ResolvedLimit<L>, { ok: true }>;

function record(ctx: Authorized, action: AuditAction): ChangeRecord {
  return {
    action,
    outcome: "done",
    actorId: ctx.user.id,
    actorEmail: ctx.user.email,
    actorName: ctx.user.name,
    actorKind: ctx.actor.kind,
    reason: ctx.reason ?? null,
    organizationId: ctx.orgId,
  };
}

async function operatorLimit<L extends PolicyLimit>(ctx: Authorized, limit: L): Promise<Operator<L>> {
  const operator = (await operatorPolicy(ctx))[limit] as ResolvedLimit<L>;
  if (!operator.ok) {
    throw new Refusal(
      "policy_malformed",
      `The operator's value of ${operator.key} ("${operator.raw}") is not valid, so this limit cannot be tightened until an operator fixes it.`,
      "value",
    );
  }
  return operator;
}

function parsed<L extends PolicyLimit>(limit: L, raw: string): PolicyValues[L] {
  const result = parsers[limit](raw);
  if (!result.ok) throw new Error(`stored tightening of ${limit} does not parse: ${raw}`);
  return result.value;
}

/** The value in effect with this admin value (none: the operator's), in words. */
function inEffect<L extends PolicyLimit>(operator: Operator<L>, admin: string | undefined): string {
  const value = admin === undefined ? operator.value : stricterValue(operator.limit, operator.value, parsed(operator.limit, admin));
  return limitValueText(operator.limit, value);
}

export type TighteningChange = { limit: PolicyLimit; inEffect: string };

/** An admin's approval roles must be this tenant's: a misspelt name would quietly require nothing. */
async function checkRolesExist(names: string[]) {
  const known = new Set((await tenantRoles()).map((role) => role.name.toLowerCase()));
  const unknown = names.filter((name) => !known.has(name.toLowerCase()));
  if (unknown.length > 0) throw new Refusal("invalid_value", `${unknown.join(", ")} ${unknown.length === 1 ? "is not a role" : "are not roles"} of this tenant: choose from its roles.`, "value");
}

export async function tightenPolicy(ctx: Authorized, { limit, value }: { limit: PolicyLimit; value: string }): Promise<TighteningChange> {
  checkMayTightenPolicy(ctx);
  const name = LIMIT_NAMES[limit];
  const asked = parsers[limit](value);
  if (!asked.ok) throw new Refusal("invalid_value", `Not a value for ${name.toLowerCase()}: ${asked.problem}.`, "value");
  const roles = limit === "approvalRoles" && parsers.approvalRoles(value);
  if (roles && roles.ok) await checkRolesExist(roles.value);
  const operator = await operatorLimit(ctx, limit);
  if (loosens(limit, operator.value, asked.value)) {
    throw new Refusal(
      "loosens_policy",
      `${limitValueText(limit, asked.value)} is looser than the operator's value, ${limitValueText(limit, operator.value)} (${operatorSourceText(operator.source)}): an organization admin may only tighten it. Choose a value within it.`,
      "value",
    );
  }
  const stored = metadataText(limit, asked.value);
  const { db } = await store();
  await changeTightening(db, { ...record(ctx, "tighten_policy"), limit }, (current) => ({
    value: stored,
    detail: `${name}: ${inEffect(operator, current?.value)} → ${inEffect(operator, stored)}`,
  }));
  return { limit, inEffect: inEffect(operator, stored) };
}

export async function removePolicyTightening(ctx: Authorized, { limit }: { limit: PolicyLimit }): Promise<TighteningChange> {
  checkMayTightenPolicy(ctx);
  const name = LIMIT_NAMES[limit];
  const operator = await operatorLimit(ctx, limit);
  const { db } = await store();
  await changeTightening(db, { ...record(ctx, "remove_policy_tightening"), limit }, (current) => {
    if (!current) throw new Refusal("not_tightened", `${name} is not tightened by the organization's admins: there is nothing to remove. Reload the page.`);
    return { value: undefined, detail: `${name}: ${inEffect(operator, current.value)} → ${inEffect(operator, undefined)} (${operatorSourceText(operator.source)})` };
  });
  return { limit, inEffect: inEffect(operator, undefined) };
}
