import { refusedDownload } from "@/lib/audit/download";
import { authorizeView } from "@/lib/authz/action";
import { invitationsFreshness } from "@/lib/invitations/list";

// The Invitations page polls this to update itself when a refresh lands or the tenant-log reader changes a
// status: the same gate as the page, live each time; the answer comes from the store alone. Support staff's
// looking was recorded when they opened the page; each poll is not.
export async function GET(_request: Request, { params }: { params: Promise<{ orgId: string }> }) {
  const { orgId } = await params;
  const access = await authorizeView(orgId);
  if (!access.ok) return refusedDownload(access);
  return Response.json(await invitationsFreshness(access.ctx), { headers: { "cache-control": "no-store" } });
}
