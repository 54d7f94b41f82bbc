import { expect, request as playwrightRequest, type Locator, type Page, type Request } from "@playwright/test";
import { E2E } from "./addresses.ts";
import { storageStatePath, type Persona } from "./personas.ts";

/** The invite form at /orgs/{id}/invitations/new. */
export class InviteFormPage {
  constructor(readonly page: Page) {}

  async open(orgId: string) {
    await this.page.goto(`/orgs/${orgId}/invitations/new`);
    await expect(this.page.getByLabel("Email addresses")).toBeVisible();
  }

  async fill(options: {
    emails: string;
    application?: string;
    connection?: string;
    roles?: string[];
    expiry?: "1 day" | "7 days" | "30 days" | { amount: string; unit: "days" | "hours" };
    sendEmail?: boolean;
    inviterName?: string;
    replacePending?: boolean;
  }) {
    const page = this.page;
    await page.getByLabel("Email addresses").fill(options.emails);
    if (options.application) await page.getByLabel("Application").selectOption({ label: options.application });
    if (options.connection) await page.getByLabel("Connection").selectOption({ label: options.connection });
    for (const role of options.roles ?? []) await this.roles.getByLabel(role, { exact: true }).check();
    if (typeof options.expiry === "string") await this.expiry.getByLabel(options.expiry, { exact: true }).check();
    if (typeof options.expiry === "object") {
      await this.expiry.getByLabel("Custom", { exact: true }).check();
      await page.getByLabel("Custom duration").fill(options.expiry.amount);
      await page.getByLabel("Unit").selectOption(options.expiry.unit);
    }
    if (options.sendEmail === false) await page.getByLabel("Send invitation email").uncheck();
    if (options.inviterName !== undefined) await page.getByLabel("Inviter name").fill(options.inviterName);
    if (options.replacePending) await page.getByLabel("Replace pending invitations").check();
  }

  get roles() {
    return this.page.getByRole("group", { name: "Roles" });
  }
  get expiry() {
    return this.page.getByRole("group", { name: "Expires in" });
  }

  /** Sends the form through its button, which says "Create invitation links" when email is off. */
  async submit() {
    await this.page.getByRole("button", { name: /^(Send invitations|Create invitation links)$/ }).click();
  }

  /** The results list once the action answered. */
  get results() {
    return this.page.getByRole("region", { name: "Results" });
  }

  outcome(email: string) {
    return this.page.getByTestId("outcome").filter({ hasText: email });
  }

  /** The error text under a field, found through the field's aria-describedby. */
  fieldError(id: "emails" | "clientId" | "connectionId" | "roleIds" | "customAmount" | "inviterName") {
    return this.page.locator(`#${id}-error`);
  }
}

/** The invitations table at /orgs/{id}/invitations (pending ones unless a status is given). */
/**
 * How long to wait for work the app hands to its background queue (a ledger refresh, a directory fill): a
 * worker's poll, the work, and the page's poll; more than a page's own answer takes on a loaded machine.
 */
export const BACKGROUND_WORK_MS = 30_000;

/**
 * Presses "Refresh from Auth0" on a page's "as of" line (`freshness`: the invitations' or the members') and
 * waits until the page has updated itself: it renders the new "as of" only once the background's refresh has landed.
 */
export async function refreshFromAuth0(freshness: Locator) {
  const before = (await freshness.getAttribute("data-as-of")) ?? "";
  await freshness.getByRole("button", { name: "Refresh from Auth0" }).click();
  await expect(freshness).not.toHaveAttribute("data-as-of", before, { timeout: BACKGROUND_WORK_MS });
  await expect(freshness).toHaveAttribute("data-refreshing", "false", { timeout: BACKGROUND_WORK_MS });
}

export class InvitationsListPage {
  constructor(readonly page: Page) {}

  async open(orgId: string, query = "") {
    await this.page.goto(`/orgs/${orgId}/invitations${query}`);
    await expect(this.page.getByRole("table")).toBeVisible();
  }

