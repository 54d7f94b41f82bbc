import "server-only";
import { randomUUID } from "node:crypto";
import type { NextAuthOptions } from "next-auth";
import Auth0Provider from "next-auth/providers/auth0";
import { store } from "@/lib/db/store";
import { env } from "@/lib/env";
import { endSessionEngagements } from "@/lib/support/engagements";
import { endSession, startSession } from "./sessions";

/** Where a signed-out browser lands: a page that says so, rather than straight back into sign-in. */
export const SIGNED_OUT_PATH = "/signed-out";

/**
 * Where Auth0's own session ends; next-auth's sign-out sends the browser here last, and Auth0 sends it on to
 * the signed-out page (an Allowed Logout URL of the application).
 */
export function auth0LogoutUrl(): string {
  const { AUTH0_ISSUER_BASE_URL, AUTH0_CLIENT_ID, NEXTAUTH_URL } = env();
  const url = new URL(`${AUTH0_ISSUER_BASE_URL}/v2/logout`);
  url.searchParams.set("client_id", AUTH0_CLIENT_ID);
  url.searchParams.set("returnTo", `${NEXTAUTH_URL.replace(/\/+$/, "")}${SIGNED_OUT_PATH}`);
  return url.toString();
}

export function authOptions(): NextAuthOptions {
  const config = env();
  return {
    secret: config.NEXTAUTH_SECRET,
    // The cookie lasts no longer than the session may; the store's record decides whether it still holds.
    session: { strategy: "jwt", maxAge: config.SESSION_MAX_HOURS * 60 * 60 },
    pages: { signIn: "/login" },
    providers: [
      Auth0Provider({
        issuer: config.AUTH0_ISSUER_BASE_URL,
        clientId: config.AUTH0_CLIENT_ID,
        clientSecret: config.AUTH0_CLIENT_SECRET,
      }),
    ],
    events: {
      // The session ends on the server, so its cookie is refused if replayed; what support staff were
      // acting for ends with it.
      async signOut({ token }) {
        if (!token?.sessionId) return;
        await endSession((await store()).db, token.sessionId);
        await endSessionEngagements(token.sessionId);
      },
    },
    callbacks: {
      // next-auth v4 reads claims from the ID token only: keep the ones we need, organization included.
      async jwt({ token, profile }) {
        if (profile) {
          const claims = profile as Record<string, unknown>;
          token.sub = String(claims.sub);
          token.email = typeof claims.email === "string" ? claims.email : token.email;
          token.name = typeof claims.name === "string" ? claims.name : token.name;
          token.orgId = typeof claims.org_id === "string" ? claims.org_id : undefined;
          token.orgName = typeof claims.org_name === "string" ? claims.org_name : undefined;
          token.sessionId = randomUUID();
          await startSession((await store()).db, { id: token.sessionId, userId: token.sub });
        }
        return token;
      },
      session({ session, token }) {
        session.user = {
          id: token.sub!,
          email: token.email ?? "",
          name: token.name ?? token.email ?? "",
          orgId: token.orgId,
          orgName: token.orgName,
          sessionId: token.sessionId,
        };
        return session;
      },
      // Relative and same-origin URLs, plus Auth0's logout endpoint (sign-out ends both sessions).
      // Anything else, a `callbackUrl` that is not a URL included, leads home.
      redirect({ url, baseUrl }) {
        if (url.startsWith("/")) return `${baseUrl}${url}`;
        if (URL.canParse(url) && new URL(url).origin === baseUrl) return url;
        if (url === auth0LogoutUrl()) return url;
        return baseUrl;
      },
    },
  };
}
