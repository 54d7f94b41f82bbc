import { expect, it } from "vitest";
import { localText, utcText } from "./exact-time";

it("writes UTC the same everywhere, and local time in the reader's zone with the zone named", () => {
  const iso = "2026-11-27T10:33:05.000Z";
  expect(utcText(iso)).toBe("27 Nov 2026, 10:33 UTC");
  expect(localText(iso, "Europe/Berlin", "en-GB")).toBe("27 Nov 2026, 11:33 CET");
  expect(localText(iso, "America/New_York", "en-US")).toBe("Nov 27, 2026, 05:33 AM EST");
});
