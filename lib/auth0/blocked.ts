import "server-only";
import { env } from "@/lib/env";
import { cachedLookup } from "./cache";
import { auth0ErrorParts } from "./errors";
import { management } from "./management";

/**
 * Whether Auth0 refuses this user: blocked by an administrator (the user's `blocked` flag,
 * https://auth0.com/docs/manage-users/user-accounts/block-and-unblock-users), or deleted. Only this one
 * flag is cached, for BLOCKED_CHECK_SECONDS (at most a minute), so a live session costs one read per user
 * per minute and a blocked user is refused within that minute.
 */
export function isRefusedByAuth0(userId: string): Promise<boolean> {
  return cachedLookup(`blocked:${userId}`, env().BLOCKED_CHECK_SECONDS * 1000, () => isRefusedByAuth0Now(userId));
}

/**
 * The same question read live, past the cache: for work that acts on a user's authority after their
 * request (a bulk job), which must stop at once, not within the minute, once its creator is blocked.
 */
export async function isRefusedByAuth0Now(userId: string): Promise<boolean> {
  try {
    const user = await management().users.get(userId, { fields: "blocked", include_fields: true });
    return user.blocked === true;
  } catch (error) {
    if (auth0ErrorParts(error)?.status === 404) return true;
    throw error;
  }
}
