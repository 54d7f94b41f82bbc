// The delegation policy's limits by name, apart from their format (./format.ts, which needs Node's IDN
// support), so that the browser's forms and the shared schemas name them too.

export const POLICY_LIMITS = ["domains", "blockedDomains", "blockFreeMail", "maxTtlDays", "seats", "approvalRoles", "outsideDomains"] as const;
export type PolicyLimit = (typeof POLICY_LIMITS)[number];

/**
 * What the policy schedules rather than limits: reminders before expiry and automatic renewal (lib/reminders).
 * Read like the limits (metadata over tenant default), but not tightened by the organization's admins: they
 * add sends rather than restrict them, so "stricter" has no meaning for them.
 */
export const POLICY_SCHEDULES = ["reminders", "renewals"] as const;
export type PolicySchedule = (typeof POLICY_SCHEDULES)[number];

/** Every setting of the policy: the limits, then the schedules. */
export const POLICY_SETTINGS = [...POLICY_LIMITS, ...POLICY_SCHEDULES] as const;
export type PolicySetting = (typeof POLICY_SETTINGS)[number];
