import "server-only";
import { AsyncLocalStorage } from "node:async_hooks";
import { randomUUID } from "node:crypto";
import pino from "pino";
import { logEnv } from "@/lib/env";

// One JSON line per event on stdout (https://getpino.io/#/docs/api), readable through pino-pretty in
// development. Every line written while a request or background task runs carries that scope's fields
// (request id, actor, organization, action), added by pino's `mixin`.

export type LogScope = {
  requestId: string;
  action?: string;
  actor?: string;
  organization?: string | null;
  /** A background task's name (ledger, directory, bulk), where no request is involved. */
  task?: string;
};

// One logger and one scope store per process, on globalThis: the instrumentation hook and the routes are
// bundled apart, and each bundle's copy of this module must write through the same logger and read the
// same scopes (each pino-pretty transport would also be a worker thread of its own).
const holder = globalThis as typeof globalThis & { __logger?: pino.Logger; __logScopes?: AsyncLocalStorage<LogScope> };
const scopes = (holder.__logScopes ??= new AsyncLocalStorage<LogScope>());

// Key names whose values never reach a log line, at any of the first three levels of what is logged
// (https://getpino.io/#/docs/redaction). Error objects are serialized with their own properties, so a
// token or header carried by an SDK error is caught here too.
const SECRET_KEYS = [
  "password",
  "secret",
  "clientSecret",
  "client_secret",
  "token",
  "accessToken",
  "access_token",
  "idToken",
  "id_token",
  "refreshToken",
  "refresh_token",
  "authorization",
  "Authorization",
  "cookie",
  "Cookie",
  '["set-cookie"]',
  "connectionString",
  "databaseUrl",
  "DATABASE_URL",
  "NEXTAUTH_SECRET",
  "AUTH0_CLIENT_SECRET",
  "AUTH0_MANAGEMENT_CLIENT_SECRET",
];
const joined = (prefix: string, key: string) => (key.startsWith("[") ? `${prefix}${key}` : `${prefix}.${key}`.replace(/^\./, ""));
export const REDACTED_PATHS = SECRET_KEYS.flatMap((key) => [joined("", key), joined("*", key), joined("*.*", key)]);

/** The process's logger, or (for tests) one that writes to `destination`. */
export function createLogger(destination?: pino.DestinationStream): pino.Logger {
  const { NODE_ENV, LOG_LEVEL } = logEnv();
  const options: pino.LoggerOptions = {
    level: LOG_LEVEL ?? (NODE_ENV === "test" ? "silent" : "info"),
    base: { service: "org-inviter" },
    timestamp: pino.stdTimeFunctions.isoTime,
    redact: { paths: REDACTED_PATHS, censor: "[redacted]" },
    mixin: () => ({ ...scopes.getStore() }),
  };
  if (destination) return pino(options, destination);
  if (NODE_ENV === "development") return pino({ ...options, transport: { target: "pino-pretty", options: { translateTime: "SYS:HH:MM:ss.l" } } });
  return pino(options);
}

export function logger(): pino.Logger {
  holder.__logger ??= createLogger();
  return holder.__logger;
}

/** Runs `work` with these fields on every line it logs; a request id is made up when none is given. */
export function inLogScope<T>(fields: Partial<LogScope>, work: () => Promise<T>): Promise<T> {
  return scopes.run({ ...fields, requestId: fields.requestId ?? randomUUID() }, work);
}

/** Adds what became known while the scope runs (who the actor is, say) to its later lines. */
export function noteInLogScope(fields: Omit<Partial<LogScope>, "requestId">): void {
  const scope = scopes.getStore();
  if (scope) Object.assign(scope, fields);
}
