import { describe, expect, it } from "vitest";
import { decodablePath, requestedPath } from "./request-path";

describe("decodablePath", () => {
  it.each(["/orgs/org_1/invitations", "/orgs/%7E/x", "/caf%C3%A9", "/"])("%s decodes", (path) => {
    expect(decodablePath(path)).toBe(true);
  });
  it.each(["/orgs/%E0%A4%A/invitations", "/orgs/org_1/invitations/bulk/%C0%AF/results", "/%", "/%zz", "/%FF"])("%s does not", (path) => {
    expect(decodablePath(path)).toBe(false);
  });
});

describe("requestedPath", () => {
  it("keeps the path and its query, without Next's _rsc", () => {
    expect(requestedPath(new URL("http://app.test/support?q=acme&page=2"))).toBe("/support?q=acme&page=2");
    expect(requestedPath(new URL("http://app.test/support?q=acme&_rsc=1x2y"))).toBe("/support?q=acme");
    expect(requestedPath(new URL("http://app.test/orgs/org_1/members?_rsc=1x2y"))).toBe("/orgs/org_1/members");
    expect(requestedPath(new URL("http://app.test/"))).toBe("/");
  });
});
