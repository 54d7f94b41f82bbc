// Everything the emulator's servers share: the tenant, its settings, and the test-control state.
import type { EmulatorConfig } from "./config.ts";
import { RateLimiter } from "./management/rate-limit.ts";
import { TenantStore } from "./tenant.ts";

export type RequestLogEntry = {
  method: string;
  /** Without the query string. */
  path: string;
  /** With the query string. */
  url?: string;
  status: number;
  time: string;
  durationMs: number;
};
export type Fault = {
  method?: string;
  pathPattern: string;
  status?: number;
  delayMs?: number;
  body?: unknown;
  headers?: Record<string, string>;
  remaining: number;
};

export type EmulatorContext = {
  config: EmulatorConfig;
  tenant: TenantStore;
  /** `https://127.0.0.1:8443/` — the Management API tokens' issuer; audience is `${apiOrigin}api/v2/`. */
  apiOrigin: string;
  /** `http://127.0.0.1:8080/` — the OIDC issuer, with Auth0's trailing slash. */
  signInIssuer: string;
  requestLog: RequestLogEntry[];
  faults: Fault[];
  /** The Management API's tenant-wide token bucket; off unless configured or set through the controls. */
  rateLimiter: RateLimiter;
};

export function createContext(config: EmulatorConfig): EmulatorContext {
  const signInIssuer = `http://${config.host}:${config.signInPort}/`;
  return {
    config,
    tenant: new TenantStore(config.appUrl, signInIssuer, config.seedOrganizations),
    apiOrigin: `https://${config.host}:${config.apiPort}/`,
    signInIssuer,
    requestLog: [],
    faults: [],
    rateLimiter: new RateLimiter(config.rateLimit),
  };
}
