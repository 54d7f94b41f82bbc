// What people noticed: page titles, the favicon, the skip link, a 390 px screen, focus after a submission,
// a slow Auth0, and signing out.
import { randomBytes } from "node:crypto";
import type { Locator, Page } from "@playwright/test";
import { expectAccessible } from "./support/accessibility.ts";
import { E2E } from "./support/addresses.ts";
import { emulator } from "./support/emulator.ts";
import { InvitationsListPage, InviteFormPage } from "./support/invitation-pages.ts";
import { ids } from "./support/personas.ts";
import { SupportDesk } from "./support/support-desk.ts";
import { expect, test } from "./support/test.ts";

// Each test opens the personas it needs (`as`, `freshSession`, `stranger`); `page` has no session.
test.beforeEach(async () => {
  await emulator.reset();
});

const run = () => randomBytes(4).toString("hex");
const APP = "Org Inviter";
const STILL_WORKING = "Still working — waiting for Auth0…";

/** Sends a one-row bulk list from the bulk page and returns the job page's path. */
async function sendBulkJob(page: Page, email: string): Promise<string> {
  await page.goto(`/orgs/${ids.acme}/invitations/bulk`);
  await page.getByLabel("Or paste addresses").fill(email);
  await page.getByRole("button", { name: "Preview", exact: true }).click();
  await page.getByRole("button", { name: "Send 1 invitation" }).click();
  await page.waitForURL((url) => /\/invitations\/bulk\/[^/]+$/.test(url.pathname));
  return new URL(page.url()).pathname;
}

test.describe("titles", () => {
  test("every organization page names the page and the organization, from the page's own headings", async ({ as }) => {
    test.budget({ pages: 20 });
    const page = await as("alice");
    const email = `titled-${run()}@example.test`;
    const form = new InviteFormPage(page);
    await form.open(ids.acme);
    await expect(page).toHaveTitle(`Invite people · Acme Corp · ${APP}`);
    await form.fill({ emails: email });
    await form.submit();
    await expect(form.results).toContainText("Invited 1 of 1 address.");

    const pages: [string, string][] = [
      [`/orgs/${ids.acme}/invitations`, "Pending invitations · Acme Corp"],
      [`/orgs/${ids.acme}/invitations?status=all`, "All invitations · Acme Corp"],
      [`/orgs/${ids.acme}/invitations?status=closed`, "Revoked/Consumed invitations · Acme Corp"],
      [`/orgs/${ids.acme}/invitations?status=awaiting`, "Requests awaiting approval · Acme Corp"],
      [`/orgs/${ids.acme}/invitations/bulk`, "Invite many (CSV) · Acme Corp"],
      [`/orgs/${ids.acme}/members`, "Members · Acme Corp"],
      [`/orgs/${ids.acme}/activity`, "Activity · Acme Corp"],
      [`/orgs/${ids.acme}/policy`, "Policy · Acme Corp"],
      ["/", "Home"],
    ];
    for (const [path, title] of pages) {
      await page.goto(path);
      await expect(page).toHaveTitle(`${title} · ${APP}`);
    }

    await page.goto(`/orgs/${ids.acme}/invitations`);
    await page.getByRole("link", { name: `History of the invitation for ${email}` }).click();
    await expect(page.getByRole("heading", { name: `Invitation for ${email}` })).toBeVisible();
    await expect(page).toHaveTitle(`Invitation for ${email} · Acme Corp · ${APP}`);

    const job = await sendBulkJob(page, `bulk-titled-${run()}@example.test`);
    await expect(page.getByRole("heading", { name: "Bulk invitation job" })).toBeVisible();
    await expect(page).toHaveTitle(`Bulk invitation job · Acme Corp · ${APP}`);

    // What does not exist says so, in the title too.
    for (const path of [`/orgs/${ids.acme}/invitations/uinv_NoSuchInvitation000`, `${job.slice(0, -4)}0000`, "/orgs/not-an-org-id/members", "/no-such-page"]) {
      await page.goto(path);
      await expect(page.getByTestId("not-found")).toBeVisible();
      await expect(page).toHaveTitle(`Not found · ${APP}`);
    }
  });

  test("a refused page's title never names the organization it refuses", async ({ as }) => {
    const carol = await as("carol");
    for (const path of ["invitations", "invitations/new", "members", "activity"]) {
      await carol.goto(`/orgs/${ids.acme}/${path}`);
      await expect(carol.getByTestId("refused")).toBeVisible();
      await expect(carol).toHaveTitle(`Access refused · ${APP}`);
      expect(await carol.content()).not.toContain("Acme Corp");
    }
    const bob = await as("bob");
    await bob.goto("/support");
    await expect(bob.getByTestId("refused")).toBeVisible();
    await expect(bob).toHaveTitle(`Access refused · ${APP}`);
  });

  test("support's pages, and an organization support has not yet given a reason for", async ({ freshSession }) => {
    const sam = await freshSession("sam");
    await sam.goto("/support");
    await expect(sam).toHaveTitle(`Find an organization · ${APP}`);
    await sam.goto("/support/activity");
    await expect(sam).toHaveTitle(`Support activity · ${APP}`);
    await sam.goto(`/orgs/${ids.globex}/members`);
    await expect(new SupportDesk(sam).reasonForm).toBeVisible();
    await expect(sam).toHaveTitle(`Act as support · Globex · ${APP}`);
  });

  test("sign-in pages: the sign-in itself, and one that did not complete", async ({ stranger }) => {
    const page = await stranger();
    // Stopped before it leaves for Auth0, so the app's own sign-in page can be read.
    await page.route("**/api/auth/signin/**", (route) => route.abort());
    await page.goto("/login");
    await expect(page.getByRole("heading", { name: "Signing you in…" })).toBeVisible();
    await expect(page).toHaveTitle(`Sign in · ${APP}`);
    await page.goto("/login?error=Callback");
    await expect(page).toHaveTitle(`Sign-in did not complete · ${APP}`);
  });
});

