import type { Metadata } from "next";
import { orgPageTitle } from "@/lib/authz/org-page";
import { InvitePage } from "../invite-page";
import { BulkForm } from "./bulk-form";

type Props = { params: Promise<{ orgId: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return { title: await orgPageTitle((await params).orgId, "Invite many (CSV)") };
}

export default async function BulkInvitationsPage({ params }: Props) {
  const { orgId } = await params;
  return <InvitePage orgId={orgId} path={`/orgs/${orgId}/invitations/bulk`}>{(props) => <BulkForm {...props} />}</InvitePage>;
}
