import "server-only";
import { forbidden, notFound } from "next/navigation";
import { cache } from "react";
import { organizationById, supportDeskOrganizationById, type OrganizationSummary } from "@/lib/auth0/directory";
import { auth0ErrorParts } from "@/lib/auth0/errors";
import { redirectToSignIn } from "@/lib/auth/session";
import { authorizeView, type PageAccess } from "./action";
import type { Authorized } from "./gate";
import { noteRefusal } from "./page-refusal";

export type OrgPage =
  | { ok: true; ctx: Authorized; organization: OrganizationSummary }
  | { ok: false; startActing: { orgId: string; displayName: string; returnTo: string } };

async function found<T>(read: () => Promise<T>): Promise<T | undefined> {
  try {
    return await read();
  } catch (error) {
    if (auth0ErrorParts(error)?.status === 404) return undefined;
    throw error;
  }
}

/**
 * The gate's answer for an organization's pages, run once a request: app/orgs/[orgId]/layout.tsx asks
 * first, so that the segment's forbidden.tsx can show the reason; the page asks again and acts on it.
 */
export const orgPageAccess = cache(async (orgId: string): Promise<PageAccess> => {
  const access = await authorizeView(orgId);
  if (!access.ok) noteRefusal(access);
  return access;
});

/**
 * An organization page's gate and heading data. Anonymous visitors go to sign-in; a refusal answers 403
 * (forbidden.tsx shows the reason) and an organization that does not exist 404. Support staff who have not
 * yet said why they act for this organization (the gate let them through as support) are asked for a reason.
 */
export async function orgPage(orgId: string, path: string): Promise<OrgPage> {
  const access = await orgPageAccess(orgId);
  if (!access.ok) {
    if (access.code === "unauthenticated") redirectToSignIn(path);
    if (access.code === "not_found") notFound();
    if (access.code !== "not_acting") forbidden();
    const organization = await supportDeskOrganizationById(orgId);
    if (!organization) notFound();
    return { ok: false, startActing: { orgId: organization.id, displayName: organization.displayName, returnTo: path } };
  }
  const organization = await found(() => organizationById(access.ctx));
  if (!organization) notFound();
  return { ...access, organization };
}
