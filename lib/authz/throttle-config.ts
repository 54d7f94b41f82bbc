import "server-only";
import { store } from "@/lib/db/store";
import { env } from "@/lib/env";
import { createThrottle, type Throttle } from "./throttle";

export type { RequestKind } from "./throttle";

// One throttle per module instance, over the store every instance shares, with the configured limits. Not
// kept on globalThis: pages and route handlers are bundled apart, and a throttle made by one would throw
// its bundle's Refusal, which the other's `instanceof` does not recognise.
let holder: Promise<Throttle> | undefined;

export function throttle(): Promise<Throttle> {
  holder ??= store().then(({ db }) => {
    const config = env();
    return createThrottle(db, {
      userActions: config.THROTTLE_USER_ACTIONS_PER_MINUTE,
      userViews: config.THROTTLE_USER_VIEWS_PER_MINUTE,
      organization: config.THROTTLE_ORGANIZATION_PER_MINUTE,
    });
  });
  holder.catch(() => (holder = undefined));
  return holder;
}
