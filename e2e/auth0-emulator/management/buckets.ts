// Auth0 limits the Management API per endpoint group, each group its own token bucket: organization invitations
// have a write bucket (POST, DELETE) and a read bucket (GET), 20 burst / 200 per minute each on Enterprise, beside
// the tenant's overall limit for everything else (50 burst, 16 per second)
// (https://auth0.com/docs/troubleshoot/customer-support/operational-policies/rate-limit-policy/management-api-endpoint-rate-limits).
// A request is charged to exactly one bucket, so a drained group never blocks another.
import { TokenBucket, type RateLimit, type RateLimitVerdict } from "./rate-limit.ts";

export const BUCKET_NAMES = ["invitation-writes", "invitation-reads", "general"] as const;
export type BucketName = (typeof BUCKET_NAMES)[number];
/** A limit per bucket; `undefined` means off (effectively unlimited). */
export type RateLimitSettings = Record<BucketName, RateLimit | undefined>;
export type BucketState = (RateLimit & { remaining: number }) | null;

export const isBucketName = (name: string): name is BucketName => (BUCKET_NAMES as readonly string[]).includes(name);

const INVITATIONS_PATH = /^\/api\/v2\/organizations\/[^/]+\/invitations(\/[^/]+)?\/?$/;

/** The bucket a Management API request (path with the /api/v2 prefix) is charged to. */
export function bucketFor(method: string, path: string): BucketName {
  if (!INVITATIONS_PATH.test(path)) return "general";
  if (method === "GET") return "invitation-reads";
  return method === "POST" || method === "DELETE" ? "invitation-writes" : "general";
}

export class RateLimits {
  private readonly buckets: Record<BucketName, TokenBucket>;

  constructor(settings: RateLimitSettings) {
    this.buckets = {
      "invitation-writes": new TokenBucket(settings["invitation-writes"]),
      "invitation-reads": new TokenBucket(settings["invitation-reads"]),
      general: new TokenBucket(settings.general),
    };
  }

  /** Sets the named buckets (each starting full); buckets not named keep their limit and tokens. */
  configure(settings: Partial<RateLimitSettings>): void {
    for (const name of BUCKET_NAMES) {
      if (name in settings) this.buckets[name].configure(settings[name]);
    }
  }

  take(bucket: BucketName): RateLimitVerdict {
    return this.buckets[bucket].take();
  }

  /** The clock control's skipped seconds refill every bucket. */
  credit(seconds: number): void {
    for (const bucket of Object.values(this.buckets)) bucket.credit(seconds);
  }

  /** Each bucket's limit and whole tokens left; `null` when off. */
  state(): Record<BucketName, BucketState> {
    const state = {} as Record<BucketName, BucketState>;
    for (const name of BUCKET_NAMES) {
      const { current, remaining } = this.buckets[name];
      state[name] = current && remaining !== undefined ? { ...current, remaining } : null;
    }
    return state;
  }
}
