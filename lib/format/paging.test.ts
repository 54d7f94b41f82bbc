import { describe, expect, it } from "vitest";
import { pageWindow, pagerItems } from "./paging";

describe("pageWindow", () => {
  it.each([
    [0, 25, 0, { page: 0, pages: 1, offset: 0 }],
    [27, 25, 1, { page: 1, pages: 2, offset: 25 }],
    [27, 25, Number.MAX_SAFE_INTEGER - 1, { page: 1, pages: 2, offset: 25 }],
    [50, 25, 2, { page: 1, pages: 2, offset: 25 }],
    [10, 25, -3, { page: 0, pages: 1, offset: 0 }],
  ])("%i items, %i a page, page %i → %o", (total, perPage, page, expected) => {
    expect(pageWindow(total, perPage, page)).toEqual(expected);
  });
});

describe("pagerItems", () => {
  // Written 1-based, as the pager shows them, to read like the page.
  const shown = (page: number, pages: number) => pagerItems(page - 1, pages).map((item) => (item === "gap" ? "…" : item + 1)).join(" ");

  it.each([
    [1, 1, "1"],
    [1, 2, "1 2"],
    [2, 3, "1 2 3"],
    [1, 5, "1 2 3 4 5"],
    [1, 7, "1 2 3 4 5 6 7"],
    [1, 8, "1 2 … 8"],
    [1, 10, "1 2 … 10"],
    [2, 10, "1 2 3 … 10"],
    [4, 10, "1 2 3 4 5 … 10"],
    [5, 10, "1 … 4 5 6 … 10"],
    [9, 10, "1 … 8 9 10"],
    [10, 10, "1 … 9 10"],
    [500, 1000, "1 … 499 500 501 … 1000"],
  ])("page %i of %i → %s", (page, pages, expected) => {
    expect(shown(page, pages)).toBe(expected);
  });

  it("never hides a single page behind a gap", () => {
    for (let pages = 1; pages <= 30; pages++) {
      for (let page = 0; page < pages; page++) {
        const items = pagerItems(page, pages);
        const numbers = items.filter((item) => item !== "gap");
        expect(numbers).toContain(page);
        expect(numbers).toContain(0);
        expect(numbers).toContain(pages - 1);
        items.forEach((item, i) => {
          if (item === "gap") expect((items[i + 1] as number) - (items[i - 1] as number)).toBeGreaterThan(2);
        });
        expect(items.length).toBeLessThanOrEqual(7);
      }
    }
  });

  it("clamps a page past either end to the nearest page", () => {
    expect(pagerItems(99, 3)).toEqual([0, 1, 2]);
    expect(pagerItems(-4, 3)).toEqual([0, 1, 2]);
    expect(pagerItems(0, 0)).toEqual([]);
  });
});
