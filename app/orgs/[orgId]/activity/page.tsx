import type { Metadata } from "next";
import { StartActingForm } from "@/app/support/start-acting-form";
import { ActivityTrail } from "@/components/activity-trail";
import { OrgHeader } from "@/components/org-header";
import { orgPage, orgPageTitle } from "@/lib/authz/org-page";
import { activityTrail } from "@/lib/audit/trail";
import { parseActivityQuery } from "@/lib/schemas/activity";

const PER_PAGE = 25;

type Props = { params: Promise<{ orgId: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return { title: await orgPageTitle((await params).orgId, "Activity") };
}

export default async function ActivityPage({ params, searchParams }: Props) {
  const { orgId } = await params;
  const { query, errors } = parseActivityQuery(await searchParams, "organization");
  const access = await orgPage(orgId, `/orgs/${orgId}/activity`);
  if (!access.ok) return <StartActingForm {...access.startActing} />;
  const { page, ...filters } = query;
  const trail = await activityTrail({ organization: access.ctx }, filters, { page, perPage: PER_PAGE });

  return (
    <>
      <OrgHeader orgId={orgId} displayName={access.organization.displayName} active="activity" />
      <ActivityTrail scope="organization" base={`/orgs/${orgId}/activity`} query={query} errors={errors} trail={trail} />
    </>
  );
}
