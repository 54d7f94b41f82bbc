import "server-only";

// The Management API scopes each call this app makes needs, from Auth0's Management API reference
// (https://auth0.com/docs/api/management/v2, each endpoint's "Scopes"). Least privilege: the machine-to-machine
// application is granted exactly their union, the README's scope table. scopes.test.ts checks that every call
// in lib/auth0 is listed here and nothing else is, and that the README asks for exactly these scopes.
// A call that needs several scopes needs all of them.

export const SCOPES_BY_CALL = {
  // GET /organizations, /organizations/{id}, /organizations/name/{name}
  "organizations.list": ["read:organizations"],
  "organizations.get": ["read:organizations"],
  "organizations.getByName": ["read:organizations"],
  // GET /organizations/{id}/members with fields=roles
  "organizations.members.list": ["read:organization_members", "read:organization_member_roles"],
  // GET, POST, DELETE /organizations/{id}/members/{user_id}/roles; DELETE /organizations/{id}/members
  "organizations.members.roles.list": ["read:organization_member_roles"],
  "organizations.members.roles.assign": ["create:organization_member_roles"],
  "organizations.members.roles.delete": ["delete:organization_member_roles"],
  "organizations.members.delete": ["delete:organization_members"],
  // GET /organizations/{id}/enabled_connections
  "organizations.enabledConnections.list": ["read:organization_connections"],
  // GET, POST, DELETE /organizations/{id}/invitations[/{invitation_id}]
  "organizations.invitations.list": ["read:organization_invitations"],
  "organizations.invitations.get": ["read:organization_invitations"],
  "organizations.invitations.create": ["create:organization_invitations"],
  "organizations.invitations.delete": ["delete:organization_invitations"],
  // GET /users/{id}, /users-by-email
  "users.get": ["read:users"],
  "users.listUsersByEmail": ["read:users"],
  // GET /users/{id}/organizations
  "users.organizations.list": ["read:organizations"],
  // GET /users/{id}/roles: Auth0 asks for all three
  "users.roles.list": ["read:users", "read:roles", "read:role_members"],
  // GET /roles
  "roles.list": ["read:roles"],
  // GET /clients
  "clients.list": ["read:clients"],
  // GET /logs, /logs/{id}
  "logs.list": ["read:logs"],
  "logs.get": ["read:logs"],
} as const satisfies Record<string, readonly string[]>;

/** Every scope the app needs, once each, sorted. */
export const REQUIRED_SCOPES: readonly string[] = [...new Set(Object.values(SCOPES_BY_CALL).flat())].sort();
