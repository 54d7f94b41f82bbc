import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { PolicyTable } from "@/components/policy-table";
import { SeatsLine } from "@/components/seats-line";
import { deskPage, deskPageTitle, deskPolicyGrant } from "@/lib/authz/desk-page";
import { deskPolicyView } from "@/lib/policy/policy";
import { organizationIdSchema } from "@/lib/schemas/invitation-settings";

type Props = { params: Promise<{ orgId: string }> };

export async function generateMetadata(): Promise<Metadata> {
  return { title: await deskPageTitle("finder", "Delegation policy") };
}

// The support desk's view of an organization's delegation policy, before acting for it: what its inviters
// may send and where each limit comes from, in the same table its own Policy page shows.
export default async function DeskPolicyPage({ params }: Props) {
  const { orgId } = await params;
  if (!organizationIdSchema.safeParse(orgId).success) notFound();
  const ctx = await deskPage("finder", `/support/policy/${orgId}`, `the delegation policy of ${orgId}`);
  const access = deskPolicyGrant(ctx, orgId);
  const found = await deskPolicyView(access);
  if (!found) notFound();
  const { organization, view } = found;

  return (
    <section className="space-y-4">
      <p><Link prefetch={false} href="/support">Find an organization</Link></p>
      <h1 className="text-2xl font-semibold">Delegation policy of {organization.displayName}</h1>
      <p className="text-zinc-700">
        What invitations into {organization.displayName} may be sent, and where each limit comes from: its metadata in Auth0, this app&apos;s tenant
        default, or its own administrators&apos; tightening.{" "}
        <Link prefetch={false} href={`/orgs/${orgId}/invitations`}>Act for {organization.displayName}</Link> to invite or to tighten it.
      </p>
      <SeatsLine access={access} />
      <PolicyTable view={view} />
    </section>
  );
}
