"use client";

import { signOut } from "next-auth/react";

/** Ends the app session, then Auth0's session through its logout endpoint. */
export function SignOutButton({ auth0LogoutUrl }: { auth0LogoutUrl: string }) {
  return (
    <button
      type="button"
      onClick={() => signOut({ callbackUrl: auth0LogoutUrl })}
      className="rounded border border-zinc-300 bg-white px-3 py-1.5 text-sm font-medium hover:bg-zinc-100"
    >
      Sign out
    </button>
  );
}
