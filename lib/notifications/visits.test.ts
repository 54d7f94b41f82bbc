import { describe, expect, it } from "vitest";
import { VISIT_GAP_MS, visitBoundary } from "./visits";

const at = (minutes: number) => new Date(Date.UTC(2026, 11, 5, 12, 0) + minutes * 60_000);

describe("visitBoundary", () => {
  it("shows everything recent before a second visit", () => {
    expect(visitBoundary(undefined, at(0))).toBeNull();
  });
  it("keeps the boundary within a visit, so a reload does not empty the list", () => {
    expect(visitBoundary({ seenUntil: at(-120), lastActiveAt: at(-5) }, at(0))).toEqual(at(-120));
    expect(visitBoundary({ seenUntil: null, lastActiveAt: at(-5) }, at(0))).toBeNull();
  });
  it("starts a new visit after the gap, from the previous visit's last view", () => {
    expect(visitBoundary({ seenUntil: at(-600), lastActiveAt: at(-45) }, at(0))).toEqual(at(-45));
    expect(visitBoundary({ seenUntil: at(-600), lastActiveAt: new Date(at(0).getTime() - VISIT_GAP_MS) }, at(0))).toEqual(new Date(at(0).getTime() - VISIT_GAP_MS));
  });
});
