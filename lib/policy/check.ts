import { isFree } from "freemail";
import { addressDomain, listText, malformedLimits, matchesRule, ruleText, type PolicySource, type ResolvedPolicy } from "./format";

// One address against the delegation policy in effect: each rule that refuses says which rule it is,
// where it comes from, and what to do. The send pipeline (lib/invitations/policies.ts) and the bulk
// preview (lib/bulk/preview.ts) ask this one function.

export type PolicyProblem = { code: string; message: string; field?: "customAmount" };

const WHOSE: Record<PolicySource, string> = { organization: "the organization's", tenant: "this app's default", none: "this app's default", admin: "the organization admins'" };
export const whose = (source: PolicySource) => WHOSE[source];
/** Who may change a limit: the organization's Org Admins their own tightening, an operator the rest. */
export const changer = (source: PolicySource) => (source === "admin" ? "an Org Admin" : "an operator");

const duration = (seconds: number) => {
  if (seconds % 86_400 === 0) return plural(seconds / 86_400, "day");
  return plural(Math.round(seconds / 3_600), "hour");
};
export const plural = (count: number, unit: string) => `${count} ${unit}${count === 1 ? "" : "s"}`;

/** Why the policy is not usable at all: the organization's metadata holds a value that does not parse. */
export function malformedProblem(policy: ResolvedPolicy): PolicyProblem | undefined {
  const broken = malformedLimits(policy);
  if (broken.length === 0) return undefined;
  const which = broken.map((limit) => `${limit.key} ("${limit.raw}": ${limit.problem})`).join("; ");
  return {
    code: "policy_malformed",
    message: `Nothing can be sent into this organization until an operator fixes its delegation policy: its metadata key ${which}. See the Policy page.`,
  };
}

/** The first rule of the policy this invitation breaks, or nothing when every rule allows it. */
export function policyProblem(policy: ResolvedPolicy, invitation: { email: string; ttlSeconds: number }): PolicyProblem | undefined {
  const malformed = malformedProblem(policy);
  if (malformed) return malformed;
  const { domains, blockedDomains, blockFreeMail, maxTtlDays } = policy;
  const domain = addressDomain(invitation.email);

  if (blockedDomains.ok && blockedDomains.value) {
    const rule = blockedDomains.value.find((candidate) => matchesRule(domain, candidate));
    if (rule) {
      return {
        code: "domain_blocked",
        message: `${domain} is blocked by ${ruleText(rule)}, in ${whose(blockedDomains.source)} blocked domains: invite an address at another domain, or ask ${changer(blockedDomains.source)} to unblock it.`,
      };
    }
  }
  if (domains.ok && domains.value && !domains.value.some((rule) => matchesRule(domain, rule))) {
    if (domains.value.length === 0) {
      // The operator has narrowed the domains to none of those the admins allowed (lib/policy/tighten.ts).
      return {
        code: "domain_not_allowed",
        message: "No domain is allowed: the operator's allowed domains and the organization admins' have none in common. Ask an Org Admin to remove or change their tightening of the allowed domains.",
      };
    }
    return {
      code: "domain_not_allowed",
      message: `${domain} is outside ${listText(domains.value)}, ${whose(domains.source)} allowed domains: ask ${changer(domains.source)} to add the domain, or invite an address there.`,
    };
  }
  if (blockFreeMail.ok && blockFreeMail.value && isFree(`x@${domain}`)) {
    return {
      code: "free_mail_blocked",
      message: `${domain} is a free or disposable mail provider, and ${whose(blockFreeMail.source)} policy blocks those: invite a work address instead, or ask ${changer(blockFreeMail.source)} to lift the rule.`,
    };
  }
  if (maxTtlDays.ok && maxTtlDays.value !== undefined && invitation.ttlSeconds > maxTtlDays.value * 86_400) {
    return {
      code: "expiry_too_long",
      message: `Expires in ${duration(invitation.ttlSeconds)}, longer than the ${plural(maxTtlDays.value, "day")} ${whose(maxTtlDays.source)} policy allows: choose ${plural(maxTtlDays.value, "day")} or less.`,
      field: "customAmount",
    };
  }
  return undefined;
}
