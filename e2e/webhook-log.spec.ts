// The webhook delivery log at the support desk: sam finds it from the desk, sees a delivery of his own test's
// invitation given up on (the suite's endpoint listens nowhere: playwright.config.ts), marked at a glance,
// filters by status and organization through the URL, and downloads the same rows as CSV. Alice, an Org Admin,
// is refused the page and its download.
import { randomBytes } from "node:crypto";
import { parseCsv } from "./support/activity-page.ts";
import { emulator } from "./support/emulator.ts";
import { InviteFormPage } from "./support/invitation-pages.ts";
import { ids } from "./support/personas.ts";
import { expect, test } from "./support/test.ts";

test("sam sees a given-up delivery at a glance, filters the log and downloads it; alice is refused", async ({ as }) => {
  test.budget({ pages: 8, waitMs: 15_000 });
  const email = `hooked-${randomBytes(4).toString("hex")}@example.test`;
  const alice = await as("alice");
  const form = new InviteFormPage(alice);
  await form.open(ids.acme);
  await form.fill({ emails: email, roles: ["Member"] });
  await form.submit();
  await expect(form.results).toContainText("Invited 1 of 1 address");
  const invitation = (await emulator.state()).invitations.find((candidate) => candidate.invitee.email === email);
  expect(invitation).toBeDefined();

  const sam = await as("sam");
  await sam.goto("/support");
  await sam.getByRole("link", { name: "Webhook deliveries", exact: true }).click();
  await expect(sam.getByRole("heading", { name: "Webhook deliveries", level: 1 })).toBeVisible();
  await sam.getByLabel("Organization id").fill(ids.acme);
  await sam.getByLabel("Status").selectOption({ label: "Given up" });
  await sam.getByRole("button", { name: "Filter" }).click();
  await expect(sam).toHaveURL(new RegExp(`status=given_up`));
  await expect(sam).toHaveURL(new RegExp(`organization=${ids.acme}`));

  // Given up once its (seconds-long) time is over: the page shows it after a reload.
  const row = sam.getByTestId("webhook-delivery").filter({ hasText: invitation!.id });
  await expect(async () => {
    await sam.reload();
    await expect(row).toBeVisible({ timeout: 1000 });
  }).toPass({ timeout: 20_000 });
  await expect(row).toContainText("Given up");
  await expect(row).toContainText("invitation.created");
  await expect(row).toContainText("http://127.0.0.1:9/hooks");
  await expect(row).toContainText("ECONNREFUSED");
  await expect(sam.getByRole("main").getByRole("alert")).toContainText("given up on");
  await expect(sam.getByRole("main")).not.toContainText("whsec_");

  const csv = await sam.request.get(`/support/webhooks/export?status=given_up&organization=${ids.acme}`);
  expect(csv.status()).toBe(200);
  const [headings, ...records] = parseCsv(await csv.text());
  const mine = records.filter((record) => record[headings!.indexOf("subject_id")] === invitation!.id);
  expect(mine).toHaveLength(1);
  expect(mine[0]![headings!.indexOf("status")]).toBe("Given up");
  expect(records.every((record) => record[headings!.indexOf("status")] === "Given up" && record[headings!.indexOf("organization_id")] === ids.acme)).toBe(true);

  const refused = await alice.goto("/support/webhooks");
  expect(refused?.status()).toBe(403);
  await expect(alice.getByRole("heading", { name: "You cannot see the webhook deliveries" })).toBeVisible();
  expect((await alice.request.get("/support/webhooks/export")).status()).toBe(403);
});
