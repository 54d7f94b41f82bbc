import { describe, expect, it } from "vitest";
import { loginParamsSchema } from "./login";

describe("the login route's parameters", () => {
  it("keeps Auth0's invitation parameters", () => {
    expect(
      loginParamsSchema.parse({ invitation: "Mh3BJVTaC4nsZImXBzPulFiq5kFP1KLs", organization: "org_Hf9UNU0EQOLcvFyx", organization_name: "test-org_1" }),
    ).toEqual({ invitation: "Mh3BJVTaC4nsZImXBzPulFiq5kFP1KLs", organization: "org_Hf9UNU0EQOLcvFyx", organization_name: "test-org_1" });
  });

  it("drops malformed values and anything else, so nothing odd reaches /authorize", () => {
    expect(
      loginParamsSchema.parse({ invitation: "x&prompt=none", organization: "a".repeat(51), organization_name: "<script>", prompt: "none", redirect_uri: "https://evil" }),
    ).toEqual({});
  });
});
