// The headers every response carries, set in one place (proxy.ts), because two of them depend on the
// request: the Content-Security-Policy's nonce, new for each request, and HSTS, only over https.

/**
 * Scripts run only with this request's nonce, or when loaded by a script that has it ('strict-dynamic'):
 * Next puts the nonce it finds in the request's policy on its own scripts, inline ones included
 * (https://nextjs.org/docs/app/guides/content-security-policy). 'unsafe-eval' only for `next dev`, whose
 * React uses eval for its error overlay; never in production. Styles: the app's CSS is a file, but React
 * writes `style` attributes (a progress bar's width), which only 'unsafe-inline' allows; a nonce cannot, and
 * alongside a nonce browsers ignore 'unsafe-inline', so styles have none. No framing, no plugins, forms post
 * only here (and, on a page whose form is sent on elsewhere, there: browsers check form-action on redirects).
 */
export function contentSecurityPolicy(
  nonce: string,
  { https, development, formTargets = [] }: { https: boolean; development: boolean; formTargets?: string[] },
): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${development ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' blob: data:",
    "font-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    ["form-action 'self'", ...formTargets].join(" "),
    "frame-ancestors 'none'",
    ...(https ? ["upgrade-insecure-requests"] : []),
  ].join("; ");
}

/**
 * Whether the browser reached us over https: directly, or through a reverse proxy that says so in
 * X-Forwarded-Proto. Trusting that header is safe for HSTS: a browser ignores HSTS received over plain http
 * (RFC 6797, section 8.1), so a forged header can only add a header nobody obeys.
 */
export function servedOverHttps(request: { headers: Headers; nextUrl: URL }): boolean {
  const forwarded = request.headers.get("x-forwarded-proto")?.split(",")[0]?.trim().toLowerCase();
  return forwarded === "https" || request.nextUrl.protocol === "https:";
}

export function securityHeaders(policy: string, { https }: { https: boolean }): Record<string, string> {
  return {
    "Content-Security-Policy": policy,
    // For browsers that predate frame-ancestors: revoke and resend are two clicks, which a framing page
    // could trick a person into.
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "same-origin",
    "X-Content-Type-Options": "nosniff",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=(), payment=(), usb=()",
    ...(https ? { "Strict-Transport-Security": "max-age=63072000; includeSubDomains" } : {}),
  };
}
