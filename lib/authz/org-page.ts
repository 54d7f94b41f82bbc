import "server-only";
import { organizationById, supportDeskOrganizationById, type OrganizationSummary } from "@/lib/auth0/directory";
import { auth0ErrorParts } from "@/lib/auth0/errors";
import { redirectToSignIn } from "@/lib/auth/session";
import { authorizeView } from "./action";
import type { Authorized } from "./gate";

export type OrgPage =
  | { ok: true; ctx: Authorized; organization: OrganizationSummary }
  | { ok: false; message: string; code?: string; startActing?: { organization: OrganizationSummary; returnTo: string } };

const NO_SUCH_ORGANIZATION = "There is no such organization.";

async function found<T>(read: () => Promise<T>): Promise<T | undefined> {
  try {
    return await read();
  } catch (error) {
    if (auth0ErrorParts(error)?.status === 404) return undefined;
    throw error;
  }
}

/**
 * An organization page's gate and heading data; sends anonymous visitors to sign-in, and asks support staff
 * who have not yet said why they act for this organization (the gate let them through as support) for a reason.
 */
export async function orgPage(orgId: string, path: string, options?: { auditSupportView?: boolean }): Promise<OrgPage> {
  const access = await authorizeView(orgId, options);
  if (!access.ok) {
    if (access.code === "unauthenticated") redirectToSignIn(path);
    if (access.code !== "not_acting") return access;
    const organization = await supportDeskOrganizationById(orgId);
    return organization ? { ok: false, message: access.message, startActing: { organization, returnTo: path } } : { ok: false, message: NO_SUCH_ORGANIZATION };
  }
  const organization = await found(() => organizationById(access.ctx));
  return organization ? { ...access, organization } : { ok: false, message: NO_SUCH_ORGANIZATION };
}
