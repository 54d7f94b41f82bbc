import { refusedDownload } from "@/lib/audit/download";
import { authorizeView } from "@/lib/authz/action";
import { membersViewFreshness } from "@/lib/invitations/members";

// The Members page polls this to update itself when a refresh lands or the tenant-log reader changes the
// copy of the members: the same gate as the page, live each time; the answer comes from the store alone.
export async function GET(_request: Request, { params }: { params: Promise<{ orgId: string }> }) {
  const { orgId } = await params;
  const access = await authorizeView(orgId);
  if (!access.ok) return refusedDownload(access);
  return Response.json(await membersViewFreshness(access.ctx), { headers: { "cache-control": "no-store" } });
}
