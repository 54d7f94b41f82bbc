"use server";

import { personalAction } from "@/lib/authz/action";
import { noteHomeVisit } from "@/lib/notifications/visits";
import { noteVisitSchema } from "@/lib/schemas/settings";

/** The home page was seen (lib/notifications/visits.ts): what "Since your last visit" starts from. */
export const noteVisitAction = personalAction({ schema: noteVisitSchema, kind: "view" }, async ({ user }) => {
  await noteHomeVisit(user.id);
  return { ok: true, data: null };
});
