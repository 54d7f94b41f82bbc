import "server-only";
import { forbidden, notFound } from "next/navigation";
import { cache } from "react";
import { organizationById, supportDeskOrganizationById, type OrganizationSummary } from "@/lib/auth0/directory";
import { auth0ErrorParts } from "@/lib/auth0/errors";
import { redirectToSignIn } from "@/lib/auth/session";
import { authorizeView, recordSupportView, type PageAccess } from "./action";
import type { Authorized } from "./gate";
import { noteRefusal } from "./page-refusal";
import { refusalTitle } from "./refusal-title";

export type OrgPage =
  | { ok: true; ctx: Authorized; organization: OrganizationSummary }
  | { ok: false; startActing: { orgId: string; displayName: string; returnTo: string } };

/** What an organization page may show, decided once a request: its gate's answer and the heading's organization. */
type OrgView =
  | { kind: "allowed"; ctx: Authorized; organization: OrganizationSummary }
  | { kind: "not_acting"; organization: OrganizationSummary }
  | { kind: "refused"; code: string }
  | { kind: "missing" };

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
 * The gate's answer and the organization to name, once a request: the page and its title (generateMetadata)
 * share it, so a title costs no Management API call, and names an organization only when the page may.
 */
const orgView = cache(async (orgId: string): Promise<OrgView> => {
  const access = await orgPageAccess(orgId);
  if (!access.ok) {
    if (access.code === "not_found") return { kind: "missing" };
    if (access.code !== "not_acting") return { kind: "refused", code: access.code };
    // Support staff let through by the gate, who have not yet said why: they may see the name they are asked about.
    const organization = await supportDeskOrganizationById(orgId);
    return organization ? { kind: "not_acting", organization } : { kind: "missing" };
  }
  const organization = await found(() => organizationById(access.ctx));
  return organization ? { kind: "allowed", ctx: access.ctx, organization } : { kind: "missing" };
});

/**
 * An organization page's gate and heading data. Anonymous visitors go to sign-in; a refusal answers 403
 * (forbidden.tsx shows the reason) and an organization that does not exist 404. Support staff who have not
 * yet said why they act for this organization (the gate let them through as support) are asked for a reason.
 */
export async function orgPage(orgId: string, path: string): Promise<OrgPage> {
  const view = await orgView(orgId);
  if (view.kind === "refused") {
    if (view.code === "unauthenticated") await redirectToSignIn(path);
    forbidden();
  }
  if (view.kind === "missing") notFound();
  if (view.kind === "not_acting") {
    const { id, displayName } = view.organization;
    return { ok: false, startActing: { orgId: id, displayName, returnTo: path } };
  }
  await recordSupportView(view.ctx, pageViewed(path));
  return { ok: true, ctx: view.ctx, organization: view.organization };
}

// An organization page by its path, as the trail names it: most specific first.
const PAGES: [RegExp, string][] = [
  [/^\/orgs\/[^/]+\/invitations\/new(?:[/?]|$)/, "the invite form"],
  [/^\/orgs\/[^/]+\/invitations\/bulk\/[^/?]+/, "a bulk job"],
  [/^\/orgs\/[^/]+\/invitations\/bulk(?:[/?]|$)/, "the bulk invite form"],
  [/^\/orgs\/[^/]+\/invitations\/[^/?]+/, "an invitation's history"],
  [/^\/orgs\/[^/]+\/members(?:[/?]|$)/, "the members"],
  [/^\/orgs\/[^/]+\/activity(?:[/?]|$)/, "the activity"],
  [/^\/orgs\/[^/]+\/policy(?:[/?]|$)/, "the delegation policy"],
];

/** What an organization page shows, in the trail's words: "the members". */
export function pageViewed(path: string): string {
  return PAGES.find(([pattern]) => pattern.test(path))?.[1] ?? "the invitations";
}

/**
 * An organization page's title, "<page> · <organization>", from the page's own gate run: a refused user
 * gets the refusal's title and never the organization's name; support staff not yet acting see the
 * reason form's. `page` may ask for more once allowed (a detail page's record); undefined means 404.
 */
export async function orgPageTitle(orgId: string, page: string | ((ctx: Authorized) => Promise<string | undefined>)): Promise<string> {
  const view = await orgView(orgId);
  if (view.kind === "refused") return refusalTitle(view.code);
  if (view.kind === "missing") return "Not found";
  if (view.kind === "not_acting") return `Act as support · ${view.organization.displayName}`;
  const name = typeof page === "string" ? page : await page(view.ctx);
  return name === undefined ? "Not found" : `${name} · ${view.organization.displayName}`;
}
