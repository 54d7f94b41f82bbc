// A bulk job within the role ceiling: its controls are for its creator and for whoever may assign every role
// it grants, in the page and when its actions are replayed; its results carry an invitation's link only to a
// viewer who could have issued that invitation.
import { randomBytes } from "node:crypto";
import { readFile } from "node:fs/promises";
import type { Page } from "@playwright/test";
import { ActivityPage, parseCsv } from "./support/activity-page.ts";
import { emulator } from "./support/emulator.ts";
import { captureUnsentServerAction, replayAs } from "./support/invitation-pages.ts";
import { ids } from "./support/personas.ts";
import { SupportDesk } from "./support/support-desk.ts";
import { expect, test } from "./support/test.ts";

// Each person's page is opened as that person: a context made in this file would otherwise carry a default session.
test.use({ storageState: { cookies: [], origins: [] } });
test.beforeEach(async () => {
  await emulator.reset();
});

/** Alice previews and sends a list of Org Admin invitations; returns the job page's path. */
async function aliceSendsOrgAdmins(page: Page, addresses: string[], { sendEmail }: { sendEmail: boolean }) {
  await page.goto(`/orgs/${ids.acme}/invitations/bulk`);
  await page.getByLabel("Or paste addresses").fill(addresses.join("\n"));
  await page.getByRole("group", { name: "Roles" }).getByLabel("Org Admin", { exact: true }).check();
  if (!sendEmail) await page.getByLabel("Send invitation email").uncheck();
  await page.getByRole("button", { name: "Preview", exact: true }).click();
  // With email off the button says what it makes: links, not emails.
  await page.getByRole("button", { name: sendEmail ? `Send ${addresses.length} invitations` : `Create ${addresses.length} invitation links` }).click();
  await page.waitForURL((url) => /\/bulk\/[0-9a-f-]{36}$/.test(url.pathname));
  return new URL(page.url()).pathname;
}

/** Waits until no row of the job is being sent: what was in flight when it paused or ended has settled. */
async function untilNothingInFlight(page: Page, jobPath: string) {
  await expect
    .poll(async () => ((await (await page.request.get(`${jobPath}/progress`)).json()) as { counts: { sending: number } }).counts.sending, { timeout: 30_000 })
    .toBe(0);
}

const auth0Writes = async () => (await emulator.requests()).filter((r) => r.path.startsWith("/api/v2/") && r.method !== "GET");
const REFUSED = "Only its creator, Alice Admin, or someone who may assign every role it grants can pause, resume, cancel or retry this job: it grants Org Admin, which you may not assign.";

