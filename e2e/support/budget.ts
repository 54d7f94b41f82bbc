// Time budgets for the tests that do much. The suite's 60 s (playwright.config.ts) fits a test of a few
// steps on a busy machine; a test that visits many pages says what it does, and gets time for each step,
// so that it holds on a loaded machine as a short test does, and a hang still ends it.
// Measured with scripts/e2e-under-load.sh (2 cores, load average 12 to 24, the app's first pages of a run
// the slowest): opening or changing a page and waiting for its state took 2 to 8 s, an accessibility scan
// 6 to 16 s (the longer on a long list), a sign-in through Auth0's page 11 to 18 s. Each figure below is
// about twice the usual one.
import { test } from "@playwright/test";

const STEP_MS = {
  /** A page opened (a new tab, a URL, a link) or changed through the server (a submission, a filter), and its state awaited. */
  pages: 10_000,
  /** An accessibility scan (expectAccessible). */
  scans: 30_000,
  /** A sign-in or sign-up through Auth0's page. */
  signIns: 35_000,
} as const;

/** Hooks, fixtures, calls to the emulator, and settling the test's browser contexts at the end. */
const OVERHEAD_MS = 20_000;

export type Work = Partial<Record<keyof typeof STEP_MS, number>> & {
  /** Time the scenario itself takes, however idle the machine: a cache time to run out, a rate limit the test set. */
  waitMs?: number;
};

/**
 * Gives the running test the time its work needs, never less than the suite's. Called first in a test that
 * visits many pages (as `test.budget`), with what it does, counted in its body.
 */
export function budget({ waitMs = 0, ...steps }: Work): void {
  const stepsMs = Object.entries(steps).reduce((sum, [step, count]) => sum + STEP_MS[step as keyof typeof STEP_MS] * count, 0);
  test.info().setTimeout(Math.max(test.info().project.timeout, OVERHEAD_MS + stepsMs + waitMs));
}
