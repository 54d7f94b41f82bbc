import { NextResponse, type NextRequest } from "next/server";
import { parseByteSize, rejectActionRequest, rejectFormPost, tooLarge, type Rejection } from "@/lib/http/action-request";
import { BROKEN_PATH_MESSAGE, decodablePath, REQUESTED_PATH_HEADER, requestedPath } from "@/lib/http/request-path";
import { contentSecurityPolicy, securityHeaders, servedOverHttps } from "@/lib/http/security-headers";
import { isLandingPath, LANDING_PAGE_HEADERS, refuseVisitor, signInOrigin } from "@/lib/join/visitor-gate";
import nextConfig from "./next.config.mjs";

// Next's proxy (formerly middleware) runs before every request, static files included, so every response
// carries the same headers (https://nextjs.org/docs/app/api-reference/file-conventions/proxy).

// The server actions' own limit, read where Next reads it; Next's default is 1 MB.
const BODY_LIMIT = parseByteSize(nextConfig.experimental?.serverActions?.bodySizeLimit ?? "1mb");

export async function proxy(request: NextRequest) {
  const https = servedOverHttps(request);
  const nonce = Buffer.from(crypto.randomUUID()).toString("base64");
  const landing = isLandingPath(request.nextUrl.pathname);
  const policy = contentSecurityPolicy(nonce, {
    https,
    development: process.env.NODE_ENV === "development",
    formTargets: landing ? [signInOrigin()] : [],
  });
  const headers = { ...securityHeaders(policy, { https }), ...(landing ? LANDING_PAGE_HEADERS : {}) };

  const rejection = (await rejectRequest(request)) ?? (landing ? await throttleVisitor(request) : undefined);
  if (rejection) {
    return new NextResponse(rejection.message, { status: rejection.status, headers: { ...headers, "Content-Type": "text/plain; charset=utf-8" } });
  }

  // Next reads the nonce from the request's policy and puts it on the scripts it renders
  // (https://nextjs.org/docs/app/guides/content-security-policy).
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("Content-Security-Policy", policy);
  requestHeaders.set(REQUESTED_PATH_HEADER, requestedPath(request.nextUrl));
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  for (const [name, value] of Object.entries(headers)) response.headers.set(name, value);
  return response;
}

/** The public landing page has no user to count by: its throttle counts by client address, here, so it can answer 429. */
async function throttleVisitor(request: NextRequest): Promise<Rejection | undefined> {
  const refusal = await refuseVisitor(request.headers);
  return refusal ? { status: 429, message: refusal } : undefined;
}

/** What Next would answer with a 500 is answered 400 here: a path it cannot decode, a body it cannot read. */
async function rejectRequest(request: NextRequest): Promise<Rejection | undefined> {
  if (!decodablePath(request.nextUrl.pathname)) return { status: 400, message: BROKEN_PATH_MESSAGE };
  return request.method === "POST" ? rejectPost(request) : undefined;
}

/** No body over the actions' limit, whatever it is for; a server action's or a form's payload must be one Next can decode. */
async function rejectPost(request: NextRequest): Promise<Rejection | undefined> {
  if (Number(request.headers.get("content-length")) > BODY_LIMIT) return tooLarge(BODY_LIMIT);
  return request.headers.has("next-action") ? rejectActionRequest(request, BODY_LIMIT) : rejectFormPost(request, BODY_LIMIT);
}
