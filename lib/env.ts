// The only reader of process.env. Parsed once, on first use and at server start (instrumentation.ts),
// failing with one line per missing or invalid variable.
import "server-only";
import { z } from "zod";
import { DEFAULT_POLICY_KEYS, parsers, type PolicySetting } from "@/lib/policy/format";
import { refuseInternalEndpoints, webhookEndpointsSetting } from "@/lib/webhooks/config";

const list = (fallback: string) =>
  z
    .string()
    .default(fallback)
    .transform((value) => value.split(",").map((item) => item.trim()).filter(Boolean));

const optionalList = z
  .string()
  .optional()
  .transform((value) => (value ? value.split(",").map((item) => item.trim()).filter(Boolean) : undefined));

// Auth0 refuses metadata field names with a dot or a dollar sign
// (https://auth0.com/docs/manage-users/user-accounts/metadata/metadata-fields-data).
const metadataKey = (fallback: string) =>
  z.string().regex(/^[^.$]+$/, "must be a metadata key name (no . or $)").default(fallback);

// A delegation policy's tenant default, in the same syntax as the organization metadata value (README,
// "Delegation policy"), checked with the same parser; unset: no limit unless the organization sets one.
const policyDefault = (limit: PolicySetting) =>
  z
    .string()
    .optional()
    .superRefine((value, ctx) => {
      if (value === undefined) return;
      const parsed = parsers[limit](value);
      if (!parsed.ok) ctx.addIssue({ code: "custom", message: `is not valid: ${parsed.problem}` });
    });

const bareHost = z
  .string()
  .regex(/^[a-z0-9.-]+(:\d+)?$/i, "must be a bare host name, e.g. your-tenant.eu.auth0.com (no https://, no path)");

