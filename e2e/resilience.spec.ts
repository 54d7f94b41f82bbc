// Auth0 saying no, or "slow down": the person sees what to do, next to the field it concerns.
import { emulator } from "./support/emulator.ts";
import { InviteFormPage } from "./support/invitation-pages.ts";
import { ids, storageStatePath } from "./support/personas.ts";
import { expect, test } from "./support/test.ts";

test.use({ storageState: storageStatePath("alice") });
test.beforeEach(async () => {
  await emulator.reset();
});

const invalidBody = (message: string) => ({ statusCode: 400, error: "Bad Request", message, errorCode: "invalid_body" });

test("an invalid_body about the connection shows under Connection", async ({ page }) => {
  const form = new InviteFormPage(page);
  await form.open(ids.acme);
  // The connection was deleted in Auth0 after the form was loaded.
  await emulator.fault({ method: "POST", path: "/invitations$", status: 400, count: 1, body: invalidBody("The specified connection does not exist.") });
  await form.fill({ emails: "someone@example.test", connection: "google-oauth2" });
  await form.submit();
  await expect(form.fieldError("connectionId")).toContainText("This connection no longer exists in Auth0");
  await expect(form.outcome("someone@example.test")).toContainText("Not invited");
  await expect(form.fieldError("emails")).toBeEmpty();
  expect((await emulator.state()).invitations).toHaveLength(0);
});

test("an invalid_body about roles shows under Roles", async ({ page }) => {
  const form = new InviteFormPage(page);
  await form.open(ids.acme);
  await emulator.fault({
    method: "POST", path: "/invitations$", status: 400, count: 1,
    body: invalidBody(`One or more of the specified roles do not exist: ${ids.role("Billing")}`),
  });
  await form.fill({ emails: "someone@example.test", roles: ["Billing"] });
  await form.submit();
  await expect(form.fieldError("roleIds")).toContainText("These roles no longer exist in Auth0");
});

test("a missing scope is explained as the administrator's to fix", async ({ page }) => {
  const form = new InviteFormPage(page);
  await form.open(ids.acme);
  await emulator.fault({
    method: "POST", path: "/invitations$", status: 403, count: 1,
    body: { statusCode: 403, error: "Forbidden", message: "Insufficient scope; expected any of: create:organization_invitations.", errorCode: "insufficient_scope" },
  });
  await form.fill({ emails: "someone@example.test" });
  await form.submit();
  await expect(form.outcome("someone@example.test")).toContainText(
    /this app's machine-to-machine application lacks create:organization_invitations — ask your Auth0 administrator/i,
  );
});

test("a burst of 429s is ridden out, honouring X-RateLimit-Reset", async ({ page }) => {
  const form = new InviteFormPage(page);
  await form.open(ids.acme);
  await emulator.clearRequests();
  const reset = String(Math.ceil(Date.now() / 1000) + 1);
  await emulator.fault({
    method: "POST", path: "/invitations$", status: 429, count: 2,
    headers: { "x-ratelimit-limit": "20", "x-ratelimit-remaining": "0", "x-ratelimit-reset": reset },
  });
  await form.fill({ emails: "patient@example.test" });
  await form.submit();
  await expect(form.results).toContainText("Invited 1 of 1 address.", { timeout: 30_000 });
  const posts = (await emulator.requests()).filter((r) => r.method === "POST" && r.path.endsWith("/invitations"));
  expect(posts.map((r) => r.status)).toEqual([429, 429, 201]);
  expect((await emulator.state()).invitations).toHaveLength(1);
});

test("when retries run out the 429 is reported, and nothing else is claimed", async ({ page }) => {
  const form = new InviteFormPage(page);
  await form.open(ids.acme);
  await emulator.fault({ method: "POST", path: "/invitations$", status: 429, count: 10, headers: { "x-ratelimit-reset": String(Math.ceil(Date.now() / 1000)) } });
  await form.fill({ emails: "unlucky@example.test" });
  await form.submit();
  await expect(form.outcome("unlucky@example.test")).toContainText("rate limit was reached", { timeout: 30_000 });
  await expect(form.results).toContainText("Invited 0 of 1 address.");
  await page.goto(`/orgs/${ids.acme}/activity`);
  await expect(page.getByTestId("activity-row").first()).toContainText("failed");
});
