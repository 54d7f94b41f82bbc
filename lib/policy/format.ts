import { domainToASCII } from "node:url";

// The delegation policy's format: what an operator writes in an organization's Auth0 metadata (or in this
// app's environment, as the tenant's default), parsed and resolved. Pure, so that lib/env.ts validates the
// defaults with the parser the metadata is read with. Organization metadata holds at most 25 keys of string
// values up to 255 characters (https://auth0.com/docs/api/management/v2/organizations/patch-organizations-by-id),
// so each limit is one compact key. See the README's "Delegation policy".

import { POLICY_LIMITS, type PolicySetting } from "./limits";

export { POLICY_LIMITS, POLICY_SCHEDULES, POLICY_SETTINGS, type PolicyLimit, type PolicySchedule, type PolicySetting } from "./limits";

/** The metadata key each limit is read from (renamable through the environment). */
export type PolicyKeys = Record<PolicySetting, string>;
export const DEFAULT_POLICY_KEYS: PolicyKeys = {
  domains: "invite_domains",
  blockedDomains: "invite_blocked_domains",
  blockFreeMail: "invite_block_free_mail",
  maxTtlDays: "invite_max_ttl_days",
  seats: "invite_seats",
  approvalRoles: "invite_approval_roles",
  outsideDomains: "invite_outside_domains",
  reminders: "invite_remind",
  renewals: "invite_renew",
};

/**
 * A domain rule: `acme.com` matches exactly acme.com; `*.acme.com` matches any subdomain of acme.com
 * (eu.acme.com, a.b.acme.com), not acme.com itself. Kept in ASCII (punycode) form.
 */
export type DomainRule = { domain: string; subdomains: boolean };

/** A limit's parsed value: `undefined` means "no limit" (`*` for allowed domains, `none` for blocked ones). */
export type PolicyValues = {
  domains: DomainRule[] | undefined;
  blockedDomains: DomainRule[] | undefined;
  blockFreeMail: boolean;
  maxTtlDays: number | undefined;
  /** Members plus pending invitations may not exceed it; undefined: no seat limit. */
  seats: number | undefined;
  /** Role names (compared case-insensitively) whose invitations need a second person's approval. */
  approvalRoles: string[];
  /** What an address outside the allowed domains gets: refused, or sent for an Org Admin's approval. */
  outsideDomains: OutsideDomains;
  /** Remind `daysBefore` days before an invitation expires, at most `times` times over it and its renewals; undefined: never. */
  reminders: Reminders | undefined;
  /** Renew an invitation that expired unaccepted, at most this many times; undefined: never. */
  renewals: number | undefined;
};

export type Reminders = { daysBefore: number; times: number };

export type OutsideDomains = "refuse" | "approval";

export type Parsed<T> = { ok: true; value: T } | { ok: false; problem: string };

/** Auth0's ceiling for an invitation's ttl_sec is 30 days. */
export const MAX_TTL_DAYS = 30;
/** Reminders and renewals per invitation: a few, never a stream of email to someone who does not answer. */
export const MAX_REMINDERS = 10;
export const MAX_RENEWALS = 10;
/** A seat count that fits the 255 characters of a metadata value with room to spare. */
export const MAX_SEATS = 10_000_000;
const LABEL = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/;

/** A host name in lowercase ASCII (punycode for an IDN), or undefined when it is not one. */
export function asciiDomain(raw: string): string | undefined {
  const trimmed = raw.trim().replace(/\.$/, "");
  if (!trimmed || /[\s/@:*]/.test(trimmed)) return undefined;
  const ascii = domainToASCII(trimmed);
  if (!ascii) return undefined;
  const labels = ascii.split(".");
  return labels.length >= 2 && labels.every((label) => LABEL.test(label)) ? ascii : undefined;
}

