import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { Refused } from "@/components/refused";
import { SignOutButton } from "@/components/sign-out-button";
import { auth0LogoutUrl } from "@/lib/auth/options";
import { authorizeHome } from "@/lib/authz/action";
import { invitableOrganizations } from "@/lib/authz/organizations";
import { policyFromEnv } from "@/lib/authz/policy-config";
import { HomeNotices } from "./home-notices";

// The root layout's title template applies below it, not beside it: this page spells its title out.
export const metadata: Metadata = { title: { absolute: "Home · Org Inviter" } };

export default async function HomePage() {
  const access = await authorizeHome();
  if (!access.ok && access.code === "unauthenticated") redirect("/login");
  if (!access.ok) return <Refused title="You cannot use this app now" message={access.message} code={access.code} />;
  const { user } = access;
  const { support, auditor, invitable, memberOnly } = await invitableOrganizations(user);
  const { inviterRoles } = policyFromEnv();
  const signedInOrg = user.orgId && ([...invitable, ...memberOnly].find((org) => org.id === user.orgId)?.displayName ?? user.orgName);

  return (
    <div className="space-y-6">
      {signedInOrg && (
        <p className="rounded border border-green-200 bg-green-50 px-4 py-2 text-green-900" data-testid="signed-in-org">
          You are signed in to the organization <strong>{signedInOrg}</strong>.
        </p>
      )}
      {support && (
        <section className="rounded-lg border border-zinc-200 bg-white p-6" data-testid="support-desk-link">
          <h1 className="text-2xl font-semibold">Support desk</h1>
          <p className="mt-1 text-zinc-600">
            Find a customer&apos;s organization by name, id, a member&apos;s email or an email domain, and act on its behalf with a
            stated reason. Everything you do there is audited.
          </p>
          <p className="mt-3 flex gap-4">
            <Link prefetch={false} href="/support">Find an organization</Link>
            <Link prefetch={false} href="/support/activity">Support activity</Link>
            <Link prefetch={false} href="/support/webhooks">Webhook deliveries</Link>
          </p>
        </section>
      )}
      {auditor && !support && (
        <section className="rounded-lg border border-zinc-200 bg-white p-6" data-testid="support-activity-link">
          <h1 className="text-2xl font-semibold">Support oversight</h1>
          <p className="mt-1 text-zinc-600">Read what support staff did in customers&apos; organizations, and the reasons they gave.</p>
          <p className="mt-3 flex gap-4">
            <Link prefetch={false} href="/support/activity">Support activity</Link>
            <Link prefetch={false} href="/support/webhooks">Webhook deliveries</Link>
          </p>
        </section>
      )}
      {invitable.length > 0 ? (
        <section>
          <h1 className="text-2xl font-semibold">Organizations you can invite into</h1>
          <ul className="mt-4 divide-y divide-zinc-200 rounded-lg border border-zinc-200 bg-white" aria-label="Organizations">
            {invitable.map((org) => (
              <li key={org.id} className="flex items-center justify-between px-4 py-3">
                <span>
                  <span className="font-medium">{org.displayName}</span> <span className="text-sm text-zinc-500">({org.name})</span>
                </span>
                <Link prefetch={false} href={`/orgs/${org.id}/invitations`}>Manage invitations for {org.displayName}</Link>
              </li>
            ))}
          </ul>
        </section>
      ) : (
        !support && !auditor && (
          <section className="rounded-lg border border-amber-200 bg-white p-6" data-testid="not-allowed">
            <h1 className="text-2xl font-semibold">You cannot invite anyone yet</h1>
            {memberOnly.length > 0 ? (
              <>
                <p className="mt-2 text-zinc-700">
                  You are a member of {memberOnly.map((org) => org.displayName).join(", ")}, but you do not hold an inviter role
                  there ({inviterRoles.join(" or ")}).
                </p>
                <p className="mt-2 text-zinc-700">Ask an administrator of your organization to give you one of these roles: {inviterRoles.join(", ")}.</p>
              </>
            ) : (
              // No organization means no administrator of one to ask: say who can help, and offer another account.
              <>
                <p className="mt-2 text-zinc-700">
                  You are signed in as <strong>{user.email}</strong>, which is not a member of any organization here and is not support staff.
                </p>
                <ul className="mt-2 list-disc space-y-1 pl-6 text-zinc-700">
                  <li>If you were invited, open the link in your invitation email and sign in with the address it was sent to.</li>
                  <li>Otherwise ask the person who invited you, or whoever runs this app&apos;s Auth0 tenant, to add this account to your organization with one of these roles: {inviterRoles.join(", ")}.</li>
                  <li>If you use another account for work, sign out and sign in with that one.</li>
                </ul>
                <p className="mt-3">
                  <SignOutButton auth0LogoutUrl={auth0LogoutUrl()} label="Sign out to use another account" />
                </p>
              </>
            )}
          </section>
        )
      )}
      {(invitable.length > 0 || support) && <HomeNotices userId={user.id} organizations={support ? "any" : invitable.map((org) => org.id)} />}
    </div>
  );
}
