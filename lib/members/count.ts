import "server-only";
import { memberTotal, type OrgAccess } from "@/lib/auth0/organization-data";

// How many members an organization has: what the seat count (lib/invitations/seats.ts) adds its pending
// invitations to. One Management API call, whatever the organization's size.

export async function memberCount(access: OrgAccess): Promise<number> {
  return memberTotal(access);
}
