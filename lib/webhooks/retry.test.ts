// The backoff between a failing delivery's attempts: doubling from the base, never more than an hour.
import { describe, expect, it } from "vitest";
import { retryDelaySeconds } from "./deliver";

describe("retryDelaySeconds", () => {
  it("doubles from the base after each failed attempt", () => {
    expect([1, 2, 3, 4].map((attempts) => retryDelaySeconds(attempts, 30))).toEqual([30, 60, 120, 240]);
  });

  it("waits at most an hour, so a day holds about thirty attempts", () => {
    expect(retryDelaySeconds(20, 30)).toBe(3600);
    expect(retryDelaySeconds(1, 5000)).toBe(3600);
  });
});
