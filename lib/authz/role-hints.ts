import "server-only";
import { and, eq, gte, inArray } from "drizzle-orm";
import { inviterRoleHints } from "@/lib/db/schema";
import { store } from "@/lib/db/store";
import { logger } from "@/lib/log/logger";

// What the gate last found about a user's inviter role in an organization. Only the home page's list of
// links reads it, so that it need not read roles for every organization a user belongs to; every page and
// action still asks Auth0 live, so a stale hint can show a link, never let anyone through.

// Short, so someone given an inviter role sees the organization on the home page soon without asking for it.
const HINT_MAX_AGE_MS = 15 * 60 * 1000;

/** Remembers a decision just read from Auth0. A hint that cannot be written is only logged: it is never needed. */
export async function rememberInviterRole(userId: string, organizationId: string, inviter: boolean): Promise<void> {
  const checkedAt = new Date();
  try {
    const { db } = await store();
    await db
      .insert(inviterRoleHints)
      .values({ userId, organizationId, inviter, checkedAt })
      .onConflictDoUpdate({ target: [inviterRoleHints.userId, inviterRoleHints.organizationId], set: { inviter, checkedAt } });
  } catch (error) {
    logger().warn({ err: error, organization: organizationId }, "could not remember an inviter-role decision");
  }
}

/** The fresh hints for these organizations: organization id → holds an inviter role. */
export async function inviterRoleHintsOf(userId: string, organizationIds: string[]): Promise<Map<string, boolean>> {
  if (organizationIds.length === 0) return new Map();
  const { db } = await store();
  const rows = await db
    .select()
    .from(inviterRoleHints)
    .where(
      and(
        eq(inviterRoleHints.userId, userId),
        inArray(inviterRoleHints.organizationId, organizationIds),
        gte(inviterRoleHints.checkedAt, new Date(Date.now() - HINT_MAX_AGE_MS)),
      ),
    );
  return new Map(rows.map((row) => [row.organizationId, row.inviter]));
}
