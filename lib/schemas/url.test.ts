import { describe, expect, it } from "vitest";
import { pageNumberSchema, single } from "./url";

describe("page numbers in URLs", () => {
  it.each([
    ["1", 0],
    ["40", 39],
    ["99999999999999999999", Number.MAX_SAFE_INTEGER - 1],
    ["0", 0],
    ["-1", 0],
    ["1.5", 0],
    ["two", 0],
    [undefined, 0],
  ])("page %j is index %j (past the end is clamped to the last page by the reader, never an error)", (page, index) => {
    expect(pageNumberSchema.parse(page)).toBe(index);
  });

  it("takes the first of repeated parameters", () => {
    expect(single(["2", "3"])).toBe("2");
    expect(single(undefined)).toBeUndefined();
  });
});
