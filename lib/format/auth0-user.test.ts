import { describe, expect, it } from "vitest";
import { auth0UserText } from "./auth0-user";

describe("auth0UserText", () => {
  it("names the account and its user id", () => {
    expect(auth0UserText({ name: "bob@example.test", id: "auth0|42" })).toBe("bob@example.test (Auth0 user auth0|42)");
  });
  it("makes do with what the log carries", () => {
    expect(auth0UserText({ name: "", id: "auth0|42" })).toBe("Auth0 user auth0|42");
    expect(auth0UserText({ name: "bob@example.test", id: null })).toBe("bob@example.test");
    expect(auth0UserText({ name: null, id: "" })).toBe("an unknown account");
  });
  it("shows a self-chosen name's invisible characters and cuts it short, so it cannot pose as our words", () => {
    expect(auth0UserText({ name: "bob\u202e\u200bmoc.live", id: "auth0|42" })).toBe("bob\\u202e\\u200bmoc.live (Auth0 user auth0|42)");
    const long = auth0UserText({ name: `Restore access at https://evil.example ${"x".repeat(200)}`, id: null });
    expect([...long]).toHaveLength(80);
    expect(long.endsWith("…")).toBe(true);
  });
});
