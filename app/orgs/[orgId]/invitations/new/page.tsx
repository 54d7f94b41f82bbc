import { StartActingForm } from "@/app/support/start-acting-form";
import { OrgHeader } from "@/components/org-header";
import { orgPage } from "@/lib/authz/org-page";
import { inviterNameFor } from "@/lib/invitations/inviter-name";
import { applicationMetadataKeys, inviteFormOptions } from "@/lib/invitations/options";
import { InviteForm } from "./invite-form";
import { NoApplications } from "./no-applications";

export default async function NewInvitationPage({ params }: { params: Promise<{ orgId: string }> }) {
  const { orgId } = await params;
  const page = await orgPage(orgId, `/orgs/${orgId}/invitations/new`);
  if (!page.ok) return <StartActingForm {...page.startActing} />;
  const [options, inviterName] = await Promise.all([inviteFormOptions(page.ctx), inviterNameFor(page.ctx)]);
  return (
    <>
      <OrgHeader orgId={orgId} displayName={page.organization.displayName} active="new" />
      {options.applications.length === 0 ? (
        <NoApplications organization={page.organization} keys={applicationMetadataKeys()} />
      ) : (
        <InviteForm orgId={orgId} options={options} defaultInviterName={inviterName} support={page.ctx.actor.kind === "support"} />
      )}
    </>
  );
}
