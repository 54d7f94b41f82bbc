"use server";

import { personalAction } from "@/lib/authz/action";
import { saveSettingsFor } from "@/lib/notifications/settings";
import { saveSettingsSchema } from "@/lib/schemas/settings";

export const saveSettingsAction = personalAction({ schema: saveSettingsSchema }, async ({ input, user }) => {
  await saveSettingsFor(user.id, { outcomeEmails: input.outcomeEmails });
  return { ok: true, data: { outcomeEmails: input.outcomeEmails } };
});
