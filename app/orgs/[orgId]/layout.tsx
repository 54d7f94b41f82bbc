import type { ReactNode } from "react";
import { orgPageAccess } from "@/lib/authz/org-page";

type Props = { children: ReactNode; params: Promise<{ orgId: string }> };

// The gate runs here before the page's own call (the same run, shared through React's cache), so that
// forbidden.tsx, which Next renders with this layout, knows the reason when the page refuses.
export default async function OrganizationLayout({ children, params }: Props) {
  await orgPageAccess((await params).orgId);
  return children;
}
