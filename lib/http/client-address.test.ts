import { describe, expect, it } from "vitest";
import { clientAddress } from "./client-address";

const headers = (value?: string) => new Headers(value === undefined ? {} : { "x-forwarded-for": value });

describe("clientAddress", () => {
  it("is the last X-Forwarded-For entry, the one the nearest proxy wrote, not what the client claimed before it", () => {
    expect(clientAddress(headers("203.0.113.9"))).toBe("203.0.113.9");
    expect(clientAddress(headers("10.0.0.1, 198.51.100.7"))).toBe("198.51.100.7");
    expect(clientAddress(headers("forged, 198.51.100.8 "))).toBe("198.51.100.8");
  });

  it("is one key for every request without an address, so none escapes the throttle", () => {
    expect(clientAddress(headers())).toBe("unknown");
    expect(clientAddress(headers(" , "))).toBe("unknown");
  });

  it("is the entry the first trusted proxy wrote, behind several", () => {
    expect(clientAddress(headers("forged, 203.0.113.9, 198.51.100.7"), 2)).toBe("203.0.113.9");
    expect(clientAddress(headers("203.0.113.9"), 3)).toBe("203.0.113.9");
  });

  it("counts an IPv6 client by its /64, so one host cannot take a new address per request", () => {
    expect(clientAddress(headers("2001:db8:1:2:aaaa::1"))).toBe("2001:0db8:0001:0002::/64");
    expect(clientAddress(headers("2001:db8:1:2:ffff:ffff:ffff:ffff"))).toBe("2001:0db8:0001:0002::/64");
    expect(clientAddress(headers("2001:db8::7"))).toBe("2001:0db8:0000:0000::/64");
    expect(clientAddress(headers("::ffff:192.0.2.1"))).toBe("192.0.2.1");
    expect(clientAddress(headers("::ffff:c000:0201"))).toBe("192.0.2.1");
  });

  it("keeps a key of bounded length", () => {
    expect(clientAddress(headers("x".repeat(1000)))).toHaveLength(64);
  });
});
