import { describe, expect, it } from "vitest";
import { activitySearch, isCalendarDay, parseActivityQuery } from "./activity";

describe("parseActivityQuery (the Activity pages' URL and their exports')", () => {
  it("has no filter and page 1 by default", () => {
    expect(parseActivityQuery({}, "organization")).toEqual({
      query: { actor: undefined, action: undefined, outcome: undefined, from: undefined, to: undefined, page: 0 },
      errors: {},
    });
  });

  it("reads every filter", () => {
    expect(parseActivityQuery({ actor: "  Alice ", action: "revoke", outcome: "started", from: "2026-01-01", to: "2026-01-31", page: "3" }, "organization").query).toEqual({
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
    const { query, errors } = parseActivityQuery(raw, "organization");
    expect(query).toMatchObject({ actor: undefined, action: undefined, outcome: undefined, from: undefined, to: undefined });
    expect(errors).toEqual({});
  });

  it("drops an actor with a control character, keeps the other filters, and says why", () => {
    const { query, errors } = parseActivityQuery({ actor: "al\u0000ice", outcome: "refused" }, "organization");
    expect(query).toMatchObject({ actor: undefined, outcome: "refused" });
    expect(errors.actor).toContain("\\u0000");
  });

  it("takes the first of repeated parameters", () => {
    expect(parseActivityQuery({ outcome: ["failed", "created"] }, "organization").query.outcome).toBe("failed");
  });

  it("reads the page with the shared page-number rule", () => {
    expect(parseActivityQuery({ page: "99999999999999999999" }, "organization").query.page).toBe(Number.MAX_SAFE_INTEGER - 1);
  });

  it("reads the organization and reason filters for support's trail only", () => {
    const raw = { actor: "sam", organization: " Globex ", reason: "TICKET-7", action: "act_for" };
    expect(parseActivityQuery(raw, "support").query).toMatchObject({ actor: "sam", organization: "Globex", reason: "TICKET-7", action: "act_for" });
    expect(parseActivityQuery(raw, "organization").query).toEqual({ actor: "sam", action: "act_for", page: 0 });
  });

  it("drops each refused text with its own message and keeps the rest", () => {
    const { query, errors } = parseActivityQuery({ actor: "sam", organization: "glo\u0007bex", reason: "x".repeat(321), outcome: "done" }, "support");
    expect(query).toEqual({ actor: "sam", outcome: "done", page: 0 });
    expect(errors.actor).toBeUndefined();
    expect(errors.organization).toContain("The organization cannot contain");
    expect(errors.reason).toBe("The reason can be at most 320 characters.");
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
    const filters = { actor: "Zoë", organization: "Globex", reason: "#42 & more", action: "copy_link", outcome: "copied", from: "2026-01-01", to: "2026-01-02" } as const;
    const raw = Object.fromEntries(new URLSearchParams(activitySearch(filters, 4)));
    expect(parseActivityQuery(raw, "support").query).toEqual({ ...filters, page: 4 });
  });
});
