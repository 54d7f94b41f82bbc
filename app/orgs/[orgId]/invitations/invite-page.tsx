import type { ReactNode } from "react";
import { StartActingForm } from "@/app/support/start-acting-form";
import { OrgHeader } from "@/components/org-header";
import { orgPage } from "@/lib/authz/org-page";
import { inviterNameFor } from "@/lib/invitations/inviter-name";
import { applicationMetadataKeys, inviteFormOptions, type InviteFormOptions } from "@/lib/invitations/options";
import { NoApplications } from "./no-applications";

export type InviteFormProps = { orgId: string; options: InviteFormOptions; defaultInviterName: string; support: boolean };

/**
 * A page that sends invitations (one form's addresses, or a bulk list): the gate, the organization's
 * applications, connections and assignable roles, the inviter name, and, when no application is open to
 * invitations, what an administrator must set instead of a form that could only fail.
 */
export async function InvitePage({ orgId, path, children }: { orgId: string; path: string; children: (props: InviteFormProps) => ReactNode }) {
  const page = await orgPage(orgId, path);
  if (!page.ok) return <StartActingForm {...page.startActing} />;
  const [options, defaultInviterName] = await Promise.all([inviteFormOptions(page.ctx), inviterNameFor(page.ctx)]);
  return (
    <>
      <OrgHeader orgId={orgId} displayName={page.organization.displayName} active="new" />
      {options.applications.length === 0 ? (
        <NoApplications organization={page.organization} keys={applicationMetadataKeys()} />
      ) : (
        children({ orgId, options, defaultInviterName, support: page.ctx.actor.kind === "support" })
      )}
    </>
  );
}
