// The emulated tenant's state: loaded from seed.json, held in memory, reset on demand.
import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { generatedOrganizations } from "./generated-organizations.ts";
import { generatedUser } from "./generated-users.ts";

export type Role = { id: string; name: string; description?: string };
export type Connection = { id: string; name: string; strategy: string };
export type CustomDomain = { custom_domain_id: string; domain: string; status: string };
export type Member = { user_id: string; roles: string[] };
/** Login-page branding (https://auth0.com/docs/manage-users/organizations/configure-organizations/create-organizations). */
export type OrganizationBranding = { logo_url?: string; colors?: { primary: string; page_background: string } };
export type Organization = {
  id: string;
  name: string;
  display_name?: string;
  branding?: OrganizationBranding;
  /** Organization metadata: at most 25 keys, string values of at most 255 characters. */
  metadata?: Record<string, string>;
  enabled_connections: string[];
  members: Member[];
  created_at: string;
};
export type User = {
  user_id: string;
  email: string;
  name: string;
  nickname: string;
  password: string;
  /** Global (tenant-level) role ids. */
  roles: string[];
  email_verified: boolean;
  created_at: string;
  /** Blocked by an administrator: Auth0 refuses the user's logins and says so in the user's profile. */
  blocked?: boolean;
};
export type Client = {
  client_id: string;
  client_secret: string;
  name: string;
  app_type: "regular_web" | "spa" | "native" | "non_interactive";
  callbacks?: string[];
  allowed_logout_urls?: string[];
  initiate_login_uri?: string;
  organization_usage?: "deny" | "allow" | "require";
  organization_require_behavior?: string;
  grant_types: string[];
  /** Application metadata: at most 10 keys, string values of at most 255 characters. */
  client_metadata?: Record<string, string>;
  /** Management API scopes granted to a machine-to-machine client. */
  scopes?: string[];
};
export type Invitation = {
  id: string;
  organization_id: string;
  inviter: { name: string };
  invitee: { email: string };
  invitation_url: string;
  ticket_id: string;
  created_at: string;
  expires_at: string;
  client_id: string;
  connection_id?: string;
  roles?: string[];
  app_metadata?: Record<string, unknown>;
  user_metadata?: Record<string, unknown>;
};
export type MailMessage = {
  to: string;
  subject: string;
  invitation_id: string;
  /** Auth0's email: the invitation link. The app's: the first link in the email (its landing page). */
  invitation_url: string;
  organization_id: string;
  /** The custom domain the email's link used, when the request named one. */
  custom_domain?: string;
  sent_at: string;
  /** Auth0's own invitation email, or one the app sent itself through the emulator's SMTP sink (./smtp-sink.ts). */
  sent_by: "auth0" | "app";
  /** The app's email as it arrived: sender, parts and every link. */
  from?: string;
  html?: string;
  text?: string;
  links?: string[];
};
/** One tenant log event, as `GET /api/v2/logs` returns it (fields per docs-v2 `oas/tenant-logs/logs-schema.json`). */
export type LogEvent = {
  log_id: string;
  date: string;
  type: string;
  description: string;
  client_id?: string;
  client_name: string;
  connection?: string;
  connection_id?: string;
  strategy?: string;
  strategy_type?: string;
  hostname: string;
  ip: string;
  user_agent?: string;
  user_id?: string;
  user_name?: string;
  organization_id?: string;
  organization_name?: string;
  tenant_name: string;
  environment_name: string;
  details: Record<string, unknown>;
};

/** Tenant Settings > Advanced: the Allowed Logout URLs for a /v2/logout that names no application. */
export type TenantSettings = { allowed_logout_urls: string[] };
export type Tenant = {
  settings: TenantSettings;
  roles: Role[];
  connections: Connection[];
  customDomains: CustomDomain[];
  organizations: Organization[];
  users: User[];
  clients: Client[];
  invitations: Invitation[];
  mailbox: MailMessage[];
  /** Tenant logs in the order written, which is also `log_id` order. */
  logs: LogEvent[];
  /** The seed's password, which made-up users share. */
  password: string;
  /** How many made-up users the `users/seed` control has added. */
  generatedUsers: number;
};

