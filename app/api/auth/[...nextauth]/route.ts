import NextAuth from "next-auth";
import type { NextRequest } from "next/server";
import { authOptions } from "@/lib/auth/options";
import { readableCallbackUrl } from "@/lib/schemas/login";

function handler(request: NextRequest, context: { params: Promise<{ nextauth: string[] }> }) {
  const callbackUrl = request.nextUrl.searchParams.get("callbackUrl");
  if (callbackUrl !== null) request.nextUrl.searchParams.set("callbackUrl", readableCallbackUrl(callbackUrl, request.nextUrl.origin));
  return NextAuth(authOptions())(request, context);
}

export { handler as GET, handler as POST };
