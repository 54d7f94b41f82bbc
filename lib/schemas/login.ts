import { z } from "zod/mini";

// Auth0 sends invitees to the application's login route with these; they are forwarded to /authorize.
// Anything else is dropped, and a malformed value is ignored rather than forwarded. The forwarded three allow
// only ASCII letters, digits, "_" and "-", so no control or invisible character reaches /authorize; `error` is
// only compared with known values, never forwarded or shown.
export const loginParamsSchema = z.object({
  invitation: z.catch(z.optional(z.string().check(z.regex(/^[A-Za-z0-9_-]{1,128}$/))), undefined),
  organization: z.catch(z.optional(z.string().check(z.regex(/^[A-Za-z0-9_-]{1,50}$/))), undefined),
  organization_name: z.catch(z.optional(z.string().check(z.regex(/^[A-Za-z0-9_-]{1,50}$/))), undefined),
  error: z.catch(z.optional(z.string().check(z.maxLength(64))), undefined),
});

/**
 * Where to go after sign-in: a path of this app only. next-auth hands back absolute URLs of our own;
 * anything that would resolve to another origin (`//evil`, `/\evil`, tabs, other hosts) becomes "/".
 */
export function sameOriginPath(callbackUrl: unknown, appUrl: string): string {
  if (typeof callbackUrl !== "string" || callbackUrl === "") return "/";
  const base = new URL(appUrl);
  try {
    const target = new URL(callbackUrl, base);
    const path = `${target.pathname}${target.search}${target.hash}`;
    // A path starting with two slashes (or slash-backslash) is read by browsers as another host.
    return target.origin === base.origin && !/^\/[\/\\]/.test(path) ? path : "/";
  } catch {
    return "/";
  }
}

/**
 * A `callbackUrl` for next-auth's own routes: one it can read (a path, or an http or https URL) is kept,
 * for its redirect callback to judge; anything else, which next-auth would answer with a 500, is "/".
 */
export function readableCallbackUrl(callbackUrl: string, appUrl: string): string {
  try {
    return /^https?:$/.test(new URL(callbackUrl, callbackUrl.startsWith("/") ? appUrl : undefined).protocol) ? callbackUrl : "/";
  } catch {
    return "/";
  }
}