const seedPath = fileURLToPath(new URL("./seed.json", import.meta.url));
const ALPHANUMERIC = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

/** Random alphanumerics, as in Auth0's ids (`uinv_` + 16) and ticket ids (32). */
export function randomAlphanumeric(length: number): string {
  const bytes = randomBytes(length);
  return Array.from(bytes, (b) => ALPHANUMERIC[b % ALPHANUMERIC.length]).join("");
}

export function newId(prefix: string): string {
  return `${prefix}_${randomAlphanumeric(16)}`;
}

/** ISO-8601 with milliseconds and `Z`, as Auth0 writes timestamps. */
export function timestamp(date = new Date()): string {
  return date.toISOString();
}

/**
 * The seed with its placeholders filled: `{APP_URL}` (the admin app) and `{EMULATOR_URL}` (the emulator's own
 * sign-in server, which also serves the seeded customer applications' login routes), and `extraOrganizations`
 * made-up organizations after the seeded ones.
 */
export function loadSeed(appUrl: string, emulatorUrl: string, extraOrganizations = 0): Tenant {
  const raw = readFileSync(seedPath, "utf8")
    .replaceAll("{APP_URL}", appUrl.replace(/\/$/, ""))
    .replaceAll("{EMULATOR_URL}", emulatorUrl.replace(/\/$/, ""));
  const seed = JSON.parse(raw);
  const createdAt = "2026-01-01T00:00:00.000Z";
  return {
    settings: { allowed_logout_urls: seed.tenant?.allowed_logout_urls ?? [] },
    roles: seed.roles,
    connections: seed.connections,
    customDomains: seed.custom_domains,
    organizations: [
      ...seed.organizations.map((o: Omit<Organization, "created_at">) => ({ ...o, created_at: createdAt })),
      ...generatedOrganizations(extraOrganizations, seed.connections[0].id, createdAt),
    ],
    users: seed.users.map((u: Omit<User, "password" | "email_verified" | "created_at">) => ({
      ...u,
      password: seed.password,
      email_verified: true,
      created_at: createdAt,
    })),
    clients: seed.clients,
    invitations: [],
    mailbox: [],
    logs: [],
    password: seed.password,
    generatedUsers: 0,
  };
}

/** How much work user and membership lookups did: read by tests that check a page costs the page, not the tenant. */
export type LookupCounters = { userLookups: number; indexRebuilds: number };

type UserIndex = { source: User[]; size: number; byId: Map<string, User>; byEmail: Map<string, User> };
type MemberIndex = { source: Member[]; size: number; byUserId: Map<string, Member> };

/**
 * One mutable tenant per emulator process; `reset` swaps its contents back to the seed.
 *
 * Users are looked up through an index by id and by lowercased email, and each organization's members through an
 * index by user id, so a request costs what it returns rather than the size of the tenant. The indexes are kept in
 * step by the methods below; one that finds its list replaced (a reset, a filtered `members` array) or grown
 * behind its back (a test pushing onto `state.users`) is rebuilt on its next use.
 */
export class TenantStore {
  state: Tenant;
  readonly counters: LookupCounters = { userLookups: 0, indexRebuilds: 0 };
  private users?: UserIndex;
  private readonly members = new WeakMap<Organization, MemberIndex>();

  constructor(
    private readonly appUrl: string,
    private readonly emulatorUrl: string,
    private readonly extraOrganizations = 0,
  ) {
    this.state = loadSeed(appUrl, emulatorUrl, extraOrganizations);
  }
  reset(): void {
    this.state = loadSeed(this.appUrl, this.emulatorUrl, this.extraOrganizations);
    this.users = undefined;
  }

  private userIndex(): UserIndex {
    const users = this.state.users;
    if (this.users?.source === users && this.users.size === users.length) return this.users;
    this.counters.indexRebuilds += 1;
    const index: UserIndex = { source: users, size: users.length, byId: new Map(), byEmail: new Map() };
    for (const user of users) {
      index.byId.set(user.user_id, user);
      // The first of two users with one email wins, as `find` over the list did.
      if (!index.byEmail.has(user.email.toLowerCase())) index.byEmail.set(user.email.toLowerCase(), user);
    }
    this.users = index;
    return index;
  }

