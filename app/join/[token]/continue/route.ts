import { continueTarget } from "@/lib/join/landing";

// Continue on the landing page: on to Auth0's logout, which returns to the invitation link (lib/join/landing.ts).
// An invitation that cannot lead on (accepted, revoked, expired meanwhile…) goes back to its page, which says why.
export async function POST(_request: Request, { params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const { found, logoutUrl } = await continueTarget(token);
  if (!found) return new Response("There is no such invitation.", { status: 404, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  return new Response(null, { status: 303, headers: { Location: logoutUrl ?? `/join/${encodeURIComponent(token)}` } });
}
