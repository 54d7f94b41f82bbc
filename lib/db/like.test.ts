import { describe, expect, it } from "vitest";
import { containing, endingWith, startingWith } from "./like";

describe("LIKE patterns take the text's own wildcards literally", () => {
  it.each([
    [containing, "50%_a\\b", "%50\\%\\_a\\\\b%"],
    [endingWith, "@x_y.test", "%@x\\_y.test"],
    [startingWith, "org_Globex0000", "org\\_Globex0000%"],
    [startingWith, "100%", "100\\%%"],
  ])("%o(%j) → %j", (pattern, text, expected) => {
    expect(pattern(text)).toBe(expected);
  });
});
