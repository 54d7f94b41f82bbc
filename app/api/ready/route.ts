import { readiness } from "@/lib/lifecycle/readiness";

// Readiness: 200 when this instance may take traffic; 503 while a dependency is missing or it is stopping.
export const dynamic = "force-dynamic";

export async function GET() {
  const result = await readiness();
  const body = result.status === "ready" ? { status: result.status } : result;
  return Response.json(body, { status: result.status === "ready" ? 200 : 503, headers: { "cache-control": "no-store" } });
}
