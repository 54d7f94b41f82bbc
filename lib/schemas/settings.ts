import { z } from "zod/mini";
import { checkbox } from "./invitation-settings";

// The settings page's form and its action share this schema.

export const saveSettingsSchema = z.object({
  /** Email me what became of my invitations (accepted, used by another account, expired). */
  outcomeEmails: checkbox,
});

/** Noting a home page view carries nothing: the person is the session's. */
export const noteVisitSchema = z.object({});
