// Reading request payloads and writing JSON responses, with Auth0's 1 MB payload limit.
import type { IncomingMessage, ServerResponse } from "node:http";
import { ApiError, invalidBody } from "./errors.ts";

const MAX_PAYLOAD_BYTES = 1024 * 1024;

const payloadTooLarge = () =>
  new ApiError(413, `Payload content length greater than maximum allowed: ${MAX_PAYLOAD_BYTES}`);

export function sendJson(res: ServerResponse, status: number, body?: unknown, headers: Record<string, string> = {}): void {
  if (body === undefined) {
    res.writeHead(status, headers).end();
    return;
  }
  res.writeHead(status, { "content-type": "application/json; charset=utf-8", ...headers }).end(JSON.stringify(body));
}

function readRaw(req: IncomingMessage): Promise<Buffer> {
  if (Number(req.headers["content-length"] ?? 0) > MAX_PAYLOAD_BYTES) return Promise.reject(payloadTooLarge());
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const collect = (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_PAYLOAD_BYTES) return void chunks.push(chunk);
      // Keep draining (rather than destroying the socket) so that the 413 can still be answered.
      req.off("data", collect).resume();
      reject(payloadTooLarge());
    };
    req.on("data", collect);
    req.once("end", () => resolve(Buffer.concat(chunks)));
    req.once("error", reject);
  });
}

/** A form-encoded body as Auth0 reads it: flat keys, a repeated key becomes a list. */
function parseForm(text: string): Record<string, string | string[]> {
  const form: Record<string, string | string[]> = {};
  for (const [key, value] of new URLSearchParams(text)) {
    const previous = form[key];
    form[key] = previous === undefined ? value : [previous, value].flat();
  }
  return form;
}

export type Payload = { value: unknown; form: boolean };

/** The JSON or form-encoded payload; `undefined` value when the body is empty. */
export async function readPayload(req: IncomingMessage): Promise<Payload> {
  const raw = await readRaw(req);
  const type = (req.headers["content-type"] ?? "").split(";")[0]!.trim().toLowerCase();
  if (raw.length === 0) return { value: undefined, form: false };
  if (type === "application/x-www-form-urlencoded") return { value: parseForm(raw.toString("utf8")), form: true };
  if (type === "application/json" || type.endsWith("+json")) {
    try {
      return { value: JSON.parse(raw.toString("utf8")), form: false };
    } catch {
      throw invalidBody("Invalid request payload JSON format");
    }
  }
  throw new ApiError(415);
}
