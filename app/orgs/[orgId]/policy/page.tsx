import type { Metadata } from "next";
import { StartActingForm } from "@/app/support/start-acting-form";
import { Alert } from "@/components/alert";
import { OrgHeader } from "@/components/org-header";
import { SeatsLine } from "@/components/seats-line";
import { orgPage, orgPageTitle } from "@/lib/authz/org-page";
import { malformedProblem } from "@/lib/policy/check";
import { listText, POLICY_LIMITS, type PolicyLimit, type PolicySource, type PolicyValues, type ResolvedLimit } from "@/lib/policy/format";
import { delegationPolicy } from "@/lib/policy/policy";

type Props = { params: Promise<{ orgId: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return { title: await orgPageTitle((await params).orgId, "Policy") };
}

const LIMIT_NAMES: Record<PolicyLimit, string> = {
  domains: "Allowed invitee domains",
  blockedDomains: "Blocked invitee domains",
  blockFreeMail: "Free and disposable mail providers",
  maxTtlDays: "Longest expiry",
  seats: "Seats (members and pending invitations)",
  approvalRoles: "Roles whose invitations need approval",
  outsideDomains: "Addresses outside the allowed domains",
};

const SOURCE_NAMES: Record<PolicySource, string> = {
  organization: "organization metadata",
  tenant: "tenant default",
  none: "none",
};

const days = (count: number) => `${count} day${count === 1 ? "" : "s"}`;

const VALUE_TEXT: { [L in PolicyLimit]: (value: PolicyValues[L]) => string } = {
  domains: (rules) => (rules ? listText(rules) : "Any domain"),
  blockedDomains: (rules) => (rules ? listText(rules) : "None"),
  blockFreeMail: (blocked) => (blocked ? "Blocked" : "Allowed"),
  maxTtlDays: (max) => (max === undefined ? "30 days (Auth0's longest)" : days(max)),
  seats: (seats) => (seats === undefined ? "No limit" : String(seats)),
  approvalRoles: (names) => (names.length > 0 ? names.join(", ") : "None"),
  outsideDomains: (outcome) => (outcome === "approval" ? "Sent for an Org Admin's approval" : "Refused"),
};

function valueText<L extends PolicyLimit>(resolved: ResolvedLimit<L>): string {
  if (!resolved.ok) return `Not valid: "${resolved.raw}" (${resolved.problem})`;
  return VALUE_TEXT[resolved.limit](resolved.value);
}

// Read-only: everyone who may open the organization sees what delegated inviters may send, and where each
// limit comes from. Operators change it in the organization's metadata in Auth0 (README, "Delegation policy").
export default async function PolicyPage({ params }: Props) {
  const { orgId } = await params;
  const access = await orgPage(orgId, `/orgs/${orgId}/policy`);
  if (!access.ok) return <StartActingForm {...access.startActing} />;
  const policy = await delegationPolicy(access.ctx);
  const malformed = malformedProblem(policy);

  return (
    <>
      <OrgHeader orgId={orgId} displayName={access.organization.displayName} active="policy" />
      <h2 className="mb-2 text-xl font-semibold">Delegation policy</h2>
      <p className="mb-4 text-zinc-700">
        What invitations into {access.organization.displayName} may be sent. Each limit comes from the organization&apos;s metadata in Auth0,
        else from this app&apos;s tenant default; an operator changes it there.
      </p>
      <SeatsLine access={access.ctx} />
      {malformed && (
        <div className="mb-4" data-testid="policy-malformed">
          <Alert tone="error">{malformed.message}</Alert>
        </div>
      )}
      <table className="w-full border-collapse text-left" data-testid="policy-table">
        <caption className="sr-only">The limits in effect, their values and where each comes from</caption>
        <thead>
          <tr className="border-b border-zinc-300">
            <th scope="col" className="py-2 pr-4">Limit</th>
            <th scope="col" className="py-2 pr-4">In effect</th>
            <th scope="col" className="py-2 pr-4">Source</th>
            <th scope="col" className="py-2">Metadata key</th>
          </tr>
        </thead>
        <tbody>
          {POLICY_LIMITS.map((limit) => {
            const resolved = policy[limit] as ResolvedLimit;
            return (
              <tr key={limit} className="border-b border-zinc-200" data-testid={`policy-${limit}`}>
                <th scope="row" className="py-2 pr-4 font-medium">{LIMIT_NAMES[limit]}</th>
                <td className={`py-2 pr-4 ${resolved.ok ? "" : "text-red-800"}`}>{valueText(resolved)}</td>
                <td className="py-2 pr-4">{SOURCE_NAMES[resolved.source]}</td>
                <td className="py-2"><code>{resolved.key}</code></td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <p className="mt-4 text-sm text-zinc-700">
        A domain such as <code>acme.com</code> allows exactly acme.com; <code>*.acme.com</code> allows its subdomains (eu.acme.com), not acme.com itself.
      </p>
    </>
  );
}
