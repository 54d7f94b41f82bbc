import { expect, type Page } from "@playwright/test";
import { BACKGROUND_WORK_MS } from "./invitation-pages.ts";

/** Support staff's side: saying why they act for an organization, the banner, and stopping. */
export class SupportDesk {
  constructor(readonly page: Page) {}

  /**
   * Searches the finder at /support as a person would: types, submits, waits for the results. The first
   * search of a directory never filled asks the background to fill it and says so; as a person would, this
   * searches again until the directory is filled.
   */
  async find(text: string) {
    if (new URL(this.page.url()).pathname !== "/support") await this.page.goto("/support");
    await this.page.getByLabel("Name, id, member's email or email domain").fill(text);
    await this.page.getByRole("button", { name: "Find", exact: true }).click();
    await this.page.waitForURL((url) => url.pathname === "/support" && url.searchParams.get("q") === text);
    await expect(this.page.getByTestId("finder-summary")).toBeVisible();
    await expect(async () => {
      if (await this.directoryFilling.isVisible()) await this.page.reload();
      await expect(this.directoryFilling).toHaveCount(0, { timeout: 1_000 });
    }).toPass({ timeout: BACKGROUND_WORK_MS });
    await expect(this.page.getByTestId("finder-summary")).toBeVisible();
  }

  /** What the finder says while the directory is being filled in the background. */
  get directoryFilling() {
    return this.page.getByTestId("finder-summary").getByText("still being filled");
  }

  get results() {
    return this.page.getByTestId("finder-row");
  }

  result(displayName: string) {
    return this.results.filter({ has: this.page.getByRole("cell", { name: displayName, exact: true }) });
  }

  /** The form that asks support staff for their reason on entering an organization. */
  get reasonForm() {
    return this.page.getByTestId("start-acting");
  }

  /** Opens a page of the organization and gives the reason when asked; waits for the banner. */
  async actFor(orgId: string, organizationName: string, reason: string, path = `/orgs/${orgId}/invitations`) {
    await this.page.goto(path);
    await this.giveReason(organizationName, reason);
    await expect(this.banner(organizationName)).toContainText(`reason: ${reason}`);
    await this.page.waitForURL((url) => url.pathname === path);
  }

  async giveReason(organizationName: string, reason: string) {
    await this.reasonForm.getByLabel("Reason").fill(reason);
    await this.reasonForm.getByRole("button", { name: `Act for ${organizationName}` }).click();
  }

  banner(organizationName: string) {
    return this.page.getByRole("region", { name: `Acting for ${organizationName}` });
  }

  async stopActing(organizationName: string) {
    await this.banner(organizationName).getByRole("button", { name: "Stop acting" }).click();
    await expect(this.banner(organizationName)).toHaveCount(0);
  }
}
