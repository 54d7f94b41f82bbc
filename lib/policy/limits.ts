// The delegation policy's limits by name, apart from their format (./format.ts, which needs Node's IDN
// support), so that the browser's forms and the shared schemas name them too.

export const POLICY_LIMITS = ["domains", "blockedDomains", "blockFreeMail", "maxTtlDays", "seats", "approvalRoles", "outsideDomains"] as const;
export type PolicyLimit = (typeof POLICY_LIMITS)[number];
