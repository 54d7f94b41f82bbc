import { describe, expect, it } from "vitest";
import { loginParamsSchema, readableCallbackUrl } from "./login";

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

describe("control and invisible characters in what the login route forwards", () => {
  const params = ["invitation", "organization", "organization_name"] as const;
  const values = [
    ["a NUL", "org_abc\u0000"],
    ["a trailing newline", "org_abc\n"],
    ["a C1 NEL", "org\u0085abc"],
    ["a zero-width space", "org_\u200babc"],
    ["a right-to-left override", "org_\u202eabc"],
  ] as const;

  it.each(params.flatMap((param) => values.map(([name, value]) => [param, name, value] as const)))("%s with %s is dropped", (param, _name, value) => {
    expect(loginParamsSchema.parse({ [param]: value })).toEqual({});
  });

  it.each(params)("%s without them is kept (control)", (param) => {
    expect(loginParamsSchema.parse({ [param]: "org_abc" })).toEqual({ [param]: "org_abc" });
  });
});

describe("a callbackUrl for next-auth's routes", () => {
  const app = "http://app.test";
  it.each(["/orgs/x/invitations?page=2", "http://app.test/support", "https://elsewhere.test/"])("%s is kept, for next-auth's redirect callback to judge", (url) => {
    expect(readableCallbackUrl(url, app)).toBe(url);
  });
  it.each(["http://[", ":::", "javascript:alert(1)", "data:text/html,hi", "not a url"])("%s leads home", (url) => {
    expect(readableCallbackUrl(url, app)).toBe("/");
  });
});
