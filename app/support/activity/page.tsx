import type { Metadata } from "next";
import { ActivityTrail } from "@/components/activity-trail";
import { describeFilters } from "@/lib/audit/describe";
import { activityTrail } from "@/lib/audit/trail";
import { deskPage, deskPageTitle } from "@/lib/authz/desk-page";
import { parseActivityQuery } from "@/lib/schemas/activity";

const PER_PAGE = 25;
const BASE = "/support/activity";

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export async function generateMetadata(): Promise<Metadata> {
  return { title: await deskPageTitle("supportActivity", "Support activity") };
}

/**
 * Everything support staff did across organizations, and everything done at the support desk, for support
 * staff and auditors (AUDITOR_ROLE). It shows every organization's data without a stated reason, so each
 * look is recorded, auditors' included: the trail says who read it, and what they asked for.
 */
export default async function SupportActivityPage({ searchParams }: Props) {
  const { query, errors } = parseActivityQuery(await searchParams, "support");
  const { page, ...filters } = query;
  const ctx = await deskPage("supportActivity", BASE, `page ${page + 1}, ${describeFilters(filters)}`);
  const trail = await activityTrail({ desk: ctx }, filters, { page, perPage: PER_PAGE });

  return (
    <>
      <header className="mb-6">
        <h1 className="text-2xl font-semibold">Support activity</h1>
        <p className="mt-1 text-zinc-700">
          What support staff did in every organization, with the reason they gave, and what was done at the support desk.
          {ctx.actor.kind === "auditor" && " You can read this trail as an auditor; you cannot act for an organization."}
        </p>
      </header>
      <ActivityTrail scope="support" base={BASE} query={query} errors={errors} trail={trail} />
    </>
  );
}
