import { describe, expect, it } from "vitest";
import { activitySearch, isCalendarDay, parseActivityQuery } from "./activity";

describe("parseActivityQuery (the Activity page's URL and its export's)", () => {
  it("has no filter and page 1 by default", () => {
    expect(parseActivityQuery({})).toEqual({ query: { actor: undefined, action: undefined, outcome: undefined, from: undefined, to: undefined, page: 0 } });
  });

  it("reads every filter", () => {
    expect(parseActivityQuery({ actor: "  Alice ", action: "revoke", outcome: "started", from: "2026-01-01", to: "2026-01-31", page: "3" }).query).toEqual({
      actor: "Alice",
      action: "revoke",
      outcome: "started",
      from: "2026-01-01",
      to: "2026-01-31",
      page: 2,
    });
  });

  it.each([
    ["an unknown action", { action: "delete" }],
    ["an outcome's word rather than its key", { outcome: "outcome unknown" }],
    ["an empty choice", { action: "", outcome: "" }],
    ["a day that does not exist", { from: "2026-02-30", to: "2026-13-01" }],
    ["a day in another format", { from: "01/02/2026", to: "2026-1-2" }],
    ["a blank or invisible-only actor", { actor: " \u200b " }],
  ])("treats %s as no filter", (_, raw) => {
    const { query, actorError } = parseActivityQuery(raw);
    expect(query).toMatchObject({ actor: undefined, action: undefined, outcome: undefined, from: undefined, to: undefined });
    expect(actorError).toBeUndefined();
  });

  it("drops an actor with a control character, keeps the other filters, and says why", () => {
    const { query, actorError } = parseActivityQuery({ actor: "al\u0000ice", outcome: "refused" });
    expect(query).toMatchObject({ actor: undefined, outcome: "refused" });
    expect(actorError).toContain("\\u0000");
  });

  it("takes the first of repeated parameters", () => {
    expect(parseActivityQuery({ outcome: ["failed", "created"] }).query.outcome).toBe("failed");
  });

  it("reads the page with the shared page-number rule", () => {
    expect(parseActivityQuery({ page: "99999999999999999999" }).query.page).toBe(Number.MAX_SAFE_INTEGER - 1);
  });
});

it.each([
  ["2026-02-28", true],
  ["2024-02-29", true],
  ["2026-02-29", false],
  ["0001-01-01", true],
  ["2026-00-10", false],
  ["20260101", false],
])("isCalendarDay(%j) is %j", (value, expected) => {
  expect(isCalendarDay(value)).toBe(expected);
});

describe("activitySearch", () => {
  it("writes only the filters that are set, and the page 1-based past the first", () => {
    expect(activitySearch({})).toBe("");
    expect(activitySearch({ actor: "a&b c", outcome: "refused" }, 0)).toBe("?actor=a%26b+c&outcome=refused");
    expect(activitySearch({ from: "2026-01-01" }, 2)).toBe("?from=2026-01-01&page=3");
  });

  it("round-trips through the parser", () => {
    const filters = { actor: "Zoë", action: "copy_link", outcome: "copied", from: "2026-01-01", to: "2026-01-02" } as const;
    const raw = Object.fromEntries(new URLSearchParams(activitySearch(filters, 4)));
    expect(parseActivityQuery(raw).query).toEqual({ ...filters, page: 4 });
  });
});
