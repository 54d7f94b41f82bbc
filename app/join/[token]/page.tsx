import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { Alert } from "@/components/alert";
import { LocalTime } from "@/components/local-time";
import { landingPage } from "@/lib/join/landing";

// Public: the invitee follows this link from our email, signed in to nothing here. proxy.ts throttles it per
// address and sends it with Referrer-Policy no-referrer and X-Robots-Tag noindex.
export const metadata: Metadata = { title: "Your invitation", robots: { index: false, follow: false }, referrer: "no-referrer" };

export default async function JoinPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const view = await landingPage(token);
  if (!view) notFound();
  const { state } = view;
  return (
    <section className="mx-auto max-w-lg space-y-5 rounded-lg border border-zinc-200 bg-white p-6" data-testid="join-page">
      <h1 className="text-2xl font-semibold">Join {view.organization}</h1>
      <dl className="grid grid-cols-[max-content_1fr] gap-x-4 gap-y-2">
        <dt className="font-medium">Invited by</dt>
        <dd data-testid="join-inviter">{view.inviter}</dd>
        <dt className="font-medium">Invited address</dt>
        <dd data-testid="join-address">{view.address}</dd>
        <dt className="font-medium">Roles</dt>
        <dd data-testid="join-roles">{view.roles.length > 0 ? view.roles.join(", ") : "None"}</dd>
        <dt className="font-medium">{state.open ? "Expires" : "Expiry"}</dt>
        <dd>
          <LocalTime iso={view.expiresAt.toISOString()} />
        </dd>
      </dl>
      {state.open ? (
        view.canContinue ? (
          <form method="post" action={`/join/${encodeURIComponent(token)}/continue`} className="space-y-3">
            <p className="text-zinc-700">
              Continue signs out whoever is signed in at the sign-in page in this browser, then lets you sign in or create your
              account with the invited address. Using the invitation with another account would use it up.
            </p>
            <button type="submit" className="rounded bg-blue-700 px-4 py-2 font-medium text-white hover:bg-blue-800">
              Continue to sign in
            </button>
          </form>
        ) : (
          <Alert tone="info">Accept it from the invitation email you received. If you cannot find it, ask {view.inviter}.</Alert>
        )
      ) : (
        <Alert tone="error">
          <p className="font-semibold">{state.heading}</p>
          <p>{state.message}</p>
        </Alert>
      )}
    </section>
  );
}
