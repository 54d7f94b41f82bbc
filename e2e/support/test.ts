// The specs' `test`: every browser context a test opens is settled before the next test starts, so no
// page's late request (a refetch after a mutation, a navigation) reaches the app — and through it the
// emulator's request log — on another test's time. A test that does much says so with `test.budget`.
import { test as base, type Browser, type BrowserContext, type Page, type Request } from "@playwright/test";
import { budget } from "./budget.ts";
import { signIn, storageStatePath, type Persona } from "./personas.ts";

const inFlight = new WeakMap<BrowserContext, Set<Request>>();

function track(context: BrowserContext): BrowserContext {
  const requests = new Set<Request>();
  inFlight.set(context, requests);
  context.on("request", (request) => requests.add(request));
  context.on("requestfinished", (request) => requests.delete(request));
  context.on("requestfailed", (request) => requests.delete(request));
  return context;
}

function requestsOf(context: BrowserContext): Set<Request> {
  const requests = inFlight.get(context);
  if (!requests) throw new Error("settling needs a context opened through the test fixtures");
  return requests;
}

/** Waits until every request in `requests` (of `page` alone, if given) has been answered. */
async function allAnswered(requests: Set<Request>, page?: Page): Promise<void> {
  const pending = () =>
    [...requests]
      .filter((request) => !page || request.frame().page() === page)
      .map((request) => {
        // A closed page never hears its request answered: the browser drops it, while the app may still work on it.
        const dropped = request.frame().page().isClosed() ? " (its page was closed: close a page with closeSettled)" : "";
        return `${request.method()} ${request.url()}${dropped}`;
      });
  await base.expect.poll(pending, { message: "requests still in flight", timeout: 30_000 }).toEqual([]);
}

/**
 * Stops a context's pages from sending anything more, waits until every request they already sent has
 * been answered (so the app has finished the work it caused), then closes the context. A request the app
 * never received cannot cause Management API calls later.
 */
export async function settle(context: BrowserContext): Promise<void> {
  const requests = requestsOf(context);
  await context.route("**/*", (route) => route.abort()).catch(() => {});
  await allAnswered(requests);
  await context.close();
}

/**
 * Closes one page the way settle() closes a context: nothing more is sent, and what was sent is answered
 * first. A page closed while it polls (a bulk job's progress) would otherwise leave a request that is never
 * answered as far as the browser knows, and the context's settle would wait for it in vain.
 */
export async function closeSettled(page: Page): Promise<void> {
  const requests = requestsOf(page.context());
  await page.route("**/*", (route) => route.abort());
  await allAnswered(requests, page);
  await page.close();
}

async function newTrackedContext(browser: Browser, persona?: Persona) {
  return track(await browser.newContext(persona ? { storageState: storageStatePath(persona) } : {}));
}

type Fixtures = {
  as: (persona: Persona) => Promise<Page>;
  /** A page signed in anew as the persona: a session of its own, so nothing another test did in a session holds. */
  freshSession: (persona: Persona) => Promise<Page>;
  stranger: () => Promise<Page>;
};

export const test = Object.assign(base.extend<Fixtures>({
  context: async ({ context }, use) => {
    track(context);
    await use(context);
    await settle(context);
  },
  /** A page signed in as another persona, in its own context, settled at the end of the test. */
  as: async ({ browser }, use) => {
    const opened: BrowserContext[] = [];
    await use(async (persona) => {
      const context = await newTrackedContext(browser, persona);
      opened.push(context);
      return context.newPage();
    });
    for (const context of opened) await settle(context);
  },
  freshSession: async ({ browser }, use) => {
    const opened: BrowserContext[] = [];
    await use(async (persona) => {
      const context = await newTrackedContext(browser);
      opened.push(context);
      const page = await context.newPage();
      await signIn(page, persona);
      return page;
    });
    for (const context of opened) await settle(context);
  },
  /** A page with no session (an invitee's browser), settled at the end of the test. */
  stranger: async ({ browser }, use) => {
    const opened: BrowserContext[] = [];
    await use(async () => {
      const context = await newTrackedContext(browser);
      opened.push(context);
      return context.newPage();
    });
    for (const context of opened) await settle(context);
  },
}), { budget });

export { expect } from "@playwright/test";
