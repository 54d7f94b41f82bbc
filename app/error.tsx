"use client";

import { Alert } from "@/components/alert";

export default function ErrorPage({ reset }: { error: Error; reset: () => void }) {
  return (
    <section className="space-y-4">
      <h1 className="text-2xl font-semibold">This page could not be loaded</h1>
      <Alert tone="error">
        The app could not get what it needed from Auth0 or its store. Nothing was changed. Try again in a moment; if it keeps
        happening, tell your administrator.
      </Alert>
      <button type="button" onClick={reset} className="rounded border border-zinc-300 bg-white px-3 py-1.5 hover:bg-zinc-100">
        Try again
      </button>
    </section>
  );
}
