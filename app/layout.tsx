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

// Each page names itself, and an organization's pages the organization ("Members · Acme Corp · Org Inviter").
export const metadata: Metadata = {
  title: { template: "%s · Org Inviter", default: "Org Inviter" },
  description: "Invite people into your Auth0 organization",
  icons: { icon: { url: "/favicon.svg", type: "image/svg+xml" } },
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  const user = await currentUser();
  const acting = user?.sessionId ? await sessionEngagements(user.sessionId) : [];
  return (
    <html lang="en">
      <body>
        <a
          href="#main-content"
          className="sr-only rounded bg-white font-medium shadow focus:not-sr-only focus:absolute focus:px-4 focus:py-2 focus:top-2 focus:left-2 focus:z-50 focus:outline-2 focus:outline-blue-700"
        >
          Skip to main content
        </a>
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
                <Link prefetch={false} href="/settings">Settings</Link>
                <SignOutButton auth0LogoutUrl={auth0LogoutUrl()} />
              </div>
            )}
          </div>
        </header>
        {acting.map((engagement) => (
          <ActingBanner key={engagement.organizationId} orgId={engagement.organizationId} organizationName={engagement.organizationName} reason={engagement.reason} />
        ))}
        <main id="main-content" tabIndex={-1} className="mx-auto max-w-5xl px-4 py-8 focus:outline-none">
          {children}
        </main>
      </body>
    </html>
  );
}
