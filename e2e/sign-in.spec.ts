import { E2E } from "./support/addresses.ts";
import { emulator, managementApi, withoutCacheRefills, type EmulatedInvitation } from "./support/emulator.ts";
import { ids, PASSWORD, signIn, storageStatePath, submitLoginPage } from "./support/personas.ts";
import { expect, test } from "./support/test.ts";

test.beforeEach(async () => {
  await emulator.reset();
});

test.describe("a signed-in org admin", () => {
  test.use({ storageState: storageStatePath("alice") });

  test("sees the organizations she can invite into", async ({ page }) => {
    await page.goto("/");
    await expect(page.getByRole("heading", { name: "Organizations you can invite into" })).toBeVisible();
    const list = page.getByRole("list", { name: "Organizations" });
    await expect(list.getByRole("listitem")).toHaveCount(1);
    await expect(list).toContainText("Acme Corp");
    await expect(page.getByRole("link", { name: "Manage invitations for Acme Corp" })).toHaveAttribute(
      "href",
      `/orgs/${ids.acme}/invitations`,
    );
  });
});

test("dave sees only the organization where he is an inviter, without a roles read per membership each visit", async ({ as }) => {
  const page = await as("dave");
  await page.goto("/");
  const list = page.getByRole("list", { name: "Organizations" });
  await expect(list).toContainText("Globex");
  await expect(list).not.toContainText("Acme Corp");
  await expect(page.getByTestId("not-allowed")).toHaveCount(0);

  // What the first visit (or the gate) found is remembered for a while: the next visit reads his
  // memberships and tenant roles, not his roles in each organization.
  await emulator.clearRequests();
  await page.reload();
  await expect(list).toContainText("Globex");
  await expect(list).not.toContainText("Acme Corp");
  const paths = withoutCacheRefills(await emulator.requests());
  expect(paths.filter((path) => /\/organizations\/[^/]+\/members\/[^/]+\/roles$/.test(path))).toEqual([]);
  expect(paths.sort()).toEqual([`/api/v2/users/${encodeURIComponent(ids.user("dave@multi.test"))}/organizations`, `/api/v2/users/${encodeURIComponent(ids.user("dave@multi.test"))}/roles`].sort());
});

test("eve, in no organization, is told why she cannot invite and what she can do, not to ask an administrator she does not have", async ({ as }) => {
  const page = await as("eve");
  await page.goto("/");
  await expect(page.getByRole("heading", { name: "You cannot invite anyone yet" })).toBeVisible();
  const notAllowed = page.getByTestId("not-allowed");
  await expect(notAllowed).toContainText("You are signed in as eve@outside.test, which is not a member of any organization here");
  await expect(notAllowed).toContainText("open the link in your invitation email");
  await expect(notAllowed).not.toContainText("Ask an administrator of your organization");
  await expect(notAllowed.getByRole("button", { name: "Sign out to use another account" })).toBeVisible();
});

test("bob, a plain member, is told which role he lacks", async ({ as }) => {
  const page = await as("bob");
  await page.goto("/");
  await expect(page.getByTestId("not-allowed")).toContainText("You are a member of Acme Corp, but you do not hold an inviter role");
});

test("an anonymous visitor is sent to sign-in", async ({ page }) => {
  await page.goto("/");
  await expect(page.getByRole("heading", { name: "Log in" })).toBeVisible();
  expect(new URL(page.url()).port).toBe(String(E2E.emulator.signInPort));
});

test("sign-out ends the app session and the Auth0 session", async ({ page }) => {
  await signIn(page, "alice");
  await expect(page.getByTestId("signed-in-as")).toContainText("alice@acme.test");
  await page.getByRole("button", { name: "Sign out" }).click();
  // Through Auth0's logout back to the app, which says so; signing in again, Auth0 asks for credentials
  // instead of signing in silently (its session ended too).
  await page.waitForURL((url) => url.port === String(E2E.appPort) && url.pathname === "/signed-out", { timeout: 20_000 });
  await expect(page.getByText("You are signed out.")).toBeVisible();
  await page.getByRole("link", { name: "Sign in" }).click();
  await page.waitForURL((url) => url.port === String(E2E.emulator.signInPort) && url.pathname.startsWith("/u/login/"));
  await expect(page.getByRole("heading", { name: "Log in" })).toBeVisible();
  await page.goto("/");
  await expect(page.getByRole("heading", { name: "Log in" })).toBeVisible();
  await expect(page.getByTestId("signed-in-as")).toHaveCount(0);
});

test("an invitee follows the invitation link through /login and lands in the organization", async ({ page }) => {
  const created = await managementApi<EmulatedInvitation>("POST", `/organizations/${ids.acme}/invitations`, {
    inviter: { name: "Alice Admin" },
    invitee: { email: "newcomer@example.test" },
    client_id: ids.client("Org Inviter Admin"),
    roles: [ids.role("Inviter")],
  });
  expect(created.status).toBe(201);
  const link = new URL(created.body.invitation_url);
  expect(link.pathname).toBe("/login");

  const authorizeRequest = page.waitForRequest((request) => new URL(request.url()).pathname === "/authorize");
  await page.goto(created.body.invitation_url);
  const forwarded = new URL((await authorizeRequest).url()).searchParams;
  expect(forwarded.get("invitation")).toBe(link.searchParams.get("invitation"));
  expect(forwarded.get("organization")).toBe(ids.acme);
  expect(forwarded.get("organization_name")).toBe("acme");
  await expect(page.getByRole("heading", { name: "Accept your invitation" })).toBeVisible();
  await expect(page.getByText("Alice Admin invited you to join Acme Corp")).toBeVisible();
  await expect(page.getByLabel("Email address")).toHaveValue("newcomer@example.test");
  await submitLoginPage(page, "newcomer@example.test", "a-new-password");

  await page.waitForURL((url) => url.port === String(E2E.appPort) && url.pathname === "/");
  await expect(page.getByTestId("signed-in-org")).toContainText("Acme Corp");
  await expect(page.getByRole("list", { name: "Organizations" })).toContainText("Acme Corp");

  const state = await emulator.state();
  const newcomer = state.users.find((u) => u.email === "newcomer@example.test")!;
  const acme = state.organizations.find((o) => o.id === ids.acme)!;
  expect(acme.members.find((m) => m.user_id === newcomer.user_id)?.roles).toEqual([ids.role("Inviter")]);
  expect(state.invitations.find((i) => i.id === created.body.id)).toBeUndefined();
  expect(PASSWORD).not.toBe("a-new-password");
});
