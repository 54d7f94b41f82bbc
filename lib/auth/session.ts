import "server-only";
import { getServerSession, type Session } from "next-auth";
import { authOptions } from "./options";

export type SessionUser = Session["user"];

/** The signed-in user, or undefined. */
export async function currentUser(): Promise<SessionUser | undefined> {
  const session = await getServerSession(authOptions());
  return session?.user?.id ? session.user : undefined;
}
