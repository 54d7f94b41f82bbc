// One of Auth0's Management API rate-limit buckets: a token bucket holding `burst` tokens, refilled at
// `perSecond` ("for each 60 / y seconds, one additional request is added to the bucket",
// https://auth0.com/docs/troubleshoot/customer-support/operational-policies/rate-limit-policy).
//
// Its headers, on every response it was charged for:
// - `x-ratelimit-limit`: the bucket size (burst);
// - `x-ratelimit-remaining`: whole tokens left after this request;
// - `x-ratelimit-reset`: UNIX seconds when the bucket is FULL again. Auth0's current pages say only that the limit
//   "resets"; the one definition it ever wrote down is "unix time when the max requests for the bucket … will be
//   available again" (https://github.com/auth0/docs/blob/master/articles/rate-limit.md). It also lets a client infer
//   the sustained rate from one response: perSecond ≈ (limit − remaining) / (reset − now), to the second; and
//   successive `remaining` values show the refill. Waiting for `reset` after a 429 is therefore the slowest safe
//   choice, not the fastest.
// A bucket that is off answers like an effectively unlimited one: limit UNLIMITED, remaining UNLIMITED − 1 (this
// request's token, refilled at once), reset the current second (full already). The limit stays the same, so a
// client learns one stable value.

export type RateLimit = { burst: number; perSecond: number };
export type RateLimitVerdict = { allowed: boolean; headers: Record<string, string> };

export const UNLIMITED = 1_000_000;

const unixSeconds = (ms: number) => Math.ceil(ms / 1000);

export class TokenBucket {
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
    this.refill();
    this.tokens = Math.min(this.limit.burst, this.tokens + seconds * this.limit.perSecond);
  }

  /** Whole tokens left, without spending one. */
  get remaining(): number | undefined {
    if (!this.limit) return undefined;
    this.refill();
    return Math.floor(this.tokens);
  }

  /** Spends one token when there is one; the verdict carries the headers either way. */
  take(): RateLimitVerdict {
    const now = Date.now();
    if (!this.limit) {
      return { allowed: true, headers: headers(UNLIMITED, UNLIMITED - 1, unixSeconds(now)) };
    }
    this.refill();
    const { burst, perSecond } = this.limit;
    const allowed = this.tokens >= 1;
    if (allowed) this.tokens -= 1;
    const fullAt = now + ((burst - this.tokens) / perSecond) * 1000;
    return { allowed, headers: headers(burst, Math.floor(this.tokens), unixSeconds(fullAt)) };
  }

  private refill(): void {
    const now = Date.now();
    if (this.limit) {
      this.tokens = Math.min(this.limit.burst, this.tokens + ((now - this.updatedAt) / 1000) * this.limit.perSecond);
    }
    this.updatedAt = now;
  }
}

function headers(limit: number, remaining: number, reset: number): Record<string, string> {
  return {
    "x-ratelimit-limit": String(limit),
    "x-ratelimit-remaining": String(remaining),
    "x-ratelimit-reset": String(reset),
  };
}
