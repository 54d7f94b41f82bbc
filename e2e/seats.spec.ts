// Seats, as an operator sets them in Acme's Auth0 metadata: with 2 seats left, the Policy page shows the count,
// a bulk list of 5 sends 2 and skips 3 with the seat's reason and how many, and the Policy page then shows every
// seat used. The seats in use are read first (the ledger brought up to date with Auth0 by "Refresh from Auth0",
// since earlier specs may have left pending invitations in it), and the limit set 2 above them. The app caches an
// organization's details (and so its metadata) for 30 s: the spec waits for the Policy page to show the limit,
// and again after restoring the seed's metadata, so no later spec meets Acme's limit.
import { randomBytes } from "node:crypto";
import type { Browser, Page } from "@playwright/test";
import { emulator } from "./support/emulator.ts";
import { InvitationsListPage } from "./support/invitation-pages.ts";
import { ids, storageStatePath } from "./support/personas.ts";
import { expect, test } from "./support/test.ts";

const CACHE_WAIT_MS = 50_000;
const run = randomBytes(4).toString("hex");
const policyPath = `/orgs/${ids.acme}/policy`;

test.use({ storageState: storageStatePath("alice") });
test.describe.configure({ mode: "serial" });

const seatsLine = (page: Page) => page.getByTestId("seats-line");

/** Reloads the Policy page until its seats line matches (the app's organization cache expired). */
async function waitForSeats(page: Page, text: string | RegExp) {
  await expect(async () => {
    await page.goto(policyPath);
    await expect(seatsLine(page)).toHaveText(text, { timeout: 1_000 });
  }).toPass({ timeout: CACHE_WAIT_MS, intervals: [3_000] });
}

async function asAlice(browser: Browser, work: (page: Page) => Promise<void>) {
  const context = await browser.newContext({ storageState: storageStatePath("alice") });
  try {
    await work(await context.newPage());
  } finally {
    await context.close();
  }
}

let used = 0;
let members = 0;

test.beforeAll(async ({ browser }) => {
  test.setTimeout(CACHE_WAIT_MS + 60_000);
  await emulator.reset();
  await asAlice(browser, async (page) => {
    // The ledger as Auth0 has it now, so that the pending invitations it counts are Acme's real ones.
    await page.goto(`/orgs/${ids.acme}/invitations`);
    await new InvitationsListPage(page).refreshFromAuth0();
    await waitForSeats(page, /^Seats: \d+ used \(\d+ members? \+ \d+ pending\), no limit$/);
    const [, total, memberCount] = /^Seats: (\d+) used \((\d+) members?/.exec((await seatsLine(page).textContent()) ?? "")!;
    used = Number(total);
    members = Number(memberCount);
    await emulator.organizationMetadata(ids.acme, { invite_seats: String(used + 2) });
    await waitForSeats(page, new RegExp(`^Seats: ${used} of ${used + 2} used `));
  });
});

test.afterAll(async ({ browser }) => {
  test.setTimeout(CACHE_WAIT_MS + 30_000);
  await emulator.reset();
  await asAlice(browser, (page) => waitForSeats(page, /no limit$/));
});

test("with 2 seats left, a bulk list of 5 sends 2 and skips 3 with the seat's reason; the Policy page counts the seats before and after", async ({ page }) => {
  const pending = used - members;
  await page.goto(policyPath);
  await expect(seatsLine(page)).toHaveText(`Seats: ${used} of ${used + 2} used (${members} members + ${pending} pending)`);
  await expect(page.getByTestId("policy-seats").locator("th, td")).toHaveText(["Seats (members and pending invitations)", String(used + 2), "organization metadata", "invite_seats"]);

  const addresses = Array.from({ length: 5 }, (_, i) => `seat-${run}-${i}@example.test`);
  await page.goto(`/orgs/${ids.acme}/invitations/bulk`);
  await page.getByLabel("Or paste addresses").fill(addresses.join("\n"));
  await page.getByRole("button", { name: "Preview", exact: true }).click();
  await expect(page.getByTestId("preview-counts")).toHaveText("2 to invite, 3 skipped");
  const reason = `3 rows skipped: only 2 seats left, with ${used} of ${used + 2} used (${members} members + ${pending} pending) under the organization's seat limit. Revoke a pending invitation, or ask an operator for more seats.`;
  const skipped = page.locator('[data-testid="preview-row"][data-state="skipped"]');
  await expect(skipped).toHaveCount(3);
  for (const [i, row] of (await skipped.all()).entries()) {
    await expect(row.locator("td").nth(1)).toHaveText(addresses[i + 2]!);
    await expect(row.locator("td").last()).toHaveText(`Skipped: ${reason}`);
  }

  await page.getByRole("button", { name: "Send 2 invitations" }).click();
  await page.waitForURL((url) => /^\/orgs\/[^/]+\/invitations\/bulk\/[0-9a-f-]{36}$/.test(url.pathname));
  await expect(page.getByTestId("job-counts")).toContainText("2 sent · 3 skipped · 0 failed · 0 to go, of 5", { timeout: 60_000 });
  expect((await emulator.state()).invitations.map((invitation) => invitation.invitee.email).sort()).toEqual(addresses.slice(0, 2));

  await page.goto(policyPath);
  await expect(seatsLine(page)).toHaveText(`Seats: ${used + 2} of ${used + 2} used (${members} members + ${pending + 2} pending)`);
});