test("the favicon is served to anyone, in the page's head, and the security policy lets it load", async ({ stranger }) => {
  const page = await stranger();
  const icon = await page.request.get("/favicon.svg", { maxRedirects: 0 });
  expect(icon.status()).toBe(200);
  expect(icon.headers()["content-type"]).toContain("image/svg+xml");
  expect(await icon.text()).toContain("<svg");

  await page.goto("/signed-out");
  await expect(page.locator('head link[rel="icon"]')).toHaveAttribute("href", "/favicon.svg");
  const violations: string[] = [];
  page.on("console", (message) => {
    if (message.text().includes("Content Security Policy")) violations.push(message.text());
  });
  // An image from the same source as the tab's icon loads under the page's policy (img-src).
  const loaded = await page.evaluate(
    (href) =>
      new Promise<number>((resolve) => {
        const img = new Image();
        img.onload = () => resolve(img.naturalWidth);
        img.onerror = () => resolve(0);
        img.src = href;
      }),
    "/favicon.svg",
  );
  expect(loaded).toBeGreaterThan(0);
  expect(violations).toEqual([]);
});

test.describe("skip link", () => {
  async function skipToMain(page: Page, firstInMain: Locator) {
    await page.keyboard.press("Tab");
    const skip = page.getByRole("link", { name: "Skip to main content" });
    await expect(skip).toBeFocused();
    // Visible once focused, not a one-pixel screen-reader box.
    const box = await skip.boundingBox();
    expect(box?.width).toBeGreaterThan(50);
    expect(box?.height).toBeGreaterThan(10);
    await expect(skip).toBeInViewport({ ratio: 1 });
    await page.keyboard.press("Enter");
    await expect(page.locator("main#main-content")).toBeFocused();
    await page.keyboard.press("Tab");
    await expect(firstInMain).toBeFocused();
  }

  test("is the first thing a keyboard reaches, and jumps past the header on every kind of page", async ({ as, stranger }) => {
    const page = await as("alice");
    await page.goto(`/orgs/${ids.acme}/invitations`);
    await expect(page.getByRole("table")).toBeVisible();
    await skipToMain(page, page.getByRole("main").getByRole("link", { name: "All organizations" }));

    await page.goto("/");
    await expect(page.getByRole("list", { name: "Organizations" })).toBeVisible();
    await skipToMain(page, page.getByRole("link", { name: "Manage invitations for Acme Corp" }));

    await page.goto("/no-such-page");
    await skipToMain(page, page.getByRole("link", { name: "Back to your organizations" }));

    const sam = await as("sam");
    await sam.goto("/support");
    await expect(sam.getByLabel("Name, id, member's email or email domain")).toBeVisible();
    // The desk's first control is its link to Support activity, beside the heading.
    await skipToMain(sam, sam.getByRole("main").getByRole("link", { name: "Support activity" }));

    const anonymous = await stranger();
    await anonymous.goto("/signed-out");
    await skipToMain(anonymous, anonymous.getByRole("link", { name: "Sign in" }));
  });
});

