// The SSRF classifier: internal addresses of every kind are refused, public ones pass, and a literal internal
// host is refused before any connection is made.
import { describe, expect, it } from "vitest";
import { isInternalAddress, refuseInternalLiteral } from "./address";

describe("isInternalAddress", () => {
  it.each([
    "127.0.0.1",
    "127.255.0.9",
    "0.0.0.0",
    "10.1.2.3",
    "172.16.0.1",
    "172.31.255.255",
    "192.168.1.1",
    "100.64.0.1",
    "100.127.255.254",
    "169.254.169.254",
    "224.0.0.1",
    "255.255.255.255",
    "::1",
    "::",
    "fc00::1",
    "fd12:3456::1",
    "fe80::1",
    "::ffff:127.0.0.1",
    "::ffff:10.0.0.1",
    "not an address",
  ])("refuses %s", (address) => {
    expect(isInternalAddress(address)).toBe(true);
  });

  it.each(["8.8.8.8", "172.32.0.1", "100.128.0.1", "192.169.0.1", "2606:4700:4700::1111", "::ffff:93.184.216.34"])("lets %s through", (address) => {
    expect(isInternalAddress(address)).toBe(false);
  });
});

describe("refuseInternalLiteral", () => {
  it("refuses a URL whose host is an internal IP address, with what to do", () => {
    expect(() => refuseInternalLiteral(new URL("http://169.254.169.254/latest/meta-data"))).toThrow(/WEBHOOK_ALLOW_PRIVATE=true/);
    expect(() => refuseInternalLiteral(new URL("http://[::1]:8080/hook"))).toThrow(/internal address/);
  });

  it("leaves names to the lookup, and public literals alone", () => {
    expect(() => refuseInternalLiteral(new URL("https://hooks.example.com/x"))).not.toThrow();
    expect(() => refuseInternalLiteral(new URL("https://8.8.8.8/x"))).not.toThrow();
  });
});
