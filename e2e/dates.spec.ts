// How the app shows moments and addresses: every date a person sees is in the browser's local time, with
// UTC on hover (run here in New York, where the two differ); and a long address in a table wraps only right
// after "@", "." or "-", inside its cell. Each test counts only the rows naming its own random addresses.
import { randomBytes } from "node:crypto";
import type { Locator, Page } from "@playwright/test";
import { localText, utcText } from "../lib/format/exact-time.ts";
import { ActivityPage } from "./support/activity-page.ts";
import { emulator } from "./support/emulator.ts";
import { InvitationsListPage, InviteFormPage } from "./support/invitation-pages.ts";
import { ids, storageStatePath } from "./support/personas.ts";
import { closeSettled, expect, test } from "./support/test.ts";

const TIME_ZONE = "America/New_York";
const LOCALE = "en-US";

test.use({ storageState: storageStatePath("alice"), timezoneId: TIME_ZONE, locale: LOCALE });
test.beforeEach(async () => {
  await emulator.reset();
});

const unique = () => randomBytes(4).toString("hex");
/** ICU versions differ in the space before "AM"; the words and numbers must not. */
const spaced = (text: string) => text.replace(/\s/g, " ");

/** The exact time of each date under `scope`: the element whose text is the moment, with UTC in its title. */
const exactTimes = (scope: Locator) => scope.locator("time[title], time [title]");

/** Every exact time under `scope` reads as New York's clock, with the same moment in UTC on hover. */
async function expectLocalWithUtcOnHover(scope: Locator) {
  const times = exactTimes(scope);
  const count = await times.count();
  expect(count).toBeGreaterThan(0);
  for (let i = 0; i < count; i++) {
    const time = times.nth(i);
    const iso = await time.evaluate((element) => element.closest("time")!.getAttribute("datetime")!);
    // The server renders UTC, the browser switches to its own clock once hydrated: wait for that.
    await expect(time).toHaveText(new RegExp(`^${spaced(localText(iso, TIME_ZONE, LOCALE)).replace(/ /g, "\\s")}$`));
    await expect(time).toHaveAttribute("title", utcText(iso));
    expect(spaced((await time.textContent())!)).toMatch(/E[SD]T$/);
  }
}

async function aliceInvites(page: Page, emails: string[]) {
  const form = new InviteFormPage(page);
  await form.open(ids.acme);
  await form.fill({ emails: emails.join(", "), roles: ["Member"] });
  await form.submit();
  await expect(form.results).toContainText(`Invited ${emails.length} of ${emails.length} address`);
}

test("the invitations list, an invitation's history, Activity and bulk jobs show local time, with UTC on hover", async ({ page }) => {
  test.budget({ pages: 12, waitMs: 30_000 });
  const run = unique();
  const email = `when-${run}@example.test`;
  await aliceInvites(page, [email]);

  // Before the refresh from Auth0 below, which may record the fates of other specs' invitations: only the
  // created ones, so this invitation is on the first page however many others there are.
  const activity = new ActivityPage(page);
  await activity.open(ids.acme, "?outcome=created");
  await expect(activity.rowsWith(email)).toHaveCount(1);
  await expectLocalWithUtcOnHover(activity.rowsWith(email));

  const list = new InvitationsListPage(page);
  await list.open(ids.acme);
  await expect(list.row(email)).toHaveCount(1);
  await expectLocalWithUtcOnHover(list.row(email).locator('[data-label="Created"]'));
  await expectLocalWithUtcOnHover(list.expires(email));
  await expect(list.expires(email)).toContainText("Expires in 7 days");
  await list.refreshFromAuth0();
  await expectLocalWithUtcOnHover(list.freshness);

  await list.row(email).getByRole("link", { name: `History of the invitation for ${email}` }).click();
  await expect(page.getByRole("heading", { name: `Invitation for ${email}` })).toBeVisible();
  await expectLocalWithUtcOnHover(page.getByRole("list", { name: "History" }));

  // A bulk job of one address: its page says when it started, and the invitations page lists it.
  await page.goto(`/orgs/${ids.acme}/invitations/bulk`);
  await page.getByLabel("Or paste addresses").fill(`bulk-when-${run}@example.test`);
  await page.getByRole("button", { name: "Preview", exact: true }).click();
  await page.getByRole("button", { name: "Send 1 invitation" }).click();
  await page.waitForURL((url) => /\/bulk\/[0-9a-f-]{36}$/.test(url.pathname));
  const jobPath = new URL(page.url()).pathname;
  await expect(page.getByTestId("job-status")).toContainText("Finished", { timeout: 30_000 });
  await expectLocalWithUtcOnHover(page.getByText(/^Started by Alice Admin on/));

  await page.goto(`/orgs/${ids.acme}/invitations`);
  const job = page.getByTestId("bulk-job").filter({ has: page.locator(`a[href="${jobPath}"]`) });
  await expect(job).toHaveCount(1);
  await expectLocalWithUtcOnHover(job);
  await closeSettled(page);
});

