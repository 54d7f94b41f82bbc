import "server-only";
import { headers } from "next/headers";
import { inLogScope, logger } from "./logger";

// Next has no per-request hook around a server action, so each action call is its own log scope: its
// request id is the `x-request-id` a reverse proxy set on the request, when there is a sane one, so that
// the app's lines join the proxy's; otherwise a new random id.
const SANE_ID = /^[\w.:-]{1,128}$/;

async function incomingRequestId(): Promise<string | undefined> {
  try {
    const id = (await headers()).get("x-request-id");
    return id && SANE_ID.test(id) ? id : undefined;
  } catch {
    // Called outside a request (a unit test): there is no header to read.
    return undefined;
  }
}

/** Runs one action call in a log scope and writes one line with its outcome (`ok` or the result's code) and duration. */
export async function logAction<T extends { ok: boolean; code?: string }>(action: string, run: () => Promise<T>): Promise<T> {
  const started = performance.now();
  return inLogScope({ requestId: await incomingRequestId(), action }, async () => {
    const durationMs = () => Math.round(performance.now() - started);
    try {
      const result = await run();
      const outcome = result.ok ? "ok" : (result.code ?? "failed");
      logger()[outcome === "unexpected" ? "error" : "info"]({ outcome, durationMs: durationMs() }, "action");
      return result;
    } catch (error) {
      logger().error({ outcome: "error", durationMs: durationMs(), err: error }, "action");
      throw error;
    }
  });
}