test("ivan (Inviter) may neither resume nor retry alice's job of Org Admin invitations, in the page or by replaying its actions; sam (support, acting) and alice may", async ({ as, freshSession }) => {
  // Four people, a dozen page loads and a job of twenty rows run twice: more than the default minute.
  test.setTimeout(180_000);
  const page = await as("alice");
  const run = randomBytes(4).toString("hex");
  const addresses = Array.from({ length: 20 }, (_, i) => `admin-${run}-${i}@example.test`);
  // Slow enough to pause halfway, and Auth0 refuses the first row: a failed row to retry later.
  await emulator.rateLimits({ "invitation-writes": { burst: 1, perSecond: 1 } });
  await emulator.fault({ method: "POST", path: "/invitations$", status: 400, count: 1, body: { statusCode: 400, error: "Bad Request", message: "Payload validation error", errorCode: "invalid_body" } });
  const jobPath = await aliceSendsOrgAdmins(page, addresses, { sendEmail: true });
  await expect(page.getByTestId("job-counts")).toContainText("1 failed");
  await page.getByRole("button", { name: "Pause" }).click();
  await expect(page.getByTestId("job-status")).toHaveText("Paused");
  await untilNothingInFlight(page, jobPath);
  const resume = await captureUnsentServerAction(page, () => page.getByRole("button", { name: "Resume" }).click());

  // In the page: ivan sees the controls, disabled, and why.
  const ivan = await as("ivan");
  await ivan.goto(jobPath);
  await expect(ivan.getByTestId("job-status")).toHaveText("Paused");
  await expect(ivan.getByRole("button", { name: "Resume" })).toBeDisabled();
  await expect(ivan.getByRole("button", { name: "Cancel the rest" })).toBeDisabled();
  await expect(ivan.getByRole("button", { name: "Resume" })).toHaveAccessibleDescription(REFUSED);

  // Replayed: refused, nothing reaches Auth0, the job stays paused, and the refusal is in the trail.
  await emulator.clearRequests();
  const refused = await replayAs("ivan", resume);
  expect(refused).toContain('"code":"role_not_assignable"');
  expect(refused).toContain(REFUSED);
  // Nor may bob (no inviter role), nor carol (Globex), through Acme or through her own organization.
  expect(await replayAs("bob", resume)).toContain('"code":"not_inviter"');
  expect(await replayAs("carol", resume)).toContain('"code":"not_inviter"');
  expect(await replayAs("carol", resume, resume.body.replace(ids.acme, ids.globex))).toContain('"code":"job_missing"');
  expect(await auth0Writes()).toEqual([]);
  await page.reload();
  await expect(page.getByTestId("job-status")).toHaveText("Paused");
  const trail = new ActivityPage(page);
  await trail.open(ids.acme);
  await expect(trail.rowsWith("ivan@acme.test").filter({ hasText: "tried to change a bulk job" }).first()).toContainText(`refused: ${REFUSED}`);

  // Sam, acting for Acme with a reason, may resume it; it runs to the end (its failed row stays failed).
  await emulator.rateLimits({ "invitation-writes": null });
  const sam = await freshSession("sam");
  await new SupportDesk(sam).actFor(ids.acme, "Acme", `T-${run} stuck bulk job`, jobPath);
  await sam.getByRole("button", { name: "Resume" }).click();
  await expect(sam.getByTestId("job-status")).toHaveText("Finished", { timeout: 60_000 });
  await expect(sam.getByTestId("job-counts")).toContainText("19 sent · 0 skipped · 1 failed · 0 to go, of 20");

  await page.goto(jobPath);
  const retry = await captureUnsentServerAction(page, () => page.getByRole("button", { name: "Retry the 1 failed row" }).click());
  await ivan.goto(jobPath);
  await expect(ivan.getByRole("button", { name: "Retry the 1 failed row" })).toBeDisabled();
  await emulator.clearRequests();
  expect(await replayAs("ivan", retry)).toContain('"code":"role_not_assignable"');
  expect(await auth0Writes()).toEqual([]);

  // Alice, its creator, may retry: the failed row is sent.
  await page.reload();
  await page.getByRole("button", { name: "Retry the 1 failed row" }).click();
  await expect(page.getByTestId("job-counts")).toContainText("20 sent · 0 skipped · 0 failed · 0 to go, of 20", { timeout: 30_000 });
  expect((await emulator.state()).invitations.map((i) => i.invitee.email).sort()).toEqual([...addresses].sort());
});

test("ivan finds no invitation link in the results of alice's email-off Org Admin job, nor on its pages; alice finds every link", async ({ as }) => {
  const page = await as("alice");
  const run = randomBytes(4).toString("hex");
  const addresses = Array.from({ length: 3 }, (_, i) => `link-${run}-${i}@example.test`);
  const jobPath = await aliceSendsOrgAdmins(page, addresses, { sendEmail: false });
  await expect(page.getByTestId("job-status")).toHaveText("Finished", { timeout: 30_000 });
  const invitations = (await emulator.state()).invitations;
  expect(invitations).toHaveLength(3);

  const results = async (viewer: Page) => {
    const [download] = await Promise.all([viewer.waitForEvent("download"), viewer.getByRole("link", { name: "Download results (CSV)" }).click()]);
    const text = await readFile((await download.path())!, "utf8");
    const [header, ...records] = parseCsv(text);
    const link = header!.indexOf("invitation_url");
    return { text, links: new Map(records.map((record) => [record[header!.indexOf("email")]!, record[link]!])) };
  };

  const alices = await results(page);
  for (const invitation of invitations) expect(alices.links.get(invitation.invitee.email)).toBe(invitation.invitation_url);

  const ivan = await as("ivan");
  await ivan.goto(jobPath);
  await expect(ivan.getByText("The results leave out the links of invitations that grant roles above yours.")).toBeVisible();
  const ivans = await results(ivan);
  expect([...ivans.links.keys()].sort()).toEqual([...addresses].sort());
  expect([...ivans.links.values()]).toEqual(["", "", ""]);
  await ivan.goto(`/orgs/${ids.acme}/invitations/${invitations[0]!.id}`);
  await expect(ivan.getByTestId("history-entry").first()).toBeVisible();
  const history = await ivan.content();
  await ivan.goto(jobPath);
  const jobPage = await ivan.content();
  for (const { ticket_id } of invitations) {
    expect(ivans.text).not.toContain(ticket_id);
    expect(history).not.toContain(ticket_id);
    expect(jobPage).not.toContain(ticket_id);
  }
});
