import "server-only";
import { eq } from "drizzle-orm";
import { personSettings } from "@/lib/db/schema";
import { store, type Database } from "@/lib/db/store";

// Each person's own settings (/settings). No row: the defaults, emails on.

export type PersonSettings = { outcomeEmails: boolean };

export async function settingsOf(db: Database, userId: string): Promise<PersonSettings> {
  const [row] = await db.select({ outcomeEmails: personSettings.outcomeEmails }).from(personSettings).where(eq(personSettings.userId, userId));
  return row ?? { outcomeEmails: true };
}

export async function saveSettings(db: Database, userId: string, settings: PersonSettings): Promise<void> {
  await db
    .insert(personSettings)
    .values({ userId, ...settings, updatedAt: new Date() })
    .onConflictDoUpdate({ target: personSettings.userId, set: { ...settings, updatedAt: new Date() } });
}

/** The person's settings, for the settings page. */
export async function settingsFor(userId: string): Promise<PersonSettings> {
  return settingsOf((await store()).db, userId);
}

/** Saves the person's own settings (the settings action, for the session's user only). */
export async function saveSettingsFor(userId: string, settings: PersonSettings): Promise<void> {
  await saveSettings((await store()).db, userId, settings);
}
