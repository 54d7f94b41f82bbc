import { z } from "zod/mini";
import { MAX_SEARCH } from "./invitation";
import { MAX_ROLES, organizationIdSchema, roleIdSchema } from "./invitation-settings";
import { optionalText } from "./text";
import { pageNumberSchema } from "./url";

// One schema for the Members page's controls and their server actions.

/** An Auth0 user id (`auth0|…`, `google-oauth2|…`): printable, no spaces, at most Auth0's length. */
export const userIdSchema = z.string().check(z.regex(/^[\x21-\x7e]{1,300}$/, "Not a user id."));

export const changeMemberRolesSchema = z.object({
  orgId: organizationIdSchema,
  userId: userIdSchema,
  // At least one: a member with no role at all is better removed, which says what happened.
  roleIds: z.array(roleIdSchema).check(
    z.minLength(1, "Choose at least one role, or remove the member instead."),
    z.maxLength(MAX_ROLES, `Choose at most ${MAX_ROLES} roles.`),
  ),
});

export const removeMemberSchema = z.object({ orgId: organizationIdSchema, userId: userIdSchema });

/** The Members page's URL: search, role filter and page survive a reload and can be shared. */
export const membersQuerySchema = z.object({
  q: optionalText({ label: "search", max: MAX_SEARCH }),
  role: z.catch(z.optional(roleIdSchema), undefined),
  page: pageNumberSchema,
});

/** "Refresh from Auth0" on the Members page. */
export const refreshMembersSchema = z.object({ orgId: organizationIdSchema });
