import "server-only";
import type { OrgAccess } from "@/lib/authz/access";
import { store } from "@/lib/db/store";
import { copiedMemberCount } from "./copy";
import { ensureMembersCopy } from "./refresh";

/**
 * How many members the organization has, for seats: from the store's copy (no Auth0 call once it is filled;
 * the first use of an organization fills it, one call per 100 members).
 */
export async function memberCount(access: OrgAccess): Promise<number> {
  const { db } = await store();
  await ensureMembersCopy(db, access);
  return copiedMemberCount(db, access);
}
