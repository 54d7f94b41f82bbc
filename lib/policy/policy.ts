import "server-only";
import { organizationById } from "@/lib/auth0/directory";
import type { OrgAccess } from "@/lib/authz/access";
import { env } from "@/lib/env";
import { resolvePolicy, type PolicyDefaults, type PolicyKeys, type ResolvedPolicy } from "./format";

// The delegation policy in effect for an organization: its Auth0 metadata over the tenant's defaults from
// the environment. The metadata comes with the organization's other details (lib/auth0/directory.ts,
// cached briefly), so checking every address of a request costs one Management API read at most.

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
  };
  return Object.fromEntries(Object.entries(defaults).filter(([, value]) => value !== undefined));
}

export async function delegationPolicy(access: OrgAccess): Promise<ResolvedPolicy> {
  const organization = await organizationById(access);
  return resolvePolicy(organization.metadata, policyKeys(), policyDefaults());
}
