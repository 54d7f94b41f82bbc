import "server-only";
import { sql } from "drizzle-orm";
import type { RateLimitState } from "@/lib/auth0/invitation-writer";
import { rawRows } from "@/lib/db/raw";
import type { Database } from "@/lib/db/store";

// Paces calls to one of Auth0's rate-limit buckets for every instance at once: a token bucket kept in the
// store (rate_budgets), so instances together spend what the tenant allows, no more. Auth0 limits the
// Management API with token buckets per endpoint group and says on every answer how big the bucket is
// (X-RateLimit-Limit), what is left (X-RateLimit-Remaining) and when it is full again (X-RateLimit-Reset):
// https://auth0.com/docs/troubleshoot/customer-support/operational-policies/rate-limit-policy
// The bucket's size and what remains come from those headers; its refill rate from configuration (the
// plan's published rate), corrected when a reset far enough ahead lets it be measured.

export type Pacer = {
  /** Waits until a call may be made, and spends a token for it. */
  acquire: () => Promise<void>;
  /** Learns from an answer's headers (call it once per `acquire`, answered or not); `limited` when Auth0 answered 429. */
  observe: (rate: RateLimitState | undefined, limited?: boolean) => Promise<void>;
  /** Gives back a token that was acquired but not spent (the work it was for turned out to need no call). */
  release: () => Promise<void>;
};

/** A reset this many seconds ahead measures the refill rate well enough (the header's resolution is a second). */
const MEASURABLE_SECONDS = 3;
const LEARNING_WEIGHT = 0.3;
const MIN_WAIT_MS = 5;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export function pacer(db: Database, bucket: string, { perSecond }: { perSecond: number }): Pacer {
  // Calls this pacer let go whose answers have not come back: Auth0's `remaining` does not count them yet.
  let inFlight = 0;
  // Tokens as of now: what the row held, refilled for the time since, never over the bucket's size.
  const available = sql`least(capacity, tokens + refill_per_second * extract(epoch from clock_timestamp() - updated_at))`;

  // Until Auth0 has said how big the bucket is, one call at a time: the first answer tells.
  async function ensureRow() {
    await db.execute(sql`
      insert into rate_budgets (bucket, capacity, refill_per_second, tokens, updated_at)
      values (${bucket}, 1, ${perSecond}, 1, clock_timestamp())
      on conflict (bucket) do nothing`);
  }

  return {
    async acquire() {
      await ensureRow();
      for (;;) {
        const taken = await rawRows<{ tokens: number }>(
          db,
          sql`update rate_budgets set tokens = ${available} - 1, updated_at = clock_timestamp()
              where bucket = ${bucket} and ${available} >= 1
              returning tokens`,
        );
        if (taken.length > 0) {
          inFlight += 1;
          return;
        }
        const [row] = await rawRows<{ available: number; refill: number }>(
          db,
          sql`select ${available} as available, refill_per_second as refill from rate_budgets where bucket = ${bucket}`,
        );
        const missing = 1 - Number(row?.available ?? 0);
        await sleep(Math.max(MIN_WAIT_MS, (missing / Number(row?.refill ?? perSecond)) * 1000));
      }
    },

    async release() {
      inFlight = Math.max(0, inFlight - 1);
      await db.execute(sql`update rate_budgets set tokens = least(capacity, ${available} + 1), updated_at = clock_timestamp() where bucket = ${bucket}`);
    },

    async observe(rate, limited = false) {
      inFlight = Math.max(0, inFlight - 1);
      if (!rate && !limited) return;
      await ensureRow();
      const nowSeconds = Date.now() / 1000;
      const ahead = rate ? rate.reset - nowSeconds : 0;
      const deficit = rate ? rate.limit - rate.remaining : 0;
      const measured = rate && ahead >= MEASURABLE_SECONDS && deficit > 0 ? deficit / ahead : undefined;
      // Auth0's count, less the calls still on their way to it, lowers ours (another client spent tokens);
      // it raises ours only when the bucket's size is news (the first answer), since answers can arrive out
      // of order and an older, higher count would overspend. A 429 empties the bucket. Auth0 counts whole
      // tokens: the part of one that ours has refilled is kept, or every answer would throw it away.
      const remaining = limited ? 0 : rate ? rate.remaining - inFlight : null;
      await db.execute(sql`
        update rate_budgets set
          capacity = coalesce(${rate?.limit ?? null}::integer, capacity),
          tokens = case
            when ${rate?.limit ?? null}::integer is distinct from capacity and ${rate?.limit ?? null}::integer is not null
              then least(${rate?.limit ?? null}::integer, ${remaining}::double precision)
            else least(${available}, coalesce(${remaining}::double precision + ${available} - floor(${available}), ${available})) end,
          refill_per_second = case when ${measured ?? null}::double precision is null then refill_per_second
            else refill_per_second * ${1 - LEARNING_WEIGHT} + ${measured ?? 0}::double precision * ${LEARNING_WEIGHT} end,
          updated_at = clock_timestamp()
        where bucket = ${bucket}`);
    },
  };
}

/** Auth0's invitation-write bucket (create and delete share it); its size is learned from the first answer. https://auth0.com/docs/troubleshoot/customer-support/operational-policies/rate-limit-policy/management-api-endpoint-rate-limits */
export const INVITATION_WRITES = "invitation-writes";

const holder = globalThis as typeof globalThis & { __invitationWritePacers?: WeakMap<Database, Pacer> };

/**
 * This process's pacer of invitation writes on a store: one per process, so that the calls it has let go
 * and not yet seen answered are counted once, whichever path (a form, a bulk lane, a renewal) made them.
 */
export function invitationWritePacer(db: Database, perSecond: number): Pacer {
  holder.__invitationWritePacers ??= new WeakMap();
  let shared = holder.__invitationWritePacers.get(db);
  if (!shared) {
    shared = pacer(db, INVITATION_WRITES, { perSecond });
    holder.__invitationWritePacers.set(db, shared);
  }
  return shared;
}
