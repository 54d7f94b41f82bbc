import "server-only";
import { getServerSession, type Session } from "next-auth";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { cache } from "react";
import { store } from "@/lib/db/store";
import { REQUESTED_PATH_HEADER } from "@/lib/http/request-path";
import { authOptions } from "./options";
import { checkSession, sessionLimits } from "./sessions";

export type SessionUser = Session["user"];

/**
 * The signed-in user, or undefined: a valid cookie is not enough, its session must be live in the store
 * (not signed out, idle or too old). Read once per request. Whether Auth0 has blocked the user is the
 * gate's to check (lib/authz/action.ts), after throttling.
 */
export const currentUser = cache(async (): Promise<SessionUser | undefined> => {
  const session = await getServerSession(authOptions());
  const user = session?.user;
  if (!user?.id || !user.sessionId) return undefined;
  const { db } = await store();
  const verdict = await checkSession(db, user.sessionId, user.id, sessionLimits());
  return verdict.ok ? user : undefined;
});

/**
 * Sends a signed-out visitor to sign in, and back to `path` afterwards, with the query the page was asked with
 * (a deep link's `?q=…`) when it was asked at that path. The login page still keeps only same-origin paths.
 */
export async function redirectToSignIn(path: string): Promise<never> {
  const requested = (await headers()).get(REQUESTED_PATH_HEADER);
  const back = requested?.split("?")[0] === path ? requested : path;
  redirect(`/login?callbackUrl=${encodeURIComponent(back)}`);
}