function domainList(raw: string, none: string, noneMeaning: string): Parsed<DomainRule[] | undefined> {
  const value = raw.trim();
  if (value.toLowerCase() === none) return { ok: true, value: undefined };
  const entries = value.split(",").map((entry) => entry.trim());
  if (value === "" || entries.some((entry) => entry === "")) {
    return { ok: false, problem: `an empty entry: write domains separated by commas, or ${none} for ${noneMeaning}` };
  }
  const rules: DomainRule[] = [];
  for (const entry of entries) {
    const subdomains = entry.startsWith("*.");
    const domain = asciiDomain(subdomains ? entry.slice(2) : entry);
    if (!domain) return { ok: false, problem: `"${entry}" is not a domain (write acme.com, or *.acme.com for its subdomains)` };
    rules.push({ domain, subdomains });
  }
  return { ok: true, value: rules };
}

const wholeNumber = (raw: string) => (/^\d+$/.test(raw.trim()) ? Number(raw.trim()) : Number.NaN);

export const parsers: { [L in PolicySetting]: (raw: string) => Parsed<PolicyValues[L]> } = {
  domains: (raw) => domainList(raw, "*", "any domain"),
  blockedDomains: (raw) => domainList(raw, "none", "no blocked domain"),
  blockFreeMail: (raw) => {
    const value = raw.trim().toLowerCase();
    if (value === "true" || value === "false") return { ok: true, value: value === "true" };
    return { ok: false, problem: `"${raw}" is not true or false` };
  },
  maxTtlDays: (raw) => {
    const value = raw.trim();
    if (value.toLowerCase() === "none") return { ok: true, value: undefined };
    const days = /^\d+$/.test(value) ? Number(value) : Number.NaN;
    if (days >= 1 && days <= MAX_TTL_DAYS) return { ok: true, value: days };
    return { ok: false, problem: `"${raw}" is not a whole number of days from 1 to ${MAX_TTL_DAYS}, or none` };
  },
  seats: (raw) => {
    const value = raw.trim();
    if (value.toLowerCase() === "none") return { ok: true, value: undefined };
    const seats = /^\d+$/.test(value) ? Number(value) : Number.NaN;
    if (seats >= 0 && seats <= MAX_SEATS) return { ok: true, value: seats };
    return { ok: false, problem: `"${raw}" is not a whole number of seats from 0 to ${MAX_SEATS}, or none` };
  },
  approvalRoles: (raw) => {
    const value = raw.trim();
    if (value.toLowerCase() === "none") return { ok: true, value: [] };
    const names = value.split(",").map((name) => name.trim());
    if (value === "" || names.some((name) => name === "")) {
      return { ok: false, problem: "an empty entry: write role names separated by commas, or none" };
    }
    return { ok: true, value: names };
  },
  outsideDomains: (raw) => {
    const value = raw.trim().toLowerCase();
    if (value === "refuse" || value === "approval") return { ok: true, value };
    return { ok: false, problem: `"${raw}" is not refuse or approval` };
  },
  // "3,2": three days before expiry, at most twice.
  reminders: (raw) => {
    if (raw.trim().toLowerCase() === "none") return { ok: true, value: undefined };
    const [days, times, ...rest] = raw.split(",").map(wholeNumber);
    const daysBefore = days ?? Number.NaN;
    const count = times ?? Number.NaN;
    if (rest.length === 0 && daysBefore >= 1 && daysBefore < MAX_TTL_DAYS && count >= 1 && count <= MAX_REMINDERS) {
      return { ok: true, value: { daysBefore, times: count } };
    }
    return { ok: false, problem: `"${raw}" is not days,times (days before expiry from 1 to ${MAX_TTL_DAYS - 1}, times from 1 to ${MAX_REMINDERS}, e.g. 3,2), or none` };
  },
  renewals: (raw) => {
    if (raw.trim().toLowerCase() === "none") return { ok: true, value: undefined };
    const times = wholeNumber(raw);
    if (times >= 1 && times <= MAX_RENEWALS) return { ok: true, value: times };
    return { ok: false, problem: `"${raw}" is not a whole number of renewals from 1 to ${MAX_RENEWALS}, or none` };
  },
};

const UNSET: PolicyValues = {
  domains: undefined,
  blockedDomains: undefined,
  blockFreeMail: false,
  maxTtlDays: undefined,
  seats: undefined,
  approvalRoles: [],
  outsideDomains: "refuse",
  reminders: undefined,
  renewals: undefined,
};

