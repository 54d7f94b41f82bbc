import "server-only";
import { redirect } from "next/navigation";
import { organizationById, type OrganizationSummary } from "@/lib/auth0/directory";
import { auth0ErrorParts } from "@/lib/auth0/errors";
import { authorizeView } from "./action";
import type { Authorized } from "./gate";

export type OrgPage =
  | { ok: true; ctx: Authorized; organization: OrganizationSummary }
  | { ok: false; message: string };

/** An organization page's gate and heading data; sends anonymous visitors to sign-in. */
export async function orgPage(orgId: string, path: string, options?: { auditSupportView?: boolean }): Promise<OrgPage> {
  const access = await authorizeView(orgId, options);
  if (!access.ok) {
    if (access.code === "unauthenticated") redirect(`/login?callbackUrl=${encodeURIComponent(path)}`);
    return access;
  }
  try {
    return { ...access, organization: await organizationById(access.ctx) };
  } catch (error) {
    if (auth0ErrorParts(error)?.status === 404) return { ok: false, message: "There is no such organization." };
    throw error;
  }
}