export const envSchema = z.object({
  // Sign-in: the regular web application users sign in through.
  NEXTAUTH_URL: z.url("must be this app's public URL, e.g. https://invites.example.com"),
  NEXTAUTH_SECRET: z.string().min(32, "must be at least 32 random characters (openssl rand -base64 32)"),
  AUTH0_ISSUER_BASE_URL: z
    .url("must be the sign-in domain as a URL, e.g. https://login.example.com")
    .transform((value) => value.replace(/\/+$/, "")),
  AUTH0_CLIENT_ID: z.string().min(1, "is required: the regular web application's client id"),
  AUTH0_CLIENT_SECRET: z.string().min(1, "is required: the regular web application's client secret"),

  // Management API: a machine-to-machine application authorized for the Auth0 Management API.
  AUTH0_MANAGEMENT_DOMAIN: bareHost,
  AUTH0_MANAGEMENT_CLIENT_ID: z.string().min(1, "is required: the machine-to-machine application's client id"),
  AUTH0_MANAGEMENT_CLIENT_SECRET: z.string().min(1, "is required: the machine-to-machine application's client secret"),
  AUTH0_CUSTOM_DOMAIN: bareHost.optional(),

  // Policy: who may invite, and which roles they may hand out.
  INVITER_ROLES: list("Org Admin,Inviter"),
  ROLE_RANKING: list("Member,Billing,Inviter,Org Admin"),
  ASSIGNABLE_ROLES: optionalList,
  SUPPORT_ROLE: z.string().min(1).default("Support Agent"),
  AUDITOR_ROLE: z.string().min(1).default("Support Auditor"),
  // The inviter name invitees see when support staff invite: {organization} is the organization's display
  // name, {agent} the staff member's name (left out by default, so staff names are not shown).
  SUPPORT_INVITER_NAME: z.string().min(1).max(300).default("{organization} support"),
  // Applications one may invite into, per organization (see lib/invitations/application-rule.ts):
  // an application's client_metadata key listing the organizations it serves, an organization's metadata
  // key listing applications; the allow-list applies to organizations neither gives any application.
  APPLICATION_ORGANIZATIONS_METADATA_KEY: metadataKey("inviter_organizations"),
  ORGANIZATION_APPLICATIONS_METADATA_KEY: metadataKey("inviter_applications"),
  ALLOWED_CLIENT_IDS: optionalList,

  // Delegation policy (lib/policy): what delegated inviters may send. Each limit is read from the
  // organization's metadata under these keys; the tenant defaults below apply where it has none.
  POLICY_DOMAINS_METADATA_KEY: metadataKey(DEFAULT_POLICY_KEYS.domains),
  POLICY_BLOCKED_DOMAINS_METADATA_KEY: metadataKey(DEFAULT_POLICY_KEYS.blockedDomains),
  POLICY_BLOCK_FREE_MAIL_METADATA_KEY: metadataKey(DEFAULT_POLICY_KEYS.blockFreeMail),
  POLICY_MAX_TTL_DAYS_METADATA_KEY: metadataKey(DEFAULT_POLICY_KEYS.maxTtlDays),
  POLICY_SEATS_METADATA_KEY: metadataKey(DEFAULT_POLICY_KEYS.seats),
  POLICY_APPROVAL_ROLES_METADATA_KEY: metadataKey(DEFAULT_POLICY_KEYS.approvalRoles),
  POLICY_OUTSIDE_DOMAINS_METADATA_KEY: metadataKey(DEFAULT_POLICY_KEYS.outsideDomains),
  POLICY_REMIND_METADATA_KEY: metadataKey(DEFAULT_POLICY_KEYS.reminders),
  POLICY_RENEW_METADATA_KEY: metadataKey(DEFAULT_POLICY_KEYS.renewals),
  POLICY_DOMAINS: policyDefault("domains"),
  POLICY_BLOCKED_DOMAINS: policyDefault("blockedDomains"),
  POLICY_BLOCK_FREE_MAIL: policyDefault("blockFreeMail"),
  POLICY_MAX_TTL_DAYS: policyDefault("maxTtlDays"),
  POLICY_SEATS: policyDefault("seats"),
  POLICY_APPROVAL_ROLES: policyDefault("approvalRoles"),
  POLICY_OUTSIDE_DOMAINS: policyDefault("outsideDomains"),
  // Reminders before expiry ("3,2": 3 days before, at most twice) and automatic renewal of an invitation that
  // expired unaccepted (at most this many times), by the policy (lib/reminders); unset: neither.
  POLICY_REMIND: policyDefault("reminders"),
  POLICY_RENEW: policyDefault("renewals"),
  // How long a request for approval waits for an answer before it expires unsent (lib/invitations/approvals.ts).
  APPROVAL_EXPIRES_DAYS: z.coerce.number().int("must be a whole number of days").min(1).max(90).default(7),

  // The ledger: how often Auth0's tenant logs are read in the background (seconds; 0 turns it off). An open
  // Invitations page looks for news every 20 s while the reader runs, so with 30 an acceptance shows within
  // a minute of Auth0 logging it.
  LOG_READ_INTERVAL_SECONDS: z.coerce.number().int("must be a whole number of seconds").min(0).max(86_400).default(30),
  // How old an organization's ledger may be before opening its Invitations page asks the background for a
  // refresh against Auth0's list (seconds; 0: never on a page view, only "Refresh from Auth0").
  LEDGER_REFRESH_AFTER_SECONDS: z.coerce.number().int("must be a whole number of seconds").min(0).max(86_400).default(300),
  // The tenant's sustained invitation-read rate (Auth0's rate-limit policy per plan): the ledger's background
  // refresh paces its list and one-by-one reads to it, as the bulk workers pace their writes.
  INVITATION_READ_RATE_PER_SECOND: z.coerce.number().positive("must be a positive number of reads per second").default(200 / 60),

  // Support's organization finder: how often the store's copy of the tenant's organizations is refreshed
  // (seconds; 0: never in the background, only on demand).
  DIRECTORY_REFRESH_INTERVAL_SECONDS: z.coerce.number().int("must be a whole number of seconds").min(0).max(604_800).default(3600),

  // The Members page's copy of each organization's members, kept current from the tenant logs: how old its
  // last complete refresh may be before opening the page asks the background for another (seconds; 0: only
  // "Refresh from Auth0").
  MEMBERS_REFRESH_AFTER_SECONDS: z.coerce.number().int("must be a whole number of seconds").min(0).max(604_800).default(86_400),

  // Bulk onboarding: the tenant's sustained invitation-write rate (Auth0's rate-limit policy per plan; the
  // pacer learns the bucket's size and what remains from every answer's X-RateLimit headers), how many
  // invitations each instance keeps in flight, and how long one may take before its answer counts as lost.
  BULK_WRITE_RATE_PER_SECOND: z.coerce.number().positive("must be a positive number of invitations per second").default(200 / 60),
  BULK_CONCURRENCY: z.coerce.number().int().min(1).max(32).default(4),
  BULK_REQUEST_TIMEOUT_SECONDS: z.coerce.number().int().min(1).max(120).default(10),

  // Sessions: signed out after this long without a request, and after this long in any case.
  SESSION_IDLE_MINUTES: z.coerce.number().int("must be a whole number of minutes").min(1).max(1440).default(30),
  SESSION_MAX_HOURS: z.coerce.number().int("must be a whole number of hours").min(1).max(720).default(8),
  // How long a user's Auth0 `blocked` flag is trusted before it is read again (seconds; at most 60, so a
  // blocked user is refused within a minute).
  BLOCKED_CHECK_SECONDS: z.coerce.number().int("must be a whole number of seconds").min(1).max(60).default(60),

  // Throttling, per minute, shared by every instance through the store: each user's actions and page views,
  // and the requests into one organization (everyone's actions and page views there together).
  THROTTLE_USER_ACTIONS_PER_MINUTE: z.coerce.number().int().min(1).default(60),
  THROTTLE_USER_VIEWS_PER_MINUTE: z.coerce.number().int().min(1).default(120),
  THROTTLE_ORGANIZATION_PER_MINUTE: z.coerce.number().int().min(1).default(300),
  // The public landing page (/join/{token}), per client address: page views and Continue together.
  THROTTLE_JOIN_PAGE_PER_MINUTE: z.coerce.number().int().min(1).default(30),
  // How many reverse proxies of the operator's stand in front of the app, each appending to X-Forwarded-For:
  // the landing page's throttle counts the address the first of them saw (lib/http/client-address.ts).
  TRUSTED_PROXY_HOPS: z.coerce.number().int("must be a whole number").min(1).max(10).default(1),

  // Webhooks (lib/webhooks): signed events for other systems. WEBHOOK_ENDPOINTS is a JSON array of
  // {"url", "secret" (whsec_…), "organizations"?: [org ids], "events"?: [event types]}; unset: none.
  WEBHOOK_ENDPOINTS: webhookEndpointsSetting,
  // A risk: lets endpoints resolve to loopback, link-local and private addresses (SSRF); only for an endpoint
  // meant to be internal.
  WEBHOOK_ALLOW_PRIVATE: z.enum(["true", "false"], "must be true or false").default("false").transform((value) => value === "true"),
  // The first retry's delay (seconds; each next doubles, up to an hour), when a failing delivery is given up
  // on (hours after it was queued), and how long a receiver may take to answer (seconds).
  WEBHOOK_RETRY_BASE_SECONDS: z.coerce.number().int("must be a whole number of seconds").min(1).max(3600).default(30),
  WEBHOOK_GIVE_UP_HOURS: z.coerce.number().positive("must be a positive number of hours").max(24 * 14).default(24),
  WEBHOOK_TIMEOUT_SECONDS: z.coerce.number().int("must be a whole number of seconds").min(1).max(60).default(10),
  // How long the delivery log keeps a delivered or given-up delivery, and the outbox an event already handed
  // to the deliveries (days); pending ones are kept however old.
  WEBHOOK_RETENTION_DAYS: z.coerce.number().int("must be a whole number of days").min(1).max(3650).default(90),

  // Our own email (lib/email): with SMTP_URL set (smtp://user:pass@host:587, smtps://… for TLS from the start),
  // the app sends invitation and notification emails itself and asks Auth0 not to send its own; unset, Auth0
  // sends the invitation email as before and the app sends none. EMAIL_FROM is the sender's address.
  SMTP_URL: z.string().regex(/^smtps?:\/\//, "must be an smtp:// or smtps:// URL").optional(),
  EMAIL_FROM: z.string().default("Invitations <invitations@localhost>"),
  // What became of a support-made invitation (accepted, used by another account, expired) is told to the
  // organization's admins (the top of ROLE_RANKING); true tells the support agent who sent it instead.
  NOTIFY_SUPPORT_AGENT: z.enum(["true", "false"], "must be true or false").default("false").transform((value) => value === "true"),

  // Store: PostgreSQL server when set, else embedded PostgreSQL (PGlite) in DATA_DIR.
  DATABASE_URL: z.string().regex(/^postgres(ql)?:\/\//, "must be a postgres:// URL").optional(),
  DATA_DIR: z.string().default(".data/pglite"),
});

// Read apart from the rest, so that a log line can be written (and a migration run) even when the Auth0
// settings are missing or wrong.
export const logEnvSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("production"),
  // Default: info (silent under tests).
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).optional(),
  // Set by `npm start` and the container image: Next then leaves SIGTERM to instrumentation.ts
  // (https://nextjs.org/docs/app/guides/self-hosting#manual-graceful-shutdowns).
  NEXT_MANUAL_SIG_HANDLE: z.string().optional(),
});
const storeEnvSchema = envSchema.pick({ DATABASE_URL: true, DATA_DIR: true });

