import type { ReactNode } from "react";
import { deskPageAccess } from "@/lib/authz/desk-page";

// The gate runs here before the page's own call (the same run, shared through React's cache), so that
// forbidden.tsx, which Next renders with this layout, knows the reason when the page refuses.
export default async function WebhookLogLayout({ children }: { children: ReactNode }) {
  await deskPageAccess("webhookDeliveries");
  return children;
}
