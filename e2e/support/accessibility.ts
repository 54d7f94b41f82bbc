import { AxeBuilder } from "@axe-core/playwright";
import { expect, type Page } from "@playwright/test";

type Violation = Awaited<ReturnType<AxeBuilder["analyze"]>>["violations"][number];

/**
 * Runs axe-core on the page as it is now, with its default rules (WCAG 2.0 and 2.1 A and AA, and best
 * practices; AAA, WCAG 2.2's target size and experimental rules are off by default), and fails with what to
 * fix: each violated rule with its impact, the selectors of the elements that break it, why, and where the
 * rule is explained.
 * `state` names what the page shows, so a failure says which of the checks broke. Nothing is excluded.
 */
export async function expectAccessible(page: Page, state: string): Promise<void> {
  // Next streams a page's metadata after its body: after a client-side refresh the new <title> can arrive a
  // moment after the content the test waited for. Check the page once it has its title.
  await expect(page, `${state}: the page's title`).toHaveTitle(/\S/);
  const { violations } = await new AxeBuilder({ page }).analyze();
  expect(violations.map(describeViolation), `${state} (${page.url()}): accessibility violations`).toEqual([]);
}

/** One violated rule in a few lines, e.g. "color-contrast (serious): … — at nav > span: Element has …". */
function describeViolation(violation: Violation): string {
  const nodes = violation.nodes.map((node) => {
    const target = node.target.map((selector) => (Array.isArray(selector) ? selector.join(" >>> ") : selector)).join(" in ");
    const why = (node.failureSummary ?? "").replace(/\s*\n\s*/g, " ");
    return `\n    at ${target}: ${why}`;
  });
  return `${violation.id} (${violation.impact ?? "no impact given"}): ${violation.help} — ${violation.helpUrl}${nodes.join("")}`;
}
