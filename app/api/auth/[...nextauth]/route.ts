import NextAuth from "next-auth";
import type { NextRequest } from "next/server";
import { authOptions } from "@/lib/auth/options";
import { currentUser } from "@/lib/auth/session";
import { readableCallbackUrl } from "@/lib/schemas/login";

async function handler(request: NextRequest, context: { params: Promise<{ nextauth: string[] }> }) {
  // next-auth answers its session route from the cookie alone. A session signed out, idle or too old tells
  // nothing there either: the answer next-auth gives without a cookie (https://next-auth.js.org/getting-started/rest-api).
  if ((await context.params).nextauth.join("/") === "session" && !(await currentUser())) return Response.json({});
  const callbackUrl = request.nextUrl.searchParams.get("callbackUrl");
  if (callbackUrl !== null) request.nextUrl.searchParams.set("callbackUrl", readableCallbackUrl(callbackUrl, request.nextUrl.origin));
  return NextAuth(authOptions())(request, context);
}

export { handler as GET, handler as POST };
