import "server-only";
import { randomUUID } from "node:crypto";
import { hostname } from "node:os";
import { isNull, lt, or, sql, type SQL } from "drizzle-orm";
import type { PgColumn } from "drizzle-orm/pg-core";

// A lease in a one-row state table (`lease_holder`, `lease_until`) lets one app instance at a time do a
// job that calls Auth0 (reading the tenant logs, refreshing the organization directory). It is taken by
// compare-and-set — an UPDATE whose WHERE holds only while the lease is free — and it runs out by itself,
// so an instance that dies holding it blocks the others for one lease at most. Times come from the
// store's clock, the one clock every instance shares.

/** The end of a lease taken or renewed now. */
export const leaseEnd = (seconds: number): SQL => sql`now() + make_interval(secs => ${seconds})`;

/** Nobody holds the lease: never taken, released, or run out. */
export const leaseFree = (leaseUntil: PgColumn): SQL => or(isNull(leaseUntil), lt(leaseUntil, sql`now()`))!;

/** This process, as a lease holder. */
export const THIS_INSTANCE = `${hostname()}/${process.pid}/${randomUUID().slice(0, 8)}`;

/**
 * Whether the checkpoint of a paging begun at `startedAt` may still be used: Auth0's checkpoint paging says a
 * `next` "is valid for 24 hours" (https://auth0.com/docs/api/management/v2/organizations/get-organizations).
 */
export const checkpointUsable = (startedAt: Date, now: Date) => now.getTime() - startedAt.getTime() < 24 * 60 * 60_000;