test.describe("on a 390 px screen", () => {
  test.use({ viewport: { width: 390, height: 844 } });

  /**
   * Tabs from `from` until `target` has focus, then checks that it is wholly on screen, that nothing covers or
   * clips it (the point at its centre is the target), and that its table did not need a sideways scroll.
   */
  async function tabTo(page: Page, from: Locator, target: Locator) {
    await from.focus();
    for (let presses = 0; presses < 12 && !(await target.evaluate((element) => element === document.activeElement)); presses++) {
      await page.keyboard.press("Tab");
    }
    await expect(target).toBeFocused();
    await expect(target).toBeInViewport({ ratio: 1 });
    expect(await target.evaluate((element) => {
      // The first line's box: a link's text may wrap, and the whole box's centre can fall between its lines.
      const box = element.getClientRects()[0]!;
      const hit = document.elementFromPoint(box.x + box.width / 2, box.y + box.height / 2);
      return hit !== null && (hit === element || element.contains(hit));
    })).toBe(true);
    const region = target.locator("xpath=ancestor::*[@role='region'][1]");
    if (await region.count()) expect(await region.evaluate((element) => element.scrollWidth <= element.clientWidth)).toBe(true);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  }

  test("every action of every invitation row and of the bulk jobs list can be reached and used", async ({ as }) => {
    test.budget({ pages: 14 });
    const page = await as("alice");
    const email = `small-${run()}@example.test`;
    await page.context().grantPermissions(["clipboard-read", "clipboard-write"], { origin: E2E.appUrl });
    const form = new InviteFormPage(page);
    await form.open(ids.acme);
    await form.fill({ emails: email, sendEmail: false });
    await form.submit();
    await expect(form.results).toContainText("Invited 1 of 1 address.");

    const list = new InvitationsListPage(page);
    await page.goto(`/orgs/${ids.acme}/invitations`);
    const history = page.getByRole("link", { name: `History of the invitation for ${email}` });
    const copy = page.getByRole("button", { name: `Copy invitation link for ${email}` });
    const resend = page.getByRole("button", { name: `Resend invitation to ${email}` });
    const revoke = page.getByRole("button", { name: `Revoke invitation for ${email}` });
    await tabTo(page, history, revoke);
    await tabTo(page, history, resend);
    await tabTo(page, history, copy);
    await page.keyboard.press("Enter");
    await expect(page.getByText(`Copied the invitation link for ${email}.`)).toBeVisible();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toMatch(/^http/);

    const resent = await history.getAttribute("href");
    await tabTo(page, history, resend);
    await page.keyboard.press("Enter");
    await expect(page.getByRole("button", { name: "Yes, resend" })).toBeFocused();
    await page.keyboard.press("Enter");
    await expect(page.getByText(`Made a new invitation link for ${email}, without email`)).toBeVisible();
    // The list has been read again: the row is the new invitation's.
    await expect(history).not.toHaveAttribute("href", resent!);
    await expect(list.rows.filter({ hasText: email })).toHaveCount(1);
    await tabTo(page, history, revoke);
    await page.keyboard.press("Enter");
    await expect(page.getByRole("button", { name: "Yes, revoke" })).toBeFocused();
    await page.keyboard.press("Enter");
    await expect(page.getByText(`Revoked the invitation for ${email}.`)).toBeVisible();

    await page.goto(`/orgs/${ids.acme}/invitations?status=closed&q=${encodeURIComponent(email)}`);
    const again = page.getByRole("button", { name: `Invite ${email} again` }).first();
    await tabTo(page, page.getByRole("link", { name: `History of the invitation for ${email}` }).first(), again);
    await page.keyboard.press("Enter");
    await expect(page.getByRole("button", { name: "Yes, invite again" })).toBeFocused();
    await page.keyboard.press("Enter");
    await expect(page.getByText(`Invited ${email} again.`)).toBeVisible();

    // A bulk job, sent from this screen too, and reached again from the invitations page's list.
    const job = await sendBulkJob(page, `small-bulk-${run()}@example.test`);
    await page.goto(`/orgs/${ids.acme}/invitations`);
    const jobLink = page.getByRole("region", { name: "Bulk jobs" }).locator(`a[href="${job}"]`);
    await tabTo(page, page.getByRole("link", { name: "Invite people", exact: true }).last(), jobLink);
    await page.keyboard.press("Enter");
    await page.waitForURL((url) => url.pathname === job);
    await expect(page.getByRole("heading", { name: "Bulk invitation job" })).toBeVisible();
  });

  test("support's finder: each organization found can be acted for", async ({ freshSession }) => {
    const sam = await freshSession("sam");
    const desk = new SupportDesk(sam);
    await desk.find("glob");
    await expect(desk.results).toHaveCount(1);
    const act = sam.getByRole("link", { name: "Act for Globex" });
    await tabTo(sam, sam.getByRole("button", { name: "Find", exact: true }), act);
    await sam.keyboard.press("Enter");
    await expect(desk.reasonForm).toBeVisible();
  });
});

