// Liveness: the process answers. It reads nothing, so a slow store or Auth0 never gets a live instance restarted.
export const dynamic = "force-dynamic";

export function GET() {
  return Response.json({ status: "ok" }, { headers: { "cache-control": "no-store" } });
}
