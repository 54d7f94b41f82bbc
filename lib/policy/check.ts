import { isFree } from "freemail";
import { addressDomain, andList, listText, malformedLimits, matchesRule, ruleText, type PolicySource, type ResolvedPolicy } from "./format";

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

/** Whether the address's domain is outside the allowed domains (there are some, and none matches). */
function outsideAllowed({ domains }: ResolvedPolicy, domain: string): boolean {
  return domains.ok && domains.value !== undefined && !domains.value.some((rule) => matchesRule(domain, rule));
}

const sentForApprovalWhenOutside = ({ outsideDomains }: ResolvedPolicy) => outsideDomains.ok && outsideDomains.value === "approval";

function outsideText({ domains }: ResolvedPolicy, domain: string): string {
  return `${domain} is outside ${domains.ok ? listText(domains.value ?? []) : ""}, ${whose(domains.source)} allowed domains`;
}

/**
 * The first rule of the policy this invitation breaks, or nothing when every rule allows it. An address outside
 * the allowed domains breaks none when the policy sends such addresses for approval (see `approvalNeed`).
 */
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
  if (domains.ok && domains.value?.length === 0) {
    // The operator has narrowed the domains to none of those the admins allowed (lib/policy/tighten.ts).
    return {
      code: "domain_not_allowed",
      message: "No domain is allowed: the operator's allowed domains and the organization admins' have none in common. Ask an Org Admin to remove or change their tightening of the allowed domains.",
    };
  }
  if (outsideAllowed(policy, domain) && !sentForApprovalWhenOutside(policy)) {
    return {
      code: "domain_not_allowed",
      message: `${outsideText(policy, domain)}: ask ${changer(domains.source)} to add the domain, or invite an address there.`,
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

/** A rule that lets an invitation through only with a second person's yes, and why it applies. */
export type ApprovalNeed = { rule: "outside_domains" | "approval_roles"; because: string };

/**
 * Whether an invitation the policy otherwise allows needs approval: its address is outside the allowed domains
 * and the policy sends such addresses for approval, or it grants a role whose invitations need approval (role
 * names compared in any case). Ask `policyProblem` first: a refusal outranks a request for approval.
 */
export function approvalNeed(policy: ResolvedPolicy, invitation: { email: string; roleNames: string[] }): ApprovalNeed | undefined {
  if (malformedLimits(policy).length > 0) return undefined;
  const domain = addressDomain(invitation.email);
  if (sentForApprovalWhenOutside(policy) && outsideAllowed(policy, domain)) return { rule: "outside_domains", because: outsideText(policy, domain) };
  return approvalRolesNeed(policy, invitation.roleNames);
}

/** Whether granting these roles needs approval: one of them is a role whose invitations need approval. */
export function approvalRolesNeed({ approvalRoles }: ResolvedPolicy, roleNames: readonly string[]): ApprovalNeed | undefined {
  if (!approvalRoles.ok) return undefined;
  const needing = new Set(approvalRoles.value.map((name) => name.toLowerCase()));
  const asked = roleNames.filter((name) => needing.has(name.toLowerCase()));
  if (asked.length === 0) return undefined;
  return {
    rule: "approval_roles",
    because: `${andList(asked)} ${asked.length === 1 ? "is a role" : "are roles"} whose invitations need approval under ${whose(approvalRoles.source)} policy`,
  };
}

const withArticle = (role: string) => `${/^[aeiou]/i.test(role) ? "an" : "a"} ${role}`;

/** What the invite form says of an address that became a request: the rule, and what happens next. */
export const sentForApproval = (need: ApprovalNeed, approverRole: string) => `${need.because}: ask ${withArticle(approverRole)} to approve it (sent for approval).`;

/** What the other ways to send (bulk lists, resend, re-invite, renew) say: only the invite form asks for approval. */
export const approvalNotAsked = (need: ApprovalNeed, approverRole: string) =>
  `${need.because}: it needs ${withArticle(approverRole)}'s approval, which only the invite form asks for; not sent.`;
