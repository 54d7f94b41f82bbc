import { OrgHeader } from "@/components/org-header";
import { Refused } from "@/components/refused";
import { orgPage } from "@/lib/authz/org-page";
import { applicationMetadataKeys, inviteFormOptions } from "@/lib/invitations/options";
import { InviteForm } from "./invite-form";
import { NoApplications } from "./no-applications";

export default async function NewInvitationPage({ params }: { params: Promise<{ orgId: string }> }) {
  const { orgId } = await params;
  const page = await orgPage(orgId, `/orgs/${orgId}/invitations/new`);
  if (!page.ok) return <Refused message={page.message} />;
  const support = page.ctx.actor.kind === "support";
  const options = await inviteFormOptions(page.ctx);
  return (
    <>
      <OrgHeader orgId={orgId} displayName={page.organization.displayName} active="new" support={support} />
      {options.applications.length === 0 ? (
        <NoApplications organization={page.organization} keys={applicationMetadataKeys()} />
      ) : (
        <InviteForm orgId={orgId} options={options} defaultInviterName={page.ctx.user.name} support={support} />
      )}
    </>
  );
}
