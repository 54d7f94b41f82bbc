import { LIMIT_NAMES, days, limitValueText } from "@/lib/policy/describe";
import { MAX_SEATS, MAX_TTL_DAYS, POLICY_LIMITS, listText, parsers, type PolicyLimit, type PolicyValues, type ResolvedLimit } from "@/lib/policy/format";
import type { PolicyView } from "@/lib/policy/policy";

// What the Policy page's tightening form offers for each limit, worked out on the server from the operator's
// policy and the admins' tightenings: the browser gets words and bounds, never the parser.

export type TighteningChoice = {
  limit: PolicyLimit;
  name: string;
  /** How the value is entered: a list or a number, role boxes, or one button (a switch to the stricter setting). */
  kind: "text" | "number" | "roles" | "switch";
  hint: string;
  /** The admins' value now, in the field's own syntax (a list, a number, role names), when there is one. */
  current?: string;
  /** The admins' value now, in words. */
  currentText?: string;
  min?: number;
  max?: number;
  roles?: string[];
  /** The switch's value and its button's words. */
  switchTo?: { value: string; label: string };
  /** Why nothing stricter can be set (the switch is already at its strictest). */
  strictest?: string;
};

const SYNTAX = "Separate domains with commas; *.acme.com allows or blocks its subdomains (eu.acme.com), not acme.com itself.";

function choice<L extends PolicyLimit>(limit: L, operator: Extract<ResolvedLimit<L>, { ok: true }>, admin: PolicyValues[L] | undefined, current: string | undefined, ranking: string[]): TighteningChoice {
  const base = { limit, name: LIMIT_NAMES[limit], current, currentText: admin === undefined ? undefined : limitValueText(limit, admin) };
  const theirs = limitValueText(limit, operator.value);
  switch (limit) {
    case "domains": {
      const rules = operator.value as PolicyValues["domains"];
      return { ...base, kind: "text", hint: `${rules ? `Only domains within the operator's: ${listText(rules)}.` : "The operator allows any domain."} ${SYNTAX}` };
    }
    case "blockedDomains":
      return { ...base, kind: "text", hint: `Blocked besides the operator's (${theirs}). ${SYNTAX}` };
    case "blockFreeMail":
      return operator.value || admin
        ? { ...base, kind: "switch", hint: "", strictest: `Already blocked${operator.value ? " by the operator" : ""}: the strictest.` }
        : { ...base, kind: "switch", hint: "The operator allows them.", switchTo: { value: "true", label: "Block free and disposable mail providers" } };
    case "maxTtlDays": {
      const max = (operator.value as number | undefined) ?? MAX_TTL_DAYS;
      return { ...base, kind: "number", min: 1, max, hint: `Whole days, from 1 to ${days(max)} (the operator's longest).` };
    }
    case "seats": {
      const max = (operator.value as number | undefined) ?? MAX_SEATS;
      return { ...base, kind: "number", min: 0, max, hint: operator.value === undefined ? "The operator sets no seat limit." : `At most the operator's ${theirs} seats.` };
    }
    case "approvalRoles": {
      const own = (operator.value as string[]).map((name) => name.toLowerCase());
      return { ...base, kind: "roles", roles: ranking.filter((name) => !own.includes(name.toLowerCase())), hint: `Needed besides the operator's (${theirs}).` };
    }
    case "outsideDomains":
      return operator.value === "approval" && admin !== "refuse"
        ? { ...base, kind: "switch", hint: "The operator sends them for an Org Admin's approval.", switchTo: { value: "refuse", label: "Refuse addresses outside the allowed domains" } }
        : { ...base, kind: "switch", hint: "", strictest: `Already refused${operator.value === "refuse" ? " by the operator" : ""}: the strictest.` };
  }
  throw new Error(`no tightening form for ${limit}`);
}

/** The form's choices, one per limit whose operator value is valid (a broken one cannot be tightened until fixed). */
export function tighteningChoices(view: PolicyView, ranking: string[]): TighteningChoice[] {
  const stored = new Map(view.tightenings.map((row) => [row.limit, row.value]));
  return POLICY_LIMITS.flatMap((limit) => {
    const operator = view.operator[limit] as ResolvedLimit;
    if (!operator.ok) return [];
    const raw = stored.get(limit);
    const parsed = raw === undefined ? undefined : parsers[limit](raw);
    const admin = parsed?.ok ? parsed.value : undefined;
    return [choice(limit, operator as Extract<ResolvedLimit<typeof limit>, { ok: true }>, admin as PolicyValues[typeof limit] | undefined, raw, ranking)];
  });
}
