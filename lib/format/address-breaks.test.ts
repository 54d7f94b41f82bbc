import { describe, expect, it } from "vitest";
import { addressPieces, splitAddresses } from "./address-breaks";

describe("addressPieces", () => {
  it("cuts right after every @, . and -, and nowhere else", () => {
    const address = "a.very.long.name.for.testing.wrapping@subdomain.engineering.example-corporation.test";
    expect(addressPieces(address)).toEqual([
      "a.", "very.", "long.", "name.", "for.", "testing.", "wrapping@", "subdomain.", "engineering.", "example-", "corporation.", "test",
    ]);
    expect(addressPieces(address).join("")).toBe(address);
  });

  it("leaves an address without such marks whole, and text that is no address as it is", () => {
    expect(addressPieces("bob@acme")).toEqual(["bob@", "acme"]);
    expect(addressPieces("not-an-address")).toEqual(["not-", "an-", "address"]);
    expect(addressPieces("")).toEqual([]);
  });
});

describe("splitAddresses", () => {
  it("finds the addresses in a sentence, without the full stop that ends it", () => {
    expect(splitAddresses("Alice Admin invited kept-1@example.test — created.")).toEqual([
      { text: "Alice Admin invited ", address: false },
      { text: "kept-1@example.test", address: true },
      { text: " — created.", address: false },
    ]);
    expect(splitAddresses("a.b@x.test replaced c@y.test.")).toEqual([
      { text: "a.b@x.test", address: true },
      { text: " replaced ", address: false },
      { text: "c@y.test", address: true },
      { text: ".", address: false },
    ]);
  });

  it("gives a sentence without an address back whole", () => {
    expect(splitAddresses("Carol Admin was refused the organization's pages")).toEqual([
      { text: "Carol Admin was refused the organization's pages", address: false },
    ]);
    expect(splitAddresses("")).toEqual([]);
  });
});