/**
 * Where a limit in effect comes from: the organization's metadata, the tenant default, nowhere (no limit), or
 * the organization's own admins, who tightened the operator's value (lib/policy/tighten.ts).
 */
export type PolicySource = "organization" | "tenant" | "admin" | "none";
export type OperatorSource = Exclude<PolicySource, "admin">;

export type ResolvedLimit<L extends PolicySetting = PolicySetting> =
  | {
      limit: L;
      key: string;
      source: PolicySource;
      ok: true;
      value: PolicyValues[L];
      raw?: string;
      /** Where the admins tightened it (source "admin"): the operator's own value, which the one in effect is within. */
      operator?: { source: OperatorSource; value: PolicyValues[L] };
    }
  /** The organization's metadata holds a value that does not parse: the policy fails closed. */
  | { limit: L; key: string; source: "organization"; ok: false; raw: string; problem: string };

export type ResolvedPolicy = { [L in PolicySetting]: ResolvedLimit<L> };

/** Tenant defaults, from the environment: the raw text of each limit that is set. */
export type PolicyDefaults = Partial<Record<PolicySetting, string>>;

function resolveLimit<L extends PolicySetting>(limit: L, key: string, metadata: Readonly<Record<string, string | undefined>>, defaults: PolicyDefaults): ResolvedLimit<L> & { source: OperatorSource } {
  const own = metadata[key];
  if (own !== undefined) {
    const parsed = parsers[limit](own);
    return parsed.ok ? { limit, key, source: "organization", ok: true, value: parsed.value, raw: own } : { limit, key, source: "organization", ok: false, raw: own, problem: parsed.problem };
  }
  const fallback = defaults[limit];
  if (fallback !== undefined) {
    const parsed = parsers[limit](fallback);
    // lib/env.ts has validated the defaults at start-up; a failure here is a programming error.
    if (!parsed.ok) throw new Error(`invalid tenant default for ${limit}: ${parsed.problem}`);
    return { limit, key, source: "tenant", ok: true, value: parsed.value, raw: fallback };
  }
  return { limit, key, source: "none", ok: true, value: UNSET[limit] };
}

/** Each limit in effect for an organization: its metadata's value, else the tenant default, else none. */
export function resolvePolicy(metadata: Readonly<Record<string, string | undefined>>, keys: PolicyKeys, defaults: PolicyDefaults): ResolvedPolicy {
  const resolve = <L extends PolicySetting>(limit: L) => resolveLimit(limit, keys[limit], metadata, defaults);
  return {
    domains: resolve("domains"),
    blockedDomains: resolve("blockedDomains"),
    blockFreeMail: resolve("blockFreeMail"),
    maxTtlDays: resolve("maxTtlDays"),
    seats: resolve("seats"),
    approvalRoles: resolve("approvalRoles"),
    outsideDomains: resolve("outsideDomains"),
    reminders: resolve("reminders"),
    renewals: resolve("renewals"),
  };
}

export function malformedLimits(policy: ResolvedPolicy): Extract<ResolvedLimit, { ok: false }>[] {
  return POLICY_LIMITS.map((limit) => policy[limit] as ResolvedLimit).filter((resolved): resolved is Extract<ResolvedLimit, { ok: false }> => !resolved.ok);
}

export function matchesRule(domain: string, rule: DomainRule): boolean {
  return rule.subdomains ? domain.endsWith(`.${rule.domain}`) : domain === rule.domain;
}

/** The domain of an address, in lowercase ASCII (punycode for an IDN); the text after its last @ when that is no host name. */
export function addressDomain(email: string): string {
  const raw = email.slice(email.lastIndexOf("@") + 1);
  return asciiDomain(raw) ?? raw.trim().toLowerCase();
}

export const ruleText = (rule: DomainRule) => (rule.subdomains ? `*.${rule.domain}` : rule.domain);

/** Names in a sentence: "a", "a and b", "a, b and c". */
export function andList(names: string[]): string {
  return names.length <= 1 ? (names[0] ?? "") : `${names.slice(0, -1).join(", ")} and ${names.at(-1)}`;
}

export const listText = (rules: DomainRule[]) => andList(rules.map(ruleText));
