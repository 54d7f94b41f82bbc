import { OrgHeader } from "@/components/org-header";
import { Refused } from "@/components/refused";
import { orgPage } from "@/lib/authz/org-page";
import { InvitationsTable } from "./invitations-table";

export default async function InvitationsPage({ params }: { params: Promise<{ orgId: string }> }) {
  const { orgId } = await params;
  // The table's list action records support staff's view; the page need not record it twice.
  const page = await orgPage(orgId, `/orgs/${orgId}/invitations`, { auditSupportView: false });
  if (!page.ok) return <Refused message={page.message} />;
  const support = page.ctx.actor.kind === "support";
  return (
    <>
      <OrgHeader orgId={orgId} displayName={page.organization.displayName} active="invitations" support={support} />
      <InvitationsTable orgId={orgId} support={support} />
    </>
  );
}
