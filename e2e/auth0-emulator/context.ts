// Everything the emulator's servers share: the tenant, its settings, and the test-control state.
import type { SmtpAnswers } from "./control-input.ts";
import type { EmulatorConfig } from "./config.ts";
import { RateLimits, type BucketName } from "./management/buckets.ts";
import { Faults } from "./management/faults.ts";
import { TenantStore } from "./tenant.ts";

/** One request to the Management API server (`/api/v2/…` and `POST /oauth/token`). */
export type RequestLogEntry = {
  method: string;
  /** Without the query string. */
  path: string;
  /** With the query string. */
  url?: string;
  /** The status answered; for a timed-out request, the one the client never received. */
  status: number;
  time: string;
  /** Until the answer was written (or, timed out, was ready), added latency and fault delays included. */
  durationMs: number;
  /** The rate-limit bucket charged; only on /api/v2 requests. */
  bucket?: BucketName;
  /**
   * Absent when the route answered. "rate-limited": the bucket was empty (429); "fault": an injected fault
   * answered; "timed-out": handled, then the answer withheld and the connection dropped.
   */
  outcome?: "rate-limited" | "fault" | "timed-out";
};

export type EmulatorContext = {
  config: EmulatorConfig;
  tenant: TenantStore;
  /** `https://127.0.0.1:8443/` — the Management API tokens' issuer; audience is `${apiOrigin}api/v2/`. */
  apiOrigin: string;
  /** `http://127.0.0.1:8080/` — the OIDC issuer, with Auth0's trailing slash. */
  signInIssuer: string;
  requestLog: RequestLogEntry[];
  faults: Faults;
  /** The Management API's buckets; each off unless configured or set through the controls. */
  rateLimits: RateLimits;
  /** Waited before every Management API server answer. */
  latencyMs: number;
  /** The SMTP sink's answers to the next messages (to one address, if given), in order (e.g. 451 then 250); none: accept. */
  smtpAnswers: SmtpAnswers;
};

export function createContext(config: EmulatorConfig): EmulatorContext {
  const signInIssuer = `http://${config.host}:${config.signInPort}/`;
  return {
    config,
    tenant: new TenantStore(config.appUrl, signInIssuer, config.seedOrganizations),
    apiOrigin: `https://${config.host}:${config.apiPort}/`,
    signInIssuer,
    requestLog: [],
    faults: new Faults(config.faultSeed),
    rateLimits: new RateLimits(config.rateLimits),
    latencyMs: config.latencyMs,
    smtpAnswers: { codes: [] },
  };
}
