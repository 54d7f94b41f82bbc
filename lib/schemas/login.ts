import { z } from "zod";

// Auth0 sends invitees to the application's login route with these; they are forwarded to /authorize.
// Anything else is dropped, and a malformed value is ignored rather than forwarded.
export const loginParamsSchema = z.object({
  invitation: z.string().regex(/^[A-Za-z0-9_-]{1,128}$/).optional().catch(undefined),
  organization: z.string().regex(/^[A-Za-z0-9_-]{1,50}$/).optional().catch(undefined),
  callbackUrl: z.string().startsWith("/").refine((url) => !url.startsWith("//")).optional().catch(undefined),
  error: z.string().max(64).optional().catch(undefined),
});

export type LoginParams = z.infer<typeof loginParamsSchema>;
