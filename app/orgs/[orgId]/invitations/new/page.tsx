import type { Metadata } from "next";
import { orgPageTitle } from "@/lib/authz/org-page";
import { InvitePage } from "../invite-page";
import { InviteForm } from "./invite-form";

type Props = { params: Promise<{ orgId: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return { title: await orgPageTitle((await params).orgId, "Invite people") };
}

export default async function NewInvitationPage({ params }: Props) {
  const { orgId } = await params;
  return <InvitePage orgId={orgId} path={`/orgs/${orgId}/invitations/new`}>{(props) => <InviteForm {...props} />}</InvitePage>;
}
