import "server-only";

// A short-lived cache for the tenant's catalog: roles (id ↔ name), applications, an organization's
// connections and name. They fill the form's selects and the checks against them; which roles a user
// holds — the authorization decision — is never cached. One exception, bounded to a minute: whether Auth0
// has blocked the user (./blocked.ts), read on every request otherwise.
const entries = new Map<string, { expires: number; value: Promise<unknown> }>();

export function cachedLookup<T>(key: string, ttlMs: number, load: () => Promise<T>): Promise<T> {
  const now = Date.now();
  const hit = entries.get(key);
  if (hit && hit.expires > now) return hit.value as Promise<T>;
  const value = load();
  entries.set(key, { expires: now + ttlMs, value });
  value.catch(() => entries.delete(key));
  return value;
}
