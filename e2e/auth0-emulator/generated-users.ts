// Users made up for load: the `users/seed` control adds N of them to the tenant (and, if asked, to one organization),
// always the same ones for the same position (ids `auth0|generated000000000000042`, emails
// `user-000042@generated.test`), so tenants of 100,000 users and organizations of 20,000 members cost one request.
import type { User } from "./tenant.ts";

export function generatedUser(n: number, password: string, createdAt: string): User {
  const padded = String(n).padStart(6, "0");
  return {
    // Auth0 database user ids are "auth0|" and 24 characters.
    user_id: `auth0|generated${String(n).padStart(15, "0")}`,
    email: `user-${padded}@generated.test`,
    name: `Generated User ${n}`,
    nickname: `user-${padded}`,
    password,
    roles: [],
    email_verified: true,
    created_at: createdAt,
  };
}
