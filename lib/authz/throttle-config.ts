import "server-only";
import { store } from "@/lib/db/store";
import { env } from "@/lib/env";
import { createThrottle, type Throttle } from "./throttle";

export type { RequestKind } from "./throttle";

// One throttle per process, over the store every instance shares, with the configured limits.
const holder = globalThis as typeof globalThis & { __throttle?: Promise<Throttle> };

export function throttle(): Promise<Throttle> {
  holder.__throttle ??= store().then(({ db }) => {
    const config = env();
    return createThrottle(db, {
      userActions: config.THROTTLE_USER_ACTIONS_PER_MINUTE,
      userViews: config.THROTTLE_USER_VIEWS_PER_MINUTE,
      organization: config.THROTTLE_ORGANIZATION_PER_MINUTE,
    });
  });
  holder.__throttle.catch(() => (holder.__throttle = undefined));
  return holder.__throttle;
}
