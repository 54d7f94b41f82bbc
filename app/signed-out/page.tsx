import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { currentUser } from "@/lib/auth/session";

export const metadata: Metadata = { title: "Signed out" };

// Where Auth0's logout returns the browser (lib/auth/options.ts): it says so and waits, instead of sending the
// browser straight back to Auth0's sign-in page.
export default async function SignedOutPage() {
  if (await currentUser()) redirect("/");
  return (
    <section className="mx-auto max-w-md rounded-lg border border-zinc-200 bg-white p-6">
      <h1 className="text-xl font-semibold">Signed out</h1>
      <p role="status" className="mt-2 text-zinc-700">You are signed out.</p>
      <p className="mt-1 text-zinc-700">Your session here and at the sign-in page has ended. To use the app again, sign in.</p>
      <a href="/login" className="mt-4 inline-block rounded bg-blue-700 px-4 py-2 font-medium text-white no-underline hover:bg-blue-800">
        Sign in
      </a>
    </section>
  );
}
