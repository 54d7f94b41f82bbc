import "server-only";
import { forbidden } from "next/navigation";
import { cache } from "react";
import { redirectToSignIn } from "@/lib/auth/session";
import { grantOrgAccess, type OrgAccess } from "./access";
import { authorizeDeskView, deskAuditor, type DeskAccess } from "./action";
import type { DeskActor, DeskAuthorized } from "./gate";
import { noteRefusal } from "./page-refusal";
import { refusalTitle } from "./refusal-title";

// The support desk's pages, each with its gate's action and whether auditors may see it.
const DESK_PAGES = {
  finder: { action: "open_desk", auditors: false },
  supportActivity: { action: "view_support_activity", auditors: true },
  webhookDeliveries: { action: "view_webhook_deliveries", auditors: true },
} as const;
export type DeskPageName = keyof typeof DESK_PAGES;

/**
 * A desk page's gate, run once a request: the page's layout asks first, so that its forbidden.tsx can show
 * the reason; the page asks again and acts on it.
 */
export const deskPageAccess = cache(async (name: DeskPageName): Promise<DeskAccess> => {
  const { action, auditors } = DESK_PAGES[name];
  const access = await authorizeDeskView(action, { auditors });
  if (!access.ok) noteRefusal(access);
  return access;
});

/**
 * Whether someone the gate let through as `actor` would be let into desk page `name` too, by the same table
 * (no second read of their roles): the desk offers a link only to a page that would not refuse them.
 */
export function mayOpenDeskPage(name: DeskPageName, actor: DeskActor): boolean {
  return actor.kind === "support" || (DESK_PAGES[name].auditors && actor.kind === "auditor");
}

/** A desk page's title, from the page's own gate run: the refusal's title when the page refuses. */
export async function deskPageTitle(name: DeskPageName, title: string): Promise<string> {
  const access = await deskPageAccess(name);
  return access.ok ? title : refusalTitle(access.code);
}

/**
 * A support-desk page's gate: anonymous visitors go to sign-in and back to `path`, with the query they asked
 * with; a refusal answers 403 (forbidden.tsx shows the reason). `viewing` says what the user is about to see;
 * when given, their look is recorded as `viewed` before anything is read.
 */
export async function deskPage(name: DeskPageName, path: string, viewing?: string): Promise<DeskAuthorized> {
  const access = await deskPageAccess(name);
  if (!access.ok) {
    if (access.code === "unauthenticated") await redirectToSignIn(path);
    forbidden();
  }
  if (viewing) await deskAuditor(access.ctx, DESK_PAGES[name].action).audit({ outcome: "viewed", detail: viewing });
  return access.ctx;
}

/**
 * The grant by which the desk shows support staff an organization's delegation policy before they act for
 * it: the limits its inviters work under, no person's data. Only the desk's policy page asks for it, with the
 * desk gate's pass in hand (support staff only, never auditors).
 */
export function deskPolicyGrant(ctx: DeskAuthorized, orgId: string): OrgAccess {
  if (ctx.actor.kind !== "support") throw new Error("only support staff read an organization's policy at the desk");
  return grantOrgAccess(orgId);
}