test.describe("after a submission", () => {
  test("focus moves to the invite form's summary; a slow Auth0 is said to be slow; the last attempt's errors go at once", async ({ as }) => {
    const page = await as("alice");
    const id = run();
    const form = new InviteFormPage(page);
    const summary = page.locator("#form-status");
    await form.open(ids.acme);
    await form.fill({ emails: `first-${id}@example.test, not-an-email-${id}` });
    await form.submit();
    await expect(form.results).toContainText("Invited 1 of 2 addresses.");
    await expect(summary).toBeFocused();
    await expect(form.outcome(`not-an-email-${id}`)).toContainText("Not invited — Not a valid email address");

    // Auth0 takes its time over the next invitation.
    await emulator.fault({ method: "POST", path: "/invitations$", delayMs: 6_000, count: 1 });
    await form.fill({ emails: `second-${id}@example.test` });
    await form.submit();
    const note = page.getByRole("status").filter({ hasText: STILL_WORKING });
    await expect(note).toBeVisible();
    // Still waiting: the first attempt's results, and the address it could not invite, are already gone.
    await expect(page.getByRole("button", { name: "Inviting 1 address…" })).toBeDisabled();
    expect(await summary.textContent()).toBe("");
    await expect(note).toBeVisible();
    await expectAccessible(page, "invite form, waiting for a slow Auth0");

    await expect(form.results).toContainText("Invited 1 of 1 address.");
    await expect(summary).toBeFocused();
    await expect(note).toHaveCount(0);
    await expect(form.outcome(`not-an-email-${id}`)).toHaveCount(0);
  });

  test("the note waits two seconds: not shown before, shown from then on while Auth0 has not answered", async ({ as }) => {
    const page = await as("alice");
    await page.clock.install();
    const form = new InviteFormPage(page);
    await form.open(ids.acme);
    await page.clock.pauseAt(Date.now() + 1_000);
    await emulator.fault({ method: "POST", path: "/invitations$", delayMs: 6_000, count: 1 });
    await form.fill({ emails: `timed-${run()}@example.test` });
    await form.submit();
    await expect(page.getByRole("button", { name: "Inviting 1 address…" })).toBeDisabled();
    const note = page.getByRole("status").filter({ hasText: STILL_WORKING });
    await page.clock.runFor(1_999);
    await expect(page.getByRole("button", { name: "Inviting 1 address…" })).toBeDisabled();
    await expect(note).toHaveCount(0);
    await page.clock.runFor(1);
    await expect(note).toBeVisible();
    await expect(form.results).toContainText("Invited 1 of 1 address.");
    await expect(note).toHaveCount(0);
  });

  test("the bulk form: a refusal and a preview each take focus, and the refusal goes with the next preview", async ({ as }) => {
    const page = await as("alice");
    await page.goto(`/orgs/${ids.acme}/invitations/bulk`);
    await page.getByRole("button", { name: "Preview", exact: true }).click();
    const summary = page.locator("#form-status");
    await expect(summary).toContainText("Some fields need your attention");
    await expect(summary).toBeFocused();
    await expect(page.locator("#list-error")).not.toBeEmpty();

    await page.getByLabel("Or paste addresses").fill(`bulk-focus-${run()}@example.test`);
    await page.getByRole("button", { name: "Preview", exact: true }).click();
    await expect(page.getByRole("heading", { name: "Preview", level: 2 })).toBeFocused();
    await expect(page.getByTestId("preview-counts")).toHaveText("1 to invite, 0 skipped");
    await expect(summary).toBeEmpty();
    await expect(page.locator("#list-error")).toBeEmpty();
  });

  test("revoking from the list: slow Auth0 is said to be slow, then focus goes to what happened", async ({ as }) => {
    const page = await as("alice");
    const email = `revoke-slow-${run()}@example.test`;
    const form = new InviteFormPage(page);
    await form.open(ids.acme);
    await form.fill({ emails: email });
    await form.submit();
    await expect(form.results).toContainText("Invited 1 of 1 address.");

    await page.goto(`/orgs/${ids.acme}/invitations`);
    await emulator.fault({ method: "DELETE", path: "/invitations/", delayMs: 6_000, count: 1 });
    await new InvitationsListPage(page).revoke(email);
    await expect(page.getByRole("status").filter({ hasText: STILL_WORKING })).toBeVisible();
    const done = page.getByText(`Revoked the invitation for ${email}.`);
    await expect(done).toBeVisible();
    await expect(page.getByRole("status").filter({ hasText: STILL_WORKING })).toHaveCount(0);
    await expect(done.locator("xpath=ancestor::div[@tabindex='-1'][1]")).toBeFocused();
  });
});

test("signing out says so, and stays there until asked to sign in again", async ({ freshSession }) => {
  const alice = await freshSession("alice");
  await alice.getByRole("button", { name: "Sign out" }).click();
  await alice.waitForURL((url) => url.port === String(E2E.appPort) && url.pathname === "/signed-out");
  await expect(alice.getByRole("status").filter({ hasText: "You are signed out." })).toBeVisible();
  await expect(alice).toHaveTitle(`Signed out · ${APP}`);
  await expect(alice.getByTestId("signed-in-as")).toHaveCount(0);
  await expectAccessible(alice, "signed out");
  // No automatic redirect to Auth0: once the page has nothing more to load, it is still here.
  await alice.waitForLoadState("networkidle");
  expect(new URL(alice.url()).pathname).toBe("/signed-out");

  await alice.getByRole("link", { name: "Sign in" }).click();
  // Auth0's session ended too: it asks for the password again.
  await expect(alice.getByLabel("Email address")).toBeVisible();
});
