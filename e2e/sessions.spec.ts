// Sessions that really end: a cookie replayed after sign-out is refused, and a user blocked in Auth0 is
// refused even while their session is live.
import { request } from "@playwright/test";
import { E2E } from "./support/addresses.ts";
import { APP_LIMITS } from "./support/app-limits.ts";
import { emulator } from "./support/emulator.ts";
import { ids } from "./support/personas.ts";
import { expect, test } from "./support/test.ts";

type Cookies = Awaited<ReturnType<import("@playwright/test").BrowserContext["cookies"]>>;

/** Asks for `path` with nothing but these cookies, from outside the browser, following no redirect. */
async function replay(cookies: Cookies, path: string) {
  const context = await request.newContext({ baseURL: E2E.appUrl, storageState: { cookies, origins: [] } });
  try {
    const response = await context.get(path, { maxRedirects: 0 });
    return { status: response.status(), location: response.headers()["location"] ?? "", body: await response.text() };
  } finally {
    await context.dispose();
  }
}

test("a session cookie replayed after sign-out is refused", async ({ freshSession }) => {
  const alice = await freshSession("alice");
  const cookies = await alice.context().cookies();
  const page = `/orgs/${ids.acme}/invitations`;
  const download = `/orgs/${ids.acme}/activity/export`;
  // The same cookies work while the session lasts.
  expect((await replay(cookies, page)).status).toBe(200);
  expect((await replay(cookies, download)).status).toBe(200);
  expect(JSON.parse((await replay(cookies, "/api/auth/session")).body).user).toMatchObject({ email: "alice@acme.test" });

  await alice.getByRole("button", { name: "Sign out" }).click();
  await expect(alice.getByText("You are signed out.")).toBeVisible();
  // Auth0's session ended too: the next sign-in asks for the password again.
  await alice.getByRole("link", { name: "Sign in" }).click();
  await expect(alice.getByLabel("Email address")).toBeVisible();

  const replayedPage = await replay(cookies, page);
  expect(replayedPage.status).toBe(307);
  expect(replayedPage.location).toContain(`/login?callbackUrl=${encodeURIComponent(page)}`);
  const replayedDownload = await replay(cookies, download);
  expect(replayedDownload.status).toBe(401);
  expect(replayedDownload.body).toBe("Sign in to continue.");
  // next-auth's own session route answers as for no cookie at all: nothing about the user or the session.
  const replayedSession = await replay(cookies, "/api/auth/session");
  expect(replayedSession.status).toBe(200);
  expect(JSON.parse(replayedSession.body)).toEqual({});
});

test("a user blocked in Auth0 is refused within the blocked flag's cache time, even with a live session", async ({ freshSession }) => {
  test.budget({ signIns: 1, pages: 3, waitMs: (APP_LIMITS.BLOCKED_CHECK_SECONDS + 10) * 1000 });
  const frank = await freshSession("frank");
  const page = `/orgs/${ids.umbrella}/invitations`;
  await frank.goto(page);
  await expect(frank.getByRole("heading", { name: "Umbrella", level: 1 })).toBeVisible();

  await emulator.block(ids.user("frank@umbrella.test"));
  const blockedAt = Date.now();
  await expect
    .poll(
      async () => {
        await frank.goto(page);
        return frank.getByTestId("refused").getAttribute("data-code", { timeout: 1_000 }).catch(() => null);
      },
      { timeout: (APP_LIMITS.BLOCKED_CHECK_SECONDS + 10) * 1000, intervals: [1_000] },
    )
    .toBe("blocked");
  expect(Date.now() - blockedAt).toBeLessThan((APP_LIMITS.BLOCKED_CHECK_SECONDS + 10) * 1000);
  await expect(frank.getByRole("heading", { name: "Your account is blocked" })).toBeVisible();
  await expect(frank.getByTestId("refused")).toContainText("Your account is blocked in Auth0");
  // Everywhere: the home page and the downloads too.
  await frank.goto("/");
  await expect(frank.getByRole("heading", { name: "Your account is blocked" })).toBeVisible();
  const download = await frank.request.get(`/orgs/${ids.umbrella}/activity/export`);
  expect(download.status()).toBe(403);
});
