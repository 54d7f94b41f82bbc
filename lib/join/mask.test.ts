import { describe, expect, it } from "vitest";
import { maskedAddress } from "./mask";

describe("maskedAddress", () => {
  it.each([
    ["jane.doe@example.com", "j•••@example.com"],
    ["j@example.com", "j•••@example.com"],
    ["Jane@Example.COM", "J•••@Example.COM"],
    ["\"a@b\"@example.com", "\"•••@example.com"],
    ["éloïse@exemple.fr", "é•••@exemple.fr"],
    ["😀smile@example.com", "😀•••@example.com"],
    ["not-an-address", "•••"],
    ["@example.com", "•••"],
  ])("%s → %s", (email, masked) => {
    expect(maskedAddress(email)).toBe(masked);
  });

  it("never shows the local part beyond its first character, whatever its length", () => {
    const masked = maskedAddress("averyveryverylonglocalpart@example.com");
    expect(masked).toBe("a•••@example.com");
    expect(masked).not.toContain("very");
  });
});
