import type { Metadata } from "next";
import Link from "next/link";
import type { ReactNode } from "react";
import { SignOutButton } from "@/components/sign-out-button";
import { auth0LogoutUrl } from "@/lib/auth/options";
import { currentUser } from "@/lib/auth/session";
import { sessionEngagements } from "@/lib/support/engagements";
import { ActingBanner } from "./support/acting-banner";
import "./globals.css";

// Every page depends on who is signed in; nothing is prerendered at build time.
export const dynamic = "force-dynamic";

export const metadata: Metadata = {
  title: "Org Inviter",
  description: "Invite people into your Auth0 organization",
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  const user = await currentUser();
  const acting = user?.sessionId ? await sessionEngagements(user.sessionId) : [];
  return (
    <html lang="en">
      <body>
        <header className="border-b border-zinc-200 bg-white">
          <div className="mx-auto flex max-w-5xl items-center justify-between gap-4 px-4 py-3">
            <Link prefetch={false} href="/" className="font-semibold text-zinc-900">
              Org Inviter
            </Link>
            {user && (
              <div className="flex items-center gap-3 text-sm">
                <span data-testid="signed-in-as">
                  {user.name} <span className="text-zinc-500">({user.email})</span>
                </span>
                <SignOutButton auth0LogoutUrl={auth0LogoutUrl()} />
              </div>
            )}
          </div>
        </header>
        {acting.map((engagement) => (
          <ActingBanner key={engagement.organizationId} orgId={engagement.organizationId} organizationName={engagement.organizationName} reason={engagement.reason} />
        ))}
        <main className="mx-auto max-w-5xl px-4 py-8">
          {children}
        </main>
      </body>
    </html>
  );
}
