import type { Metadata } from "next";
import { StartActingForm } from "@/app/support/start-acting-form";
import { Alert } from "@/components/alert";
import { OrgHeader } from "@/components/org-header";
import { PolicyTable } from "@/components/policy-table";
import { SeatsLine } from "@/components/seats-line";
import { mayTightenPolicy } from "@/lib/authz/gate";
import { orgPage, orgPageTitle } from "@/lib/authz/org-page";
import { policyFromEnv } from "@/lib/authz/policy-config";
import { malformedProblem } from "@/lib/policy/check";
import { policyView } from "@/lib/policy/policy";
import { tighteningChoices } from "./tighten-choices";
import { TightenPolicyForm } from "./tighten-form";

type Props = { params: Promise<{ orgId: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return { title: await orgPageTitle((await params).orgId, "Policy") };
}

// Everyone who may open the organization sees what delegated inviters may send, and where each limit comes
// from. Operators change it in the organization's metadata in Auth0 (README, "Delegation policy"); the
// organization's administrators (and support acting for it) may tighten it here, never loosen it.
export default async function PolicyPage({ params }: Props) {
  const { orgId } = await params;
  const access = await orgPage(orgId, `/orgs/${orgId}/policy`);
  if (!access.ok) return <StartActingForm {...access.startActing} />;
  const view = await policyView(access.ctx);
  const malformed = malformedProblem(view.effective);

  return (
    <>
      <OrgHeader orgId={orgId} displayName={access.organization.displayName} active="policy" />
      <h2 className="mb-2 text-xl font-semibold">Delegation policy</h2>
      <p className="mb-4 text-zinc-700">
        What invitations into {access.organization.displayName} may be sent. Each limit comes from the organization&apos;s metadata in Auth0,
        else from this app&apos;s tenant default; an operator changes it there. The organization&apos;s administrators may tighten it here.
      </p>
      <SeatsLine access={access.ctx} />
      {malformed && (
        <div className="mb-4" data-testid="policy-malformed">
          <Alert tone="error">{malformed.message}</Alert>
        </div>
      )}
      <PolicyTable view={view} />
      <p className="mt-4 text-sm text-zinc-700">
        A domain such as <code>acme.com</code> allows exactly acme.com; <code>*.acme.com</code> allows its subdomains (eu.acme.com), not acme.com itself.
      </p>
      {mayTightenPolicy(access.ctx) && <TightenPolicyForm orgId={orgId} choices={tighteningChoices(view, policyFromEnv().ranking)} />}
    </>
  );
}
