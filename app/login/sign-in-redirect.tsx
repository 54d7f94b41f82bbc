"use client";

import { signIn } from "next-auth/react";
import { useEffect, useRef } from "react";

type Props = { callbackUrl: string; authorizationParams: Record<string, string>; invited: boolean };

export function SignInRedirect({ callbackUrl, authorizationParams, invited }: Props) {
  const started = useRef(false);
  const start = () => signIn("auth0", { callbackUrl }, authorizationParams);

  useEffect(() => {
    if (started.current) return;
    started.current = true;
    void start();
  });

  return (
    <section className="mx-auto max-w-md rounded-lg border border-zinc-200 bg-white p-6" aria-busy="true">
      <h1 className="text-xl font-semibold">{invited ? "Accepting your invitation…" : "Signing you in…"}</h1>
      <p className="mt-2 text-zinc-700">You are being sent to the sign-in page.</p>
      <button
        type="button"
        onClick={() => void start()}
        className="mt-4 rounded bg-blue-700 px-4 py-2 font-medium text-white hover:bg-blue-800"
      >
        Continue to sign-in
      </button>
    </section>
  );
}
