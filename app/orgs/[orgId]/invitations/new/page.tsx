import { InvitePage } from "../invite-page";
import { InviteForm } from "./invite-form";

export default async function NewInvitationPage({ params }: { params: Promise<{ orgId: string }> }) {
  const { orgId } = await params;
  return <InvitePage orgId={orgId} path={`/orgs/${orgId}/invitations/new`}>{(props) => <InviteForm {...props} />}</InvitePage>;
}
