import "server-only";

// What support typed into the finder, and so where to look: Auth0 answers exact look-ups (by id, by name,
// users by email); substrings and email domains are answered from the store.

export type FinderQuery =
  /** An organization id: looked up live; when Auth0 has none such, maybe the start of one (see idPrefix). */
  | { kind: "id"; id: string; idPrefix?: string }
  /** An email address: the organizations its accounts belong to, looked up live. */
  | { kind: "email"; email: string }
  /** An email domain: organizations whose invitations went there, and those named like its first label. */
  | { kind: "domain"; domain: string; label: string }
  /**
   * Anything else: a substring of names and display names (empty: every organization), maybe an exact name,
   * and maybe the start of an id (see idPrefix).
   */
  | { kind: "text"; text: string; exactName?: string; idPrefix?: string };

/** Auth0's organization ids are `org_` and 16 letters or digits; path ids are at most 50 characters. */
const ORGANIZATION_ID = /^org_[A-Za-z0-9]{1,46}$/;
/** Host names of two or more labels, the last (the top-level domain) starting with a letter. */
const DOMAIN = /^(?:[a-z0-9-]+\.)+[a-z][a-z0-9-]*$/;
const EMAIL = /^[^\s@]+@(?:[a-z0-9-]+\.)+[a-z][a-z0-9-]*$/;
/**
 * Organization names: 1 to 50 lowercase letters, digits, `_` and `-`
 * (https://auth0.com/docs/manage-users/organizations/configure-organizations/create-organizations).
 */
const ORGANIZATION_NAME = /^[a-z0-9_-]{1,50}$/;
/**
 * The start of an organization id, with or without its `org_` (any case): at least ID_PREFIX_MIN letters or
 * digits after it. Fewer would match too many ids by chance ("acme" is a name, not an id).
 */
export const ID_PREFIX_MIN = 8;
const ID_PREFIX = new RegExp(`^(?:org_)?([A-Za-z0-9]{${ID_PREFIX_MIN},46})$`, "i");

/** `org_` and what follows it, when `text` is the start of an id long enough to look for; else undefined. */
function idPrefixOf(text: string): string | undefined {
  const rest = ID_PREFIX.exec(text)?.[1];
  return rest ? `org_${rest}` : undefined;
}

export function classifyQuery(input: string): FinderQuery {
  const text = input.trim().replace(/\s+/g, " ");
  const idPrefix = idPrefixOf(text);
  if (ORGANIZATION_ID.test(text)) return { kind: "id", id: text, ...(idPrefix && { idPrefix }) };
  const lower = text.toLowerCase();
  if (EMAIL.test(lower)) return { kind: "email", email: lower };
  const domain = lower.replace(/^@/, "");
  if (DOMAIN.test(domain)) return { kind: "domain", domain, label: domain.split(".")[0]! };
  return { kind: "text", text, ...(ORGANIZATION_NAME.test(lower) ? { exactName: lower } : {}), ...(idPrefix && { idPrefix }) };
}