  private memberIndex(org: Organization): MemberIndex {
    const cached = this.members.get(org);
    if (cached?.source === org.members && cached.size === org.members.length) return cached;
    this.counters.indexRebuilds += 1;
    const index: MemberIndex = { source: org.members, size: org.members.length, byUserId: new Map(org.members.map((m) => [m.user_id, m])) };
    this.members.set(org, index);
    return index;
  }

  organization(idOrName: string): Organization | undefined {
    return this.state.organizations.find((o) => o.id === idOrName || o.name === idOrName);
  }
  user(userId: string): User | undefined {
    this.counters.userLookups += 1;
    return this.userIndex().byId.get(userId);
  }
  userByEmail(email: string): User | undefined {
    this.counters.userLookups += 1;
    return this.userIndex().byEmail.get(email.toLowerCase());
  }
  client(clientId: string): Client | undefined {
    return this.state.clients.find((c) => c.client_id === clientId);
  }
  invitationByTicket(ticketId: string): Invitation | undefined {
    return this.state.invitations.find((i) => i.ticket_id === ticketId);
  }

  /** Adds users to the tenant, keeping the index in step. */
  addUsers(users: User[]): void {
    const index = this.userIndex();
    for (const user of users) {
      this.state.users.push(user);
      index.byId.set(user.user_id, user);
      if (!index.byEmail.has(user.email.toLowerCase())) index.byEmail.set(user.email.toLowerCase(), user);
    }
    index.size = this.state.users.length;
  }

  /**
   * Adds `count` made-up users; the first `members` of them (all by default when an organization is named) join
   * `org` with `roleIds`. Seeded state, like seed.json's: it writes no tenant logs.
   */
  seedUsers(count: number, org?: Organization, members = count, roleIds: string[] = []): { users: number; members: number } {
    const createdAt = timestamp();
    const first = this.state.generatedUsers + 1;
    const users = Array.from({ length: count }, (_, i) => generatedUser(first + i, this.state.password, createdAt));
    this.state.generatedUsers += count;
    this.addUsers(users);
    let joined = 0;
    if (org) for (const user of users.slice(0, members)) if (this.addMember(org, user.user_id, roleIds)) joined += 1;
    return { users: count, members: joined };
  }

  /** Creates a database user, as a sign-up through an invitation does. */
  createUser(email: string, password: string): User {
    const local = email.split("@")[0] ?? email;
    const user: User = {
      user_id: `auth0|${randomBytes(12).toString("hex")}`,
      email,
      name: email,
      nickname: local,
      password,
      roles: [],
      email_verified: true,
      created_at: timestamp(),
    };
    this.addUsers([user]);
    return user;
  }

  /** The user's membership of `org`, if any. */
  member(org: Organization, userId: string): Member | undefined {
    return this.memberIndex(org).byUserId.get(userId);
  }

  /** Adds a member (if not already one) and grants roles, as accepting an invitation does; true when new. */
  addMember(org: Organization, userId: string, roleIds: string[] = []): boolean {
    const index = this.memberIndex(org);
    let member = index.byUserId.get(userId);
    const added = !member;
    if (!member) {
      member = { user_id: userId, roles: [] };
      org.members.push(member);
      index.byUserId.set(userId, member);
      index.size = org.members.length;
    }
    for (const roleId of roleIds) if (!member.roles.includes(roleId)) member.roles.push(roleId);
    return added;
  }

  /** Removes the named users from `org`'s members; returns the ids that were members. */
  removeMembers(org: Organization, userIds: string[]): string[] {
    const index = this.memberIndex(org);
    const removed = userIds.filter((id) => index.byUserId.has(id));
    if (removed.length === 0) return removed;
    const gone = new Set(removed);
    org.members = org.members.filter((m) => !gone.has(m.user_id));
    for (const id of removed) index.byUserId.delete(id);
    index.source = org.members;
    index.size = org.members.length;
    return removed;
  }
}
