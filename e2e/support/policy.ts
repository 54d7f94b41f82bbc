import type { Browser, Page } from "@playwright/test";
import { expect } from "@playwright/test";
import { emulator } from "./emulator.ts";
import { ids, storageStatePath, type Persona } from "./personas.ts";
import { test } from "./test.ts";

// Specs that set Acme's delegation policy in the emulator's metadata: the app caches an organization's details
// (and so its metadata) for 30 s, so a spec waits for the Policy page to show the change, at its start and again
// after restoring the seed's metadata, so no later spec meets Acme's policy.

export const POLICY_CACHE_WAIT_MS = 50_000;
const policyPath = `/orgs/${ids.acme}/policy`;

/** Reloads Acme's Policy page until the allowed domains' source reads `source` (the app's organization cache expired). */
export async function waitForPolicySource(page: Page, source: string) {
  await expect(async () => {
    await page.goto(policyPath);
    await expect(page.getByTestId("policy-domains").locator("td").nth(1)).toHaveText(source, { timeout: 1_000 });
  }).toPass({ timeout: POLICY_CACHE_WAIT_MS, intervals: [3_000] });
}

/** Runs `work` in a page of its own signed in as `persona`, closed afterwards. */
export async function asPersona(browser: Browser, persona: Persona, work: (page: Page) => Promise<void>) {
  const context = await browser.newContext({ storageState: storageStatePath(persona) });
  try {
    await work(await context.newPage());
  } finally {
    await context.close();
  }
}

/**
 * Gives Acme this delegation policy in its metadata for the spec's tests (from a reset emulator), and the seed's
 * back afterwards, waiting each time until the app shows it. For a serial spec's top level.
 */
export function withAcmePolicy(metadata: Record<string, string>) {
  test.beforeAll(async ({ browser }) => {
    test.setTimeout(POLICY_CACHE_WAIT_MS + 30_000);
    await emulator.reset();
    await emulator.organizationMetadata(ids.acme, metadata);
    await asPersona(browser, "ivan", (page) => waitForPolicySource(page, "organization metadata"));
  });

  test.afterAll(async ({ browser }) => {
    test.setTimeout(POLICY_CACHE_WAIT_MS + 30_000);
    await emulator.reset();
    await asPersona(browser, "ivan", (page) => waitForPolicySource(page, "none"));
  });
}
