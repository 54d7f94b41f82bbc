// Throttling: one user flooding the app is stopped at the configured limit, is told when to try again,
// leaves one row a minute in the trail, and nobody else notices.
import { APP_LIMITS } from "./support/app-limits.ts";
import { ActivityPage } from "./support/activity-page.ts";
import { InvitationsListPage } from "./support/invitation-pages.ts";
import { ids } from "./support/personas.ts";
import { expect, test } from "./support/test.ts";

const LIMIT = APP_LIMITS.THROTTLE_USER_VIEWS_PER_MINUTE;

test("page views are throttled from the configured limit on, with when to try again, while another user goes on", async ({ freshSession, as }) => {
  test.setTimeout(120_000);
  // Tina is in no organization; her sign-in landed on the home page: one page view.
  const tina = await freshSession("tina");
  const download = `/orgs/${ids.acme}/activity/export`;
  let refused = 0;
  let throttled: { status: number; body: string; retryAfter?: string } | undefined;
  for (let i = 0; i < LIMIT + 5 && !throttled; i++) {
    const response = await tina.request.get(download);
    if (response.status() === 403) refused++;
    else throttled = { status: response.status(), body: await response.text() };
  }
  expect(refused + 1).toBe(LIMIT);
  expect(throttled?.status).toBe(429);
  expect(throttled?.body).toMatch(new RegExp(`^You opened more than ${LIMIT} pages within a minute\\. Try again in \\d+ seconds?\\.$`));

  // A page says so too.
  await tina.goto(`/orgs/${ids.acme}/invitations`);
  await expect(tina.getByRole("heading", { name: "Too many requests" })).toBeVisible();
  await expect(tina.getByTestId("refused")).toContainText("Try again in");

  // Alice, in the organization tina knocked at, goes on as usual.
  const alice = await as("alice");
  await new InvitationsListPage(alice).open(ids.acme);

  // Acme's trail holds tina's refusals as one row a minute with a count, not one row each.
  const activity = new ActivityPage(alice);
  await activity.open(ids.acme, "?actor=tina%40outside.test");
  expect(await activity.rows.count()).toBeLessThanOrEqual(4);
  await activity.open(ids.acme, "?actor=tina%40outside.test&outcome=refused");
  expect(await activity.occurrences()).toBe(refused);
  await expect(activity.rows.first()).toContainText(/Tina Flood was refused the organization's pages \d+ times — You may not invite into this organization/);
  await activity.open(ids.acme, "?actor=tina%40outside.test&outcome=throttled");
  expect(await activity.occurrences()).toBe(2);
});
