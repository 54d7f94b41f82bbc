import { describe, expect, it } from "vitest";
import { withinScope } from "./scope";

const notices = [{ organizationId: "org_acme" }, { organizationId: "org_globex" }, { organizationId: "org_acme" }];

describe("whose notices a person still sees", () => {
  it("keeps only organizations where they may still invite", () => {
    expect(withinScope(notices, ["org_acme"])).toEqual([{ organizationId: "org_acme" }, { organizationId: "org_acme" }]);
    expect(withinScope(notices, [])).toEqual([]);
  });
  it("keeps all for support staff", () => {
    expect(withinScope(notices, "any")).toHaveLength(3);
  });
});
