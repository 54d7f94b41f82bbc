import type { Metadata } from "next";

export const metadata: Metadata = { title: "Invitation not found", robots: { index: false, follow: false }, referrer: "no-referrer" };

/** An unknown or malformed token: the same words for both, and nothing about any invitation. */
export default function JoinNotFound() {
  return (
    <section className="mx-auto max-w-lg space-y-3 rounded-lg border border-zinc-200 bg-white p-6" data-testid="not-found">
      <h1 className="text-2xl font-semibold">Invitation not found</h1>
      <p className="text-zinc-700">
        This invitation link is not valid. Check that you opened the whole link from the email, or ask the person who invited you
        to send it again.
      </p>
    </section>
  );
}