/**
 * Where the lines of `address` break inside `cell`, found by walking the cell's text a character at a time:
 * the characters each line of the address ends with, and how far any of it reaches past the cell.
 */
function addressLines(cell: Locator, address: string) {
  return cell.evaluate((element, address) => {
    const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
    const characters: { node: Text; offset: number }[] = [];
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      for (let offset = 0; offset < node.textContent!.length; offset++) characters.push({ node: node as Text, offset });
    }
    const text = characters.map(({ node, offset }) => node.textContent![offset]).join("");
    const start = text.indexOf(address);
    if (start < 0) throw new Error(`"${address}" is not in the cell's text: ${text}`);
    const cellRect = element.getBoundingClientRect();
    const lineEnds: string[] = [];
    let overflow = 0;
    let lineTop: number | undefined;
    for (let i = start; i < start + address.length; i++) {
      const range = document.createRange();
      range.setStart(characters[i]!.node, characters[i]!.offset);
      range.setEnd(characters[i]!.node, characters[i]!.offset + 1);
      const rect = range.getClientRects()[0]!;
      if (lineTop !== undefined && rect.top > lineTop + rect.height / 2) lineEnds.push(text[i - 1]!);
      lineTop = rect.top;
      overflow = Math.max(overflow, rect.right - cellRect.right, cellRect.left - rect.left);
    }
    return { lineEnds, overflow, scrolls: element.scrollWidth > element.clientWidth };
  }, address);
}

async function expectWrappedAtSensiblePoints(cell: Locator, address: string) {
  const { lineEnds, overflow, scrolls } = await addressLines(cell, address);
  expect(lineEnds.length, "the address is long enough to wrap at 1280 px").toBeGreaterThan(0);
  expect(lineEnds.filter((end) => !["@", ".", "-"].includes(end)), `lines of the address end with ${JSON.stringify(lineEnds)}`).toEqual([]);
  expect(overflow).toBeLessThanOrEqual(0.5);
  expect(scrolls).toBe(false);
}

test.describe("at 1280 × 800", () => {
  test.use({ viewport: { width: 1280, height: 800 } });

  test("a long address wraps only after @, . or -, inside its cell: invitations, Activity and the bulk preview (which says until when it is invited already)", async ({ page }) => {
    test.budget({ pages: 7 });
    const address = `a.very.long.name.for.testing.wrapping.${unique()}@subdomain.engineering.example-corporation.test`;
    await aliceInvites(page, [address]);

    const list = new InvitationsListPage(page);
    await list.open(ids.acme);
    await expect(list.row(address)).toHaveCount(1);
    await expectWrappedAtSensiblePoints(list.row(address).getByTestId("invitation-email"), address);

    const activity = new ActivityPage(page);
    await activity.open(ids.acme, "?outcome=created");
    await expect(activity.rowsWith(address)).toHaveCount(1);
    await expectWrappedAtSensiblePoints(activity.rowsWith(address).locator("td").nth(1), address);

    // The preview only reads: nothing is sent. The address is invited already: the row says until when, in local time.
    await page.goto(`/orgs/${ids.acme}/invitations/bulk`);
    await page.getByLabel("Or paste addresses").fill(address);
    await page.getByRole("button", { name: "Preview", exact: true }).click();
    const row = page.getByTestId("preview-row").filter({ hasText: address });
    await expect(row).toHaveCount(1);
    await expectWrappedAtSensiblePoints(row.locator("td").nth(1), address);
    await expect(row).toContainText("Skipped: Already has a pending invitation.");
    await expectLocalWithUtcOnHover(row.getByText(/^The pending invitation expires/));
  });
});
