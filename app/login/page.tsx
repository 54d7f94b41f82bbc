import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { currentUser } from "@/lib/auth/session";
import { env } from "@/lib/env";
import { loginParamsSchema, sameOriginPath } from "@/lib/schemas/login";
import { SignInRedirect } from "./sign-in-redirect";

type Props = { searchParams: Promise<Record<string, string | string[]>> };

export async function generateMetadata({ searchParams }: Props): Promise<Metadata> {
  return { title: (await searchParams).error ? "Sign-in did not complete" : "Sign in" };
}

// The application login route: Auth0 sends invitees here (`initiate_login_uri`), and so does next-auth.
export default async function LoginPage({ searchParams }: Props) {
  const raw = Object.fromEntries(Object.entries(await searchParams).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v]));
  const params = loginParamsSchema.parse(raw);
  const callbackUrl = sameOriginPath(raw.callbackUrl, env().NEXTAUTH_URL);

  if (!params.invitation && !params.organization && !params.error && (await currentUser())) redirect(callbackUrl);

  if (params.error) {
    return (
      <section className="mx-auto max-w-md rounded-lg border border-red-200 bg-white p-6">
        <h1 className="text-xl font-semibold">Sign-in did not complete</h1>
        <p className="mt-2 text-zinc-700" role="alert">
          {params.error === "OAuthCallback" || params.error === "Callback"
            ? "Auth0 refused the sign-in. If you used an organization link, make sure you are a member of that organization, or ask for a new invitation."
            : "Something went wrong while signing you in."}
        </p>
        <a href="/login" className="mt-4 inline-block">Try signing in again</a>
      </section>
    );
  }

  return (
    <SignInRedirect
      callbackUrl={callbackUrl}
      authorizationParams={{
        ...(params.invitation && { invitation: params.invitation }),
        ...(params.organization && { organization: params.organization }),
        ...(params.organization_name && { organization_name: params.organization_name }),
      }}
      invited={Boolean(params.invitation)}
    />
  );
}
