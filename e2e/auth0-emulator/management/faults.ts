// Test-injected faults: the first matching fault with uses left is spent on a request, which is then delayed
// and answered with the fault's status (and body), or handled normally when the fault has no status.
import type { ServerResponse } from "node:http";
import { setTimeout as sleep } from "node:timers/promises";
import type { Fault } from "../context.ts";
import { defaultErrorBody } from "./errors.ts";
import { sendJson } from "./http.ts";

function takeFault(faults: Fault[], method: string, path: string): Fault | undefined {
  const index = faults.findIndex(
    (f) => f.remaining > 0 && (!f.method || f.method.toUpperCase() === method) && new RegExp(f.pathPattern).test(path),
  );
  if (index < 0) return undefined;
  const fault = faults[index]!;
  fault.remaining -= 1;
  if (fault.remaining === 0) faults.splice(index, 1);
  return fault;
}

/** Applies a matching fault; true when it answered the request itself. */
export async function applyFault(faults: Fault[], method: string, path: string, res: ServerResponse): Promise<boolean> {
  const fault = takeFault(faults, method, path);
  if (!fault) return false;
  if (fault.delayMs) await sleep(fault.delayMs);
  if (fault.status === undefined) return false;
  const body = fault.body ?? (fault.status >= 400 ? defaultErrorBody(fault.status) : undefined);
  sendJson(res, fault.status, body, fault.headers);
  return true;
}
