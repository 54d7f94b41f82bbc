"use client";

// next-auth's own sign-out, without next-auth/react: that client library (with its Babel runtime) cost every
// page about 8 kB of gzipped JavaScript (`npm run size`) for these two requests. Its routes are at /api/auth.
async function signOut(callbackUrl: string) {
  const { csrfToken } = (await (await fetch("/api/auth/csrf")).json()) as { csrfToken: string };
  const response = await fetch("/api/auth/signout", {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ csrfToken, callbackUrl, json: "true" }),
  });
  const { url } = (await response.json()) as { url?: string };
  window.location.href = url ?? callbackUrl;
}

/** Ends the app session, then Auth0's session through its logout endpoint. */
export function SignOutButton({ auth0LogoutUrl, label = "Sign out" }: { auth0LogoutUrl: string; label?: string }) {
  return (
    <button
      type="button"
      onClick={() => signOut(auth0LogoutUrl)}
      className="rounded border border-zinc-300 bg-white px-3 py-1.5 text-sm font-medium hover:bg-zinc-100"
    >
      {label}
    </button>
  );
}
