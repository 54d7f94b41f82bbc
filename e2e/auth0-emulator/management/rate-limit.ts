// Auth0's tenant-wide Management API limit: a token bucket holding `burst` tokens, refilled at `perSecond`.
import type { EmulatorConfig } from "../config.ts";

export type RateLimit = NonNullable<EmulatorConfig["rateLimit"]>;
export type RateLimitVerdict = { allowed: boolean; headers: Record<string, string> };

export class RateLimiter {
  private limit: RateLimit | undefined;
  private tokens = 0;
  private updatedAt = 0;

  constructor(limit: RateLimit | undefined) {
    this.configure(limit);
  }

  get current(): RateLimit | undefined {
    return this.limit;
  }

  /** Sets (or with `undefined` turns off) the limit, starting from a full bucket. */
  configure(limit: RateLimit | undefined): void {
    this.limit = limit;
    this.tokens = limit?.burst ?? 0;
    this.updatedAt = Date.now();
  }

  /** Refills the bucket as if `seconds` more had passed, for the clock control. */
  credit(seconds: number): void {
    if (!this.limit) return;
    this.tokens = Math.min(this.limit.burst, this.tokens + seconds * this.limit.perSecond);
  }

  /** Whole tokens left, without spending one. */
  get remaining(): number | undefined {
    return this.limit ? Math.floor(this.tokens) : undefined;
  }

  /** Spends one token; `undefined` when limiting is off. */
  take(): RateLimitVerdict | undefined {
    if (!this.limit) return undefined;
    const { burst, perSecond } = this.limit;
    const now = Date.now();
    this.tokens = Math.min(burst, this.tokens + ((now - this.updatedAt) / 1000) * perSecond);
    this.updatedAt = now;
    const allowed = this.tokens >= 1;
    if (allowed) this.tokens -= 1;
    // Auth0's X-RateLimit-Reset is in UNIX seconds: here, when the bucket is full again.
    const reset = Math.ceil((now + ((burst - this.tokens) / perSecond) * 1000) / 1000);
    return {
      allowed,
      headers: {
        "x-ratelimit-limit": String(burst),
        "x-ratelimit-remaining": String(Math.floor(this.tokens)),
        "x-ratelimit-reset": String(reset),
      },
    };
  }
}
