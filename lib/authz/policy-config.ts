import "server-only";
import { env } from "@/lib/env";
import type { Policy } from "./policy";

export function policyFromEnv(): Policy {
  const config = env();
  return {
    inviterRoles: config.INVITER_ROLES,
    ranking: config.ROLE_RANKING,
    assignable: config.ASSIGNABLE_ROLES ?? config.ROLE_RANKING,
    supportRole: config.SUPPORT_ROLE,
    auditorRole: config.AUDITOR_ROLE,
  };
}
