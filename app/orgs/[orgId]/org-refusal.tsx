import { Refused } from "@/components/refused";
import type { OrgPage } from "@/lib/authz/org-page";
import { StartActingForm } from "../../support/start-acting-form";

/** What an organization page shows when the gate did not let the user in: a refusal, or support's reason form. */
export function OrgRefusal({ page }: { page: Extract<OrgPage, { ok: false }> }) {
  if (page.startActing) {
    const { organization, returnTo } = page.startActing;
    return <StartActingForm orgId={organization.id} displayName={organization.displayName} returnTo={returnTo} />;
  }
  return <Refused message={page.message} code={page.code} />;
}
