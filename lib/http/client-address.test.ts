import { describe, expect, it } from "vitest";
import { clientAddress } from "./client-address";

const headers = (value?: string) => new Headers(value === undefined ? {} : { "x-forwarded-for": value });

describe("clientAddress", () => {
  it("is the last X-Forwarded-For entry, the one the nearest proxy wrote, not what the client claimed before it", () => {
    expect(clientAddress(headers("203.0.113.9"))).toBe("203.0.113.9");
    expect(clientAddress(headers("10.0.0.1, 198.51.100.7"))).toBe("198.51.100.7");
    expect(clientAddress(headers("forged, 2001:db8::1 "))).toBe("2001:db8::1");
  });

  it("is one key for every request without an address, so none escapes the throttle", () => {
    expect(clientAddress(headers())).toBe("unknown");
    expect(clientAddress(headers(" , "))).toBe("unknown");
  });

  it("keeps a key of bounded length", () => {
    expect(clientAddress(headers("x".repeat(1000)))).toHaveLength(64);
  });
});
