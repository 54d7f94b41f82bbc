// The invited address as the public landing page shows it: enough for the invitee to recognise it, too little
// for someone else holding the link to learn it (j•••@example.com).

const HIDDEN = "•••";

export function maskedAddress(email: string): string {
  const at = email.lastIndexOf("@");
  if (at <= 0) return HIDDEN;
  // The first character as a whole code point, so an address starting with an emoji or accented letter is not cut in two.
  const first = Array.from(email.slice(0, at))[0]!;
  return `${first}${HIDDEN}${email.slice(at)}`;
}
