import { ActivityTrail } from "@/components/activity-trail";
import { Refused } from "@/components/refused";
import { describeFilters } from "@/lib/audit/describe";
import { deskPage } from "@/lib/authz/desk-page";
import { auditTrail } from "@/lib/db/audit";
import { store } from "@/lib/db/store";
import { activitySearch, parseActivityQuery } from "@/lib/schemas/activity";

const PER_PAGE = 25;
const BASE = "/support/activity";

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

/**
 * Everything support staff did across organizations, and everything done at the support desk, for support
 * staff and auditors (AUDITOR_ROLE). It shows every organization's data without a stated reason, so each
 * look is recorded, auditors' included: the trail says who read it, and what they asked for.
 */
export default async function SupportActivityPage({ searchParams }: Props) {
  const { query, errors } = parseActivityQuery(await searchParams, "support");
  const { page, ...filters } = query;
  const access = await deskPage("view_support_activity", `${BASE}${activitySearch(filters, page)}`, {
    auditors: true,
    viewing: `page ${page + 1}, ${describeFilters(filters)}`,
  });
  if (!access.ok) return <Refused title="You cannot see support's activity" message={access.message} code={access.code} />;
  const { db } = await store();
  const trail = await auditTrail(db, { desk: access.ctx }, filters, { page, perPage: PER_PAGE });

  return (
    <>
      <header className="mb-6">
        <h1 className="text-2xl font-semibold">Support activity</h1>
        <p className="mt-1 text-zinc-700">
          What support staff did in every organization, with the reason they gave, and what was done at the support desk.
          {access.ctx.actor.kind === "auditor" && " You can read this trail as an auditor; you cannot act for an organization."}
        </p>
      </header>
      <ActivityTrail scope="support" base={BASE} query={query} errors={errors} trail={trail} />
    </>
  );
}