  /** Shows one status filter, by its label ("Accepted", "Expired", …). */
  async filter(label: string) {
    await this.page.getByRole("navigation", { name: "Invitation status" }).getByRole("link", { name: new RegExp(`^${label} \\(`) }).click();
    await expect(this.page.getByRole("link", { name: new RegExp(`^${label} \\(`) })).toHaveAttribute("aria-current", "page");
  }

  status(email: string) {
    return this.row(email).getByTestId("status");
  }

  /** A row's Expires cell. */
  expires(email: string) {
    return this.row(email).locator('[data-label="Expires"]');
  }

  /** The "Renew all expired (N)" button. */
  get renewAll() {
    return this.page.getByRole("button", { name: /^Renew all expired/ });
  }

  get rows() {
    return this.page.getByTestId("invitation-row");
  }

  row(email: string) {
    return this.rows.filter({ hasText: email });
  }

  async revoke(email: string) {
    await this.page.getByRole("button", { name: `Revoke invitation for ${email}` }).click();
    await this.page.getByRole("button", { name: "Yes, revoke" }).click();
  }

  async resend(email: string) {
    await this.page.getByRole("button", { name: `Resend invitation to ${email}` }).click();
    await this.page.getByRole("button", { name: "Yes, resend" }).click();
  }

  /** The line that says how current the list is ("as of"), with the "Refresh from Auth0" button. */
  get freshness() {
    return this.page.getByTestId("ledger-freshness");
  }

  /** Presses "Refresh from Auth0" and waits until the list has updated itself with the refresh's result. */
  async refreshFromAuth0() {
    await refreshFromAuth0(this.freshness);
  }

  async search(text: string) {
    await this.page.getByLabel("Search by email").fill(text);
    await this.page.getByRole("button", { name: "Search", exact: true }).click();
    await this.page.waitForURL((url) => (url.searchParams.get("q") ?? "") === text);
  }
}

export type CapturedAction = { url: string; headers: Record<string, string>; body: string };

/**
 * Runs `trigger` and returns the server action request it made, without letting it reach the app: the
 * browser aborts it. The route is removed only after its handlers have finished, so no request is left
 * waiting on a handler that no longer exists.
 */
export async function captureUnsentServerAction(page: Page, trigger: () => Promise<unknown>): Promise<CapturedAction> {
  await page.route("**/*", (route) => (route.request().headers()["next-action"] === undefined ? route.fallback() : route.abort()));
  try {
    return await captureServerAction(page, trigger);
  } finally {
    await page.unrouteAll({ behavior: "wait" });
  }
}

/** Runs `trigger` and returns the server action request it made, to replay it as someone else. */
export async function captureServerAction(page: Page, trigger: () => Promise<unknown>): Promise<CapturedAction> {
  const captured = page.waitForRequest((request: Request) => request.method() === "POST" && Boolean(request.headers()["next-action"]));
  await trigger();
  const request = await captured;
  return { url: request.url(), headers: await request.allHeaders(), body: request.postData() ?? "" };
}

const replayHeaders = (action: CapturedAction) => ({
  "next-action": action.headers["next-action"]!,
  "content-type": action.headers["content-type"] ?? "text/plain;charset=UTF-8",
  accept: "text/x-component",
});

/** Replays a captured server action call with another persona's session (or none) and a changed body. */
export async function replayAs(persona: Persona | "anonymous", action: CapturedAction, body = action.body): Promise<string> {
  const context = await playwrightRequest.newContext({
    baseURL: E2E.appUrl,
    storageState: persona === "anonymous" ? undefined : storageStatePath(persona),
  });
  const response = await context.post(action.url, { headers: replayHeaders(action), data: body });
  const text = await response.text();
  await context.dispose();
  return text;
}

/** Replays a captured server action in the page's own session (its cookies), with a changed body. */
export async function replayInSession(page: Page, action: CapturedAction, body = action.body): Promise<string> {
  const response = await page.context().request.post(action.url, { headers: replayHeaders(action), data: body });
  return response.text();
}
