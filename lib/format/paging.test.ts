import { describe, expect, it } from "vitest";
import { pageWindow } from "./paging";

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
