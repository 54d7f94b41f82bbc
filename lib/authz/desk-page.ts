import "server-only";
import { redirectToSignIn } from "@/lib/auth/session";
import { authorizeDeskView, type DeskAccess } from "./action";
import type { GateAction } from "./gate";

/** A support-desk page's gate; sends anonymous visitors to sign-in and back to `path`. */
export async function deskPage(action: GateAction, path: string, options: Parameters<typeof authorizeDeskView>[1]): Promise<DeskAccess> {
  const access = await authorizeDeskView(action, options);
  if (!access.ok && access.code === "unauthenticated") redirectToSignIn(path);
  return access;
}
