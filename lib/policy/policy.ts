import "server-only";
import { organizationById, type OrganizationSummary } from "@/lib/auth0/directory";
import { auth0ErrorParts } from "@/lib/auth0/errors";
import type { OrgAccess } from "@/lib/authz/access";
import type { PolicyTightening } from "@/lib/db/schema";
import { store } from "@/lib/db/store";
import { env } from "@/lib/env";
import { parsers, resolvePolicy, type PolicyDefaults, type PolicyKeys, type PolicyLimit, type ResolvedPolicy } from "./format";
import { applyTightenings, type AdminValues } from "./tighten";
import { tighteningRows } from "./tightenings";

// The delegation policy in effect for an organization: the operator's (its Auth0 metadata over the tenant's
// defaults from the environment), tightened by the organization's own admins (lib/policy/tighten.ts). The
// metadata comes with the organization's other details (lib/auth0/directory.ts, cached briefly), so checking
// every address of a request costs one Management API read at most, and one read of the store.

export function policyKeys(): PolicyKeys {
  const config = env();
  return {
    domains: config.POLICY_DOMAINS_METADATA_KEY,
    blockedDomains: config.POLICY_BLOCKED_DOMAINS_METADATA_KEY,
    blockFreeMail: config.POLICY_BLOCK_FREE_MAIL_METADATA_KEY,
    maxTtlDays: config.POLICY_MAX_TTL_DAYS_METADATA_KEY,
    seats: config.POLICY_SEATS_METADATA_KEY,
    approvalRoles: config.POLICY_APPROVAL_ROLES_METADATA_KEY,
    outsideDomains: config.POLICY_OUTSIDE_DOMAINS_METADATA_KEY,
    reminders: config.POLICY_REMIND_METADATA_KEY,
    renewals: config.POLICY_RENEW_METADATA_KEY,
  };
}

export function policyDefaults(): PolicyDefaults {
  const config = env();
  const defaults: PolicyDefaults = {
    domains: config.POLICY_DOMAINS,
    blockedDomains: config.POLICY_BLOCKED_DOMAINS,
    blockFreeMail: config.POLICY_BLOCK_FREE_MAIL,
    maxTtlDays: config.POLICY_MAX_TTL_DAYS,
    seats: config.POLICY_SEATS,
    approvalRoles: config.POLICY_APPROVAL_ROLES,
    outsideDomains: config.POLICY_OUTSIDE_DOMAINS,
    reminders: config.POLICY_REMIND,
    renewals: config.POLICY_RENEW,
  };
  return Object.fromEntries(Object.entries(defaults).filter(([, value]) => value !== undefined));
}

/** The operator's policy alone: what an organization admin's tightening must lie within. */
export async function operatorPolicy(access: OrgAccess): Promise<ResolvedPolicy> {
  const organization = await organizationById(access);
  return resolvePolicy(organization.metadata, policyKeys(), policyDefaults());
}

function adminValues(rows: PolicyTightening[]): AdminValues {
  const values: Record<string, unknown> = {};
  for (const row of rows) {
    const parsed = parsers[row.limit as PolicyLimit]?.(row.value);
    // Written only after the same parser accepted it: anything else is a programming error, and fails closed.
    if (!parsed?.ok) throw new Error(`stored tightening of ${row.limit} does not parse: ${row.value}`);
    values[row.limit] = parsed.value;
  }
  return values as AdminValues;
}

/** The operator's policy, the admins' tightenings (who set each, when), and the policy in effect. */
export type PolicyView = { operator: ResolvedPolicy; tightenings: PolicyTightening[]; effective: ResolvedPolicy };

export async function policyView(access: OrgAccess): Promise<PolicyView> {
  const [operator, tightenings] = await Promise.all([operatorPolicy(access), store().then(({ db }) => tighteningRows(db, access))]);
  return { operator, tightenings, effective: applyTightenings(operator, adminValues(tightenings)) };
}

/** The policy every check uses: for each limit, the stricter of the operator's and the organization admins'. */
export async function delegationPolicy(access: OrgAccess): Promise<ResolvedPolicy> {
  return (await policyView(access)).effective;
}

/** The organization's name and policy for the support desk; undefined when Auth0 has no such organization. */
export async function deskPolicyView(access: OrgAccess): Promise<{ organization: OrganizationSummary; view: PolicyView } | undefined> {
  try {
    const [organization, view] = await Promise.all([organizationById(access), policyView(access)]);
    return { organization, view };
  } catch (error) {
    if (auth0ErrorParts(error)?.status === 404) return undefined;
    throw error;
  }
}
