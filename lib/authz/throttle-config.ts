import "server-only";
import type { Database } from "@/lib/db/store";
import { store } from "@/lib/db/store";
import { env } from "@/lib/env";
import { createThrottle, createVisitorThrottle, type Throttle, type VisitorThrottle } from "./throttle";

export type { RequestKind } from "./throttle";

// One throttle per store and module instance, with the configured limits. Not kept on globalThis: pages
// and route handlers are bundled apart, and a throttle made by one would throw its bundle's Refusal, which
// the other's `instanceof` does not recognise.
const throttles = new WeakMap<Database, Throttle>();

export async function throttle(): Promise<Throttle> {
  const { db } = await store();
  let made = throttles.get(db);
  if (!made) {
    const config = env();
    made = createThrottle(db, {
      userActions: config.THROTTLE_USER_ACTIONS_PER_MINUTE,
      userViews: config.THROTTLE_USER_VIEWS_PER_MINUTE,
      organization: config.THROTTLE_ORGANIZATION_PER_MINUTE,
    });
    throttles.set(db, made);
  }
  return made;
}

const visitorThrottles = new WeakMap<Database, VisitorThrottle>();

/** The landing page's throttle per client address, with the configured limit. */
export async function visitorThrottle(): Promise<VisitorThrottle> {
  const { db } = await store();
  let made = visitorThrottles.get(db);
  if (!made) {
    made = createVisitorThrottle(db, env().THROTTLE_JOIN_PAGE_PER_MINUTE);
    visitorThrottles.set(db, made);
  }
  return made;
}
