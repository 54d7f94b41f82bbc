// An Auth0 user as a tenant log names them (`user_name`, often the address they signed in with, and `user_id`),
// for the person reading who accepted or tried to accept an invitation.

// The name is whatever the account chose (the one that used up someone else's invitation may be an attacker's):
// shown with its invisible characters written out and cut short, so it cannot pass itself off as our own words.
import { escapeInvisible } from "@/lib/schemas/text";

const NAME_LENGTH = 80;

const shown = (text: string) => {
  const visible = escapeInvisible(text);
  return [...visible].length > NAME_LENGTH ? `${[...visible].slice(0, NAME_LENGTH - 1).join("")}…` : visible;
};

export function auth0UserText({ name, id }: { name?: string | null; id?: string | null }): string {
  if (name && id) return `${shown(name)} (Auth0 user ${shown(id)})`;
  return name ? shown(name) : id ? `Auth0 user ${shown(id)}` : "an unknown account";
}
