import { listText, type PolicySetting, type PolicySource, type PolicyValues, type ResolvedLimit } from "./format";

// The delegation policy in words, once: for the Policy page, the support desk, the tightening form and the
// trail's record of each tightening ("Longest expiry: 7 days → 3 days").

export const LIMIT_NAMES: Record<PolicySetting, string> = {
  domains: "Allowed invitee domains",
  blockedDomains: "Blocked invitee domains",
  blockFreeMail: "Free and disposable mail providers",
  maxTtlDays: "Longest expiry",
  seats: "Seats (members and pending invitations)",
  approvalRoles: "Roles whose invitations need approval",
  outsideDomains: "Addresses outside the allowed domains",
  reminders: "Reminders before expiry",
  renewals: "Automatic renewal when expired unaccepted",
};

export const SOURCE_NAMES: Record<PolicySource, string> = {
  organization: "organization metadata",
  tenant: "tenant default",
  admin: "organization admin",
  none: "none",
};

/** Where the operator's own value of a limit comes from, as a sentence names it: "(organization metadata)". */
export function operatorSourceText(source: PolicySource): string {
  return source === "none" ? "the default" : SOURCE_NAMES[source];
}

export const days = (count: number) => `${count} day${count === 1 ? "" : "s"}`;

const times = (count: number) => (count === 1 ? "once" : count === 2 ? "twice" : `${count} times`);

const VALUE_TEXT: { [L in PolicySetting]: (value: PolicyValues[L]) => string } = {
  // An empty list: the operator has since narrowed the domains to none of those the admins allowed.
  domains: (rules) => (rules ? listText(rules) || "No domain (the operator's and the admins' lists have none in common)" : "Any domain"),
  blockedDomains: (rules) => (rules ? listText(rules) : "None"),
  blockFreeMail: (blocked) => (blocked ? "Blocked" : "Allowed"),
  maxTtlDays: (max) => (max === undefined ? "30 days (Auth0's longest)" : days(max)),
  seats: (seats) => (seats === undefined ? "No limit" : String(seats)),
  approvalRoles: (names) => (names.length > 0 ? names.join(", ") : "None"),
  outsideDomains: (outcome) => (outcome === "approval" ? "Sent for an Org Admin's approval" : "Refused"),
  reminders: (value) => (value ? `${days(value.daysBefore)} before expiry, at most ${times(value.times)}` : "None"),
  renewals: (count) => (count === undefined ? "None" : `At most ${times(count)}`),
};

export function limitValueText<L extends PolicySetting>(limit: L, value: PolicyValues[L]): string {
  return VALUE_TEXT[limit](value);
}

export function resolvedText<L extends PolicySetting>(resolved: ResolvedLimit<L>): string {
  if (!resolved.ok) return `Not valid: "${resolved.raw}" (${resolved.problem})`;
  return limitValueText(resolved.limit, resolved.value);
}
