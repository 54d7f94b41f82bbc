import { OrgHeader } from "@/components/org-header";
import { Refused } from "@/components/refused";
import { orgPage } from "@/lib/authz/org-page";
import { inviteFormOptions } from "@/lib/invitations/options";
import { InviteForm } from "./invite-form";

export default async function NewInvitationPage({ params }: { params: Promise<{ orgId: string }> }) {
  const { orgId } = await params;
  const page = await orgPage(orgId, `/orgs/${orgId}/invitations/new`);
  if (!page.ok) return <Refused message={page.message} />;
  const support = page.ctx.actor.kind === "support";
  const options = await inviteFormOptions(page.ctx);
  return (
    <>
      <OrgHeader orgId={orgId} displayName={page.organization.displayName} active="new" support={support} />
      <InviteForm orgId={orgId} options={options} defaultInviterName={page.ctx.user.name} support={support} />
    </>
  );
}
