import "server-only";
import { getServerSession, type Session } from "next-auth";
import { redirect } from "next/navigation";
import { authOptions } from "./options";

export type SessionUser = Session["user"];

/** The signed-in user, or undefined. */
export async function currentUser(): Promise<SessionUser | undefined> {
  const session = await getServerSession(authOptions());
  return session?.user?.id ? session.user : undefined;
}

/** Sends a signed-out visitor to sign in, and back to `path` afterwards. */
export function redirectToSignIn(path: string): never {
  redirect(`/login?callbackUrl=${encodeURIComponent(path)}`);
}
