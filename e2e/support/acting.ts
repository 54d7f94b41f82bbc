import { expect, type Page } from "@playwright/test";

/**
 * Support staff open an organization page, give their reason on the form it asks for (once per organization
 * and session), and are taken back to the page with the banner showing what they act for and why.
 */
export async function actFor(page: Page, path: string, displayName: string, reason: string) {
  await page.goto(path);
  await expect(page.getByRole("heading", { name: `Act for ${displayName} as support` })).toBeVisible();
  await page.getByLabel("Reason", { exact: true }).fill(reason);
  await page.getByRole("button", { name: `Act for ${displayName}` }).click();
  await expect(page.getByTestId("acting-banner").filter({ hasText: `Acting for ${displayName} as support — reason: ${reason}` })).toBeVisible();
  await page.waitForURL((url) => url.pathname === path);
}
