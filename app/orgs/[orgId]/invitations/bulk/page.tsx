import { InvitePage } from "../invite-page";
import { BulkForm } from "./bulk-form";

export default async function BulkInvitationsPage({ params }: { params: Promise<{ orgId: string }> }) {
  const { orgId } = await params;
  return <InvitePage orgId={orgId} path={`/orgs/${orgId}/invitations/bulk`}>{(props) => <BulkForm {...props} />}</InvitePage>;
}
