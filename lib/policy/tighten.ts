import { ruleText, type DomainRule, type PolicyLimit, type PolicyValues, type ResolvedLimit, type ResolvedPolicy } from "./format";

// An organization's own admins may tighten the operator's delegation policy, never loosen it. What
// "stricter" means, limit by limit, is defined here once and nowhere else: whether an admin's value would
// loosen the operator's (then it is refused), and the policy in effect, the stricter of both. Pure, so that
// each rule is tested as a table.

/**
 * Whether every address `inner` allows is allowed by `outer`: `a.x` and `*.a.x` are within `*.x`; an exact
 * domain only within itself or a wildcard above it; `*.x` within `*.x` but never within `x`.
 */
export function ruleWithin(inner: DomainRule, outer: DomainRule): boolean {
  if (!outer.subdomains) return !inner.subdomains && inner.domain === outer.domain;
  return inner.domain === outer.domain ? inner.subdomains : inner.domain.endsWith(`.${outer.domain}`);
}

/** The rules of `rules` that no other rule of them covers, each once. */
function withoutCovered(rules: DomainRule[]): DomainRule[] {
  const unique = [...new Map(rules.map((rule) => [ruleText(rule), rule])).values()];
  return unique.filter((rule) => !unique.some((other) => other !== rule && ruleWithin(rule, other)));
}

/** The addresses both lists allow, as rules: for each pair, the narrower rule when one is within the other. */
function intersection(left: DomainRule[], right: DomainRule[]): DomainRule[] {
  return withoutCovered(
    left.flatMap((a) => right.flatMap((b) => (ruleWithin(a, b) ? [a] : ruleWithin(b, a) ? [b] : []))),
  );
}

const atMost = (operator: number | undefined, admin: number | undefined) =>
  operator !== undefined && (admin === undefined || admin > operator);
const smaller = (a: number | undefined, b: number | undefined) => (a === undefined ? b : b === undefined ? a : Math.min(a, b));

type Rule<L extends PolicyLimit> = {
  /** Whether the admin's value lets through something the operator's refuses. */
  loosens: (operator: PolicyValues[L], admin: PolicyValues[L]) => boolean;
  /** The value in effect: what both allow. */
  stricter: (operator: PolicyValues[L], admin: PolicyValues[L]) => PolicyValues[L];
};

const RULES: { [L in PolicyLimit]: Rule<L> } = {
  // The admin's list must lie within the operator's: each of its rules within one of the operator's.
  domains: {
    loosens: (operator, admin) => operator !== undefined && (admin === undefined || admin.some((rule) => !operator.some((outer) => ruleWithin(rule, outer)))),
    stricter: (operator, admin) => (operator === undefined ? admin : admin === undefined ? operator : intersection(operator, admin)),
  },
  // An admin adds blocked domains to the operator's: never looser.
  blockedDomains: {
    loosens: () => false,
    stricter: (operator, admin) => (operator === undefined ? admin : admin === undefined ? operator : withoutCovered([...operator, ...admin])),
  },
  blockFreeMail: {
    loosens: (operator, admin) => operator && !admin,
    stricter: (operator, admin) => operator || admin,
  },
  maxTtlDays: { loosens: atMost, stricter: smaller },
  seats: { loosens: atMost, stricter: smaller },
  // An admin adds roles that need approval: never looser. Role names compare case-insensitively.
  approvalRoles: {
    loosens: () => false,
    stricter: (operator, admin) => [...operator, ...admin.filter((name) => !operator.some((own) => own.toLowerCase() === name.toLowerCase()))],
  },
  outsideDomains: {
    loosens: (operator, admin) => operator === "refuse" && admin === "approval",
    stricter: (operator, admin) => (operator === "refuse" || admin === "refuse" ? "refuse" : "approval"),
  },
};

export function loosens<L extends PolicyLimit>(limit: L, operator: PolicyValues[L], admin: PolicyValues[L]): boolean {
  return (RULES[limit] as Rule<L>).loosens(operator, admin);
}

export function stricterValue<L extends PolicyLimit>(limit: L, operator: PolicyValues[L], admin: PolicyValues[L]): PolicyValues[L] {
  return (RULES[limit] as Rule<L>).stricter(operator, admin);
}

/** A value in the metadata's own syntax, as `parsers` read it back: how an admin's value is stored and compared. */
export function metadataText<L extends PolicyLimit>(limit: L, value: PolicyValues[L]): string {
  const write: { [K in PolicyLimit]: (value: PolicyValues[K]) => string } = {
    domains: (rules) => (rules ? rules.map(ruleText).join(",") : "*"),
    blockedDomains: (rules) => (rules ? rules.map(ruleText).join(",") : "none"),
    blockFreeMail: (blocked) => String(blocked),
    maxTtlDays: (days) => (days === undefined ? "none" : String(days)),
    seats: (seats) => (seats === undefined ? "none" : String(seats)),
    approvalRoles: (names) => (names.length > 0 ? names.join(",") : "none"),
    outsideDomains: (outcome) => outcome,
  };
  return (write[limit] as (value: PolicyValues[L]) => string)(value);
}

/** The admins' tightenings of an organization's policy, parsed: the value each limit is tightened to. */
export type AdminValues = { [L in PolicyLimit]?: PolicyValues[L] };

function tightenedLimit<L extends PolicyLimit>(operator: ResolvedLimit<L>, admin: PolicyValues[L] | undefined): ResolvedLimit<L> {
  // A value of the operator's that does not parse fails closed whatever the admins set.
  if (!operator.ok || admin === undefined || operator.source === "admin") return operator;
  const value = stricterValue(operator.limit, operator.value, admin);
  // Where the admins' value adds nothing (the operator has since tightened as far or further), the operator's holds.
  if (metadataText(operator.limit, value) === metadataText(operator.limit, operator.value)) return operator;
  return {
    limit: operator.limit,
    key: operator.key,
    source: "admin",
    ok: true,
    value,
    raw: metadataText(operator.limit, admin),
    operator: { source: operator.source, value: operator.value },
  };
}

/** The policy in effect: for each limit, the stricter of the operator's (metadata, else tenant default) and the admins'. */
export function applyTightenings(operator: ResolvedPolicy, admin: AdminValues): ResolvedPolicy {
  return {
    domains: tightenedLimit(operator.domains, admin.domains),
    blockedDomains: tightenedLimit(operator.blockedDomains, admin.blockedDomains),
    blockFreeMail: tightenedLimit(operator.blockFreeMail, admin.blockFreeMail),
    maxTtlDays: tightenedLimit(operator.maxTtlDays, admin.maxTtlDays),
    seats: tightenedLimit(operator.seats, admin.seats),
    approvalRoles: tightenedLimit(operator.approvalRoles, admin.approvalRoles),
    outsideDomains: tightenedLimit(operator.outsideDomains, admin.outsideDomains),
    // Reminders and renewals are the operator's alone (lib/policy/limits.ts says why).
    reminders: operator.reminders,
    renewals: operator.renewals,
  };
}
