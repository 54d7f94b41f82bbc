// Every Management API route the emulator serves, in match order (literal segments before parameters).
import type { Route } from "./router.ts";
import { clientRoutes } from "./resources/clients.ts";
import { connectionRoutes } from "./resources/connections.ts";
import { invitationRoutes } from "./resources/invitations.ts";
import { logRoutes } from "./resources/logs.ts";
import { memberRoutes } from "./resources/members.ts";
import { organizationRoutes } from "./resources/organizations.ts";
import { roleRoutes } from "./resources/roles.ts";
import { userRoutes } from "./resources/users.ts";

export const managementRoutes: Route[] = [
  ...organizationRoutes,
  ...invitationRoutes,
  ...memberRoutes,
  ...userRoutes,
  ...roleRoutes,
  ...clientRoutes,
  ...connectionRoutes,
  ...logRoutes,
];
