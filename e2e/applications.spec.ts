// Each organization invites into its own applications, as Auth0 metadata says (seed.json): Acme Portal's
// client_metadata names Acme, Globex Hub's names Globex; Initech's and Acme's own metadata name applications;
// Umbrella has none. The admin app itself is never a target.
import { randomUUID } from "node:crypto";
import type { Page } from "@playwright/test";
import { emulator } from "./support/emulator.ts";
import { captureUnsentServerAction, InviteFormPage, replayInSession } from "./support/invitation-pages.ts";
import { ids } from "./support/personas.ts";
import { SupportDesk } from "./support/support-desk.ts";
import { expect, test } from "./support/test.ts";

test.beforeEach(async () => {
  await emulator.reset();
});

const applicationSelect = (page: Page) => page.getByLabel("Application");
const offered = async (page: Page) => (await applicationSelect(page).locator("option").allTextContents()).map((text) => text.trim());

test("carol (Globex's admin) is offered Globex's application only, not Acme Portal", async ({ as }) => {
  const carol = await as("carol");
  await new InviteFormPage(carol).open(ids.globex);
  expect(await offered(carol)).toEqual(["Globex Hub"]);
  await expect(applicationSelect(carol)).toHaveValue(ids.client("Globex Hub"));
});

test("alice (Acme's admin) starts with Acme Portal, and is offered neither the admin app nor Globex's", async ({ as }) => {
  const alice = await as("alice");
  await new InviteFormPage(alice).open(ids.acme);
  await expect(applicationSelect(alice)).toHaveValue(ids.client("Acme Portal"));
  // Acme Portal names Acme in its client_metadata; Acme's own metadata names No Login Route App, shown as not available.
  expect(await offered(alice)).toEqual(["Acme Portal", "No Login Route App (not available)"]);
});

test("an application without a login route is shown as not available, with what to set, and the server refuses it", async ({ as }) => {
  const alice = await as("alice");
  const form = new InviteFormPage(alice);
  await form.open(ids.acme);
  await expect(applicationSelect(alice).locator("option", { hasText: "No Login Route App" })).toBeDisabled();
  await expect(alice.getByTestId("unavailable-application")).toHaveText(
    "No Login Route App is not available. This application has no login route: set Application Login URI in its settings in the Auth0 Dashboard, or choose another application.",
  );
  await expect(applicationSelect(alice)).toHaveAccessibleDescription(/No Login Route App is not available/);

  // A request naming it anyway (the option is disabled, not gone from the server's concern) is refused under
  // the field, before Auth0 is asked.
  const email = `no.route.${randomUUID().slice(0, 8)}@example.test`;
  await form.fill({ emails: email });
  const action = await captureUnsentServerAction(alice, () => form.submit());
  await emulator.clearRequests();
  const answer = await replayInSession(alice, action, action.body.replace(ids.client("Acme Portal"), ids.client("No Login Route App")));
  expect(answer).toContain("This application has no login route: set Application Login URI");
  expect((await emulator.requests()).filter((r) => r.method === "POST" && r.path.includes("/invitations"))).toHaveLength(0);
  expect((await emulator.state()).invitations).toHaveLength(0);
});

test("sam (support) is offered Initech's application, named in Initech's own metadata", async ({ freshSession }) => {
  const sam = await freshSession("sam");
  await new SupportDesk(sam).actFor(ids.initech, "Initech", "T-2024 applications check", `/orgs/${ids.initech}/invitations/new`);
  expect(await offered(sam)).toEqual(["Initech Intranet"]);
  await expect(applicationSelect(sam)).toHaveValue(ids.client("Initech Intranet"));
});

test("an organization without an application says what to configure, and offers no form", async ({ freshSession }) => {
  const sam = await freshSession("sam");
  await new SupportDesk(sam).actFor(ids.umbrella, "Umbrella", "T-2025 set-up check", `/orgs/${ids.umbrella}/invitations/new`);
  const notice = sam.getByTestId("no-applications");
  await expect(notice.getByRole("heading", { name: "No application is open to invitations for Umbrella" })).toBeVisible();
  for (const setting of ["inviter_organizations", ids.umbrella, "umbrella", "*", "inviter_applications", "ALLOWED_CLIENT_IDS"]) {
    await expect(notice.locator("code", { hasText: setting }).first()).toBeVisible();
  }
  await expect(sam.getByLabel("Email addresses")).toHaveCount(0);
  await expect(sam.getByRole("button", { name: "Send invitations" })).toHaveCount(0);
});
