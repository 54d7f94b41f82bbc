import { decodableReply, textReply } from "./reply-references";

// Checks a server action's request before Next decodes it. Next answers a body over
// `experimental.serverActions.bodySizeLimit`, and a payload it cannot decode, with a 500
// (https://nextjs.org/docs/app/api-reference/config/next-config-js/serverActions#bodysizelimit); the proxy
// answers them 413 and 400 instead, with a sentence a person can read.

const UNITS: Record<string, number> = { b: 1, kb: 1024, mb: 1024 ** 2, gb: 1024 ** 3 };

/** A size as `bodySizeLimit` takes it: a number of bytes, or "500kb", "1.5mb", "1 MB" (1024-based, like Next's). */
export function parseByteSize(size: number | string): number {
  if (typeof size === "number") return size;
  const match = /^\s*(\d+(?:\.\d+)?)\s*(b|kb|mb|gb)?\s*$/i.exec(size);
  if (!match) throw new Error(`Not a size: ${JSON.stringify(size)} (write e.g. "1mb" or "500kb").`);
  return Math.floor(Number(match[1]) * UNITS[(match[2] ?? "b").toLowerCase()]!);
}

export function describeByteSize(bytes: number): string {
  return bytes >= 1024 ** 2 ? `${Number((bytes / 1024 ** 2).toFixed(1))} MB` : `${Math.ceil(bytes / 1024)} KB`;
}

export type Rejection = { status: 400 | 413 | 429; message: string };

export const tooLarge = (limit: number): Rejection => ({
  status: 413,
  message: `The request is too large: this app takes at most ${describeByteSize(limit)} in one request. Send less at a time.`,
});

const MALFORMED: Rejection = { status: 400, message: "Malformed server action request: the app could not read it, and did nothing." };

/** The body, or undefined once it passes `limit` bytes (reading stops there). */
async function readUpTo(body: ReadableStream<Uint8Array> | null, limit: number): Promise<Uint8Array<ArrayBuffer> | undefined> {
  if (!body) return new Uint8Array();
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel();
      return undefined;
    }
    chunks.push(value);
  }
  const whole = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    whole.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return whole;
}

async function readsAsForm(body: Uint8Array<ArrayBuffer>, contentType: string): Promise<FormData | undefined> {
  try {
    return await new Response(body, { headers: { "content-type": contentType } }).formData();
  } catch {
    return undefined;
  }
}

const isMultipart = (contentType: string) => /^multipart\/form-data\s*;/i.test(contentType);

/**
 * Why a server action's request (a POST carrying `next-action`) must be refused, or undefined when Next may
 * decode it. React's client sends the arguments as JSON text (text/plain), or as multipart form data whose
 * field "0" holds that JSON; anything else, or arguments React could not decode, cannot be a real call.
 */
export async function rejectActionRequest(request: Request, limit: number): Promise<Rejection | undefined> {
  const contentType = request.headers.get("content-type") ?? "";
  const multipart = isMultipart(contentType);
  if (!multipart && !/^text\/plain\b/i.test(contentType)) return MALFORMED;
  const body = await readUpTo(request.body, limit);
  if (!body) return tooLarge(limit);
  const parts = multipart ? await readsAsForm(body, contentType) : textReply(new TextDecoder().decode(body));
  return parts && decodableReply(parts) ? undefined : MALFORMED;
}

/**
 * Why another POST must be refused, or undefined. Next reads every multipart POST to a page as a possible
 * form action (a form submitted without JavaScript), and answers one it cannot parse with a 500.
 */
export async function rejectFormPost(request: Request, limit: number): Promise<Rejection | undefined> {
  const contentType = request.headers.get("content-type") ?? "";
  if (!isMultipart(contentType)) return undefined;
  const body = await readUpTo(request.body, limit);
  if (!body) return tooLarge(limit);
  return (await readsAsForm(body, contentType)) ? undefined : MALFORMED;
}