export type Env = z.infer<typeof envSchema>;

// Checks between variables, apart from envSchema so that its parts can still be picked.
const checkedEnvSchema = envSchema.superRefine(refuseInternalEndpoints);

export function parseEnv(source: Record<string, string | undefined>): Env {
  return parseWith(checkedEnvSchema, source);
}

function parseWith<S extends z.ZodType>(schema: S, source: Record<string, string | undefined>): z.output<S> {
  const blankAsUnset = Object.fromEntries(Object.entries(source).filter(([, value]) => value !== ""));
  const result = schema.safeParse(blankAsUnset);
  if (result.success) return result.data;
  const lines = result.error.issues.map((issue) => {
    const name = issue.path.join(".");
    // zod 4 issues do not carry the input, so whether the variable was set is read from the source.
    const message = issue.code === "invalid_type" && blankAsUnset[name] === undefined ? "is required" : issue.message;
    return `  ${name} ${message}`;
  });
  throw new Error(`Invalid configuration (see .env.example):\n${lines.join("\n")}`);
}

let cached: Env | undefined;
export function env(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}

export function logEnv(): z.output<typeof logEnvSchema> {
  return parseWith(logEnvSchema, process.env);
}

/** Only what opening the store needs: `npm run migrate` runs without the Auth0 settings. */
export function storeEnv(): z.output<typeof storeEnvSchema> {
  return parseWith(storeEnvSchema, process.env);
}
