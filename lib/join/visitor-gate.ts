import "server-only";
import { visitorThrottle } from "@/lib/authz/throttle-config";
import { Refusal } from "@/lib/authz/refusal";
import { env } from "@/lib/env";
import { clientAddress } from "@/lib/http/client-address";

// What proxy.ts does for the public landing page (/join/…), before Next renders it: the throttle per client
// address (a page cannot answer 429 itself), and the headers that keep its token to this page.

export function isLandingPath(pathname: string): boolean {
  return pathname.startsWith("/join/");
}

/** The refusal's plain words when this address opened too many landing pages this minute, else undefined. */
export async function refuseVisitor(headers: Headers): Promise<string | undefined> {
  try {
    await (await visitorThrottle()).admit(clientAddress(headers, env().TRUSTED_PROXY_HOPS));
    return undefined;
  } catch (error) {
    if (error instanceof Refusal) return `Too many requests. ${error.message}`;
    throw error;
  }
}

/** Continue's form posts here and is sent on to Auth0's logout: the page's form-action must allow the redirect. */
export function signInOrigin(): string {
  return new URL(env().AUTH0_ISSUER_BASE_URL).origin;
}

/**
 * The token is the page's secret: no Referer carries it to Auth0 or anywhere else, and search engines keep
 * neither the page nor its links.
 */
export const LANDING_PAGE_HEADERS = { "Referrer-Policy": "no-referrer", "X-Robots-Tag": "noindex, nofollow" } as const;
