// Auth0's check of /v2/logout's `returnTo` against the Allowed Logout URLs
// (https://auth0.com/docs/authenticate/login/logout/redirect-users-after-logout,
// https://auth0.com/docs/api/authentication/logout/auth-0-logout):
// - with `client_id`, the application's list; without it, the tenant's (Tenant Settings > Advanced);
// - the query string and the hash of `returnTo` are not taken into account;
// - `*` stands for a subdomain (`https://*.example.com`); the protocol must be given;
// - with `client_id` and no `returnTo`, the application's first Allowed Logout URL.
import type { Client, TenantSettings } from "./tenant.ts";

export type LogoutDecision = { kind: "return"; url: string } | { kind: "signed-out" } | { kind: "refused"; message: string };

function parsed(url: string): URL | undefined {
  try {
    return new URL(url);
  } catch {
    return undefined;
  }
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** Whether `returnTo` (without its query and hash) is the allowed URL, `*` matching one subdomain label. */
export function logoutUrlAllowed(allowed: string, returnTo: string): boolean {
  const target = parsed(returnTo);
  // `*` is no valid host character, so the pattern is parsed with a stand-in label and matched by host.
  const pattern = parsed(allowed.replace("*", "wildcard-label"));
  if (!target || !pattern) return false;
  const host = new RegExp(`^${escapeRegExp(pattern.host).replace("wildcard-label", "[^.]+")}$`, "i");
  return target.protocol === pattern.protocol && host.test(target.host) && target.pathname === pattern.pathname;
}

/** Auth0's message for a `returnTo` no list allows, shown on its error page. */
export function notAllowedMessage(returnTo: string): string {
  return `The "returnTo" querystring parameter "${returnTo}" is not defined as a valid URL in "Allowed Logout URLs". To add a new URL, please do it here: https://manage.auth0.com/#/applications`;
}

/** Where /v2/logout sends the browser once the session has ended. */
export function decideLogout(settings: TenantSettings, client: Client | undefined, clientId: string | null, returnTo: string | null): LogoutDecision {
  if (clientId && !client) return { kind: "refused", message: `The client_id "${clientId}" is not valid.` };
  const allowed = client ? (client.allowed_logout_urls ?? []) : settings.allowed_logout_urls;
  if (!returnTo) {
    const first = client ? allowed[0] : undefined;
    return first ? { kind: "return", url: first } : { kind: "signed-out" };
  }
  return allowed.some((url) => logoutUrlAllowed(url, returnTo)) ? { kind: "return", url: returnTo } : { kind: "refused", message: notAllowedMessage(returnTo) };
}
