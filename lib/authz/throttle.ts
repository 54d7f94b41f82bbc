import "server-only";
import { RateLimiterDrizzle, RateLimiterRes } from "rate-limiter-flexible";
import { rateLimits } from "@/lib/db/schema";
import type { Database } from "@/lib/db/store";
import { Refusal } from "./refusal";

// Per-user and per-organization limits, counted in the store (rate-limiter-flexible's RateLimiterDrizzle,
// https://github.com/animir/node-rate-limiter-flexible/wiki/Drizzle), so every instance shares them.
// One fixed window a minute per key.

export type ThrottleLimits = { userActions: number; userViews: number; organization: number };
export type RequestKind = "action" | "view";

const WINDOW_SECONDS = 60;

function throttled(res: RateLimiterRes, what: string): Refusal {
  const seconds = Math.max(1, Math.ceil(res.msBeforeNext / 1000));
  return new Refusal("throttled", `${what}. Try again in ${seconds} second${seconds === 1 ? "" : "s"}.`);
}

function limiterFor(db: Database, keyPrefix: string, points: number) {
  return new RateLimiterDrizzle({ storeClient: db, schema: rateLimits, keyPrefix, points, duration: WINDOW_SECONDS });
}

async function spend(consume: () => Promise<RateLimiterRes>, what: string): Promise<void> {
  try {
    await consume();
  } catch (error) {
    // The library rejects with the limiter's state when the points are spent, and with an Error when the store fails.
    if (error instanceof RateLimiterRes) throw throttled(error, what);
    throw error;
  }
}

export type Throttle = ReturnType<typeof createThrottle>;

export function createThrottle(db: Database, limits: ThrottleLimits) {
  const limiter = (keyPrefix: string, points: number) => limiterFor(db, keyPrefix, points);
  const perUser = { action: limiter("user-actions", limits.userActions), view: limiter("user-views", limits.userViews) };
  const perOrganization = limiter("organization", limits.organization);
  const said = {
    action: `You made more than ${limits.userActions} changes within a minute`,
    view: `You opened more than ${limits.userViews} pages within a minute`,
    organization: `This organization had more than ${limits.organization} requests within a minute`,
  };

  return {
    /**
     * Before the gate and any Auth0 call: spends one of the user's points, and refuses when the organization's
     * are already spent (without spending one: see `charge`).
     */
    async admit(userId: string, kind: RequestKind, orgId: string | null): Promise<void> {
      await spend(() => perUser[kind].consume(userId), said[kind]);
      if (!orgId) return;
      const spent = await perOrganization.get(orgId);
      if (spent && spent.consumedPoints >= limits.organization) throw throttled(spent, said.organization);
    },
    /**
     * After the gate let the user in: spends one of the organization's points. Only the organization's own
     * users and support spend them, so no outsider can use up an organization's requests.
     */
    charge(orgId: string): Promise<void> {
      return spend(() => perOrganization.consume(orgId), said.organization);
    },
  };
}

export type VisitorThrottle = ReturnType<typeof createVisitorThrottle>;

/**
 * The public landing page's limit (/join/{token}), per client address, since its visitors are signed in to
 * nothing: it bounds how fast anyone can try tokens, and what one address can make the store do.
 */
export function createVisitorThrottle(db: Database, perMinute: number) {
  const perAddress = limiterFor(db, "join-page", perMinute);
  return {
    admit(clientAddress: string): Promise<void> {
      return spend(() => perAddress.consume(clientAddress), `More than ${perMinute} invitation pages were opened from your address within a minute`);
    },
  };
}
