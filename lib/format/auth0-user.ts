// An Auth0 user as a tenant log names them (`user_name`, often the address they signed in with, and `user_id`),
// for the person reading who accepted or tried to accept an invitation.

export function auth0UserText({ name, id }: { name?: string | null; id?: string | null }): string {
  if (name && id) return `${name} (Auth0 user ${id})`;
  return name || (id ? `Auth0 user ${id}` : "an unknown account");
}
