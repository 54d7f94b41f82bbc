"use server";

import { personalAction } from "@/lib/authz/action";
import { store } from "@/lib/db/store";
import { saveSettings } from "@/lib/notifications/settings";
import { saveSettingsSchema } from "@/lib/schemas/settings";

export const saveSettingsAction = personalAction({ schema: saveSettingsSchema }, async ({ input, user }) => {
  const { db } = await store();
  await saveSettings(db, user.id, { outcomeEmails: input.outcomeEmails });
  return { ok: true, data: { outcomeEmails: input.outcomeEmails } };
});
