// Where a long email address may wrap: right after "@", "." or "-", never inside a word, so the reader still
// sees "engineering" and "example", not "engineeri" / "ng".

/** The address cut after each "@", "." and "-"; joined again they give the address back. */
export function addressPieces(address: string): string[] {
  return address.split(/(?<=[@.-])/).filter((piece) => piece !== "");
}

const ADDRESS = /[A-Za-z0-9._%+'-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+/g;

/** A sentence cut into its plain text and the email addresses in it, in order. */
export function splitAddresses(text: string): { text: string; address: boolean }[] {
  const parts: { text: string; address: boolean }[] = [];
  let from = 0;
  for (const match of text.matchAll(ADDRESS)) {
    if (match.index > from) parts.push({ text: text.slice(from, match.index), address: false });
    parts.push({ text: match[0], address: true });
    from = match.index + match[0].length;
  }
  if (from < text.length) parts.push({ text: text.slice(from), address: false });
  return parts;
}
