import { describe, expect, it } from "vitest";
import { classifyQuery } from "./query";

describe("classifying a finder query", () => {
  it.each([
    ["org_AcmeCorp00000001", { kind: "id", id: "org_AcmeCorp00000001", idPrefix: "org_AcmeCorp00000001" }],
    ["  org_Customer00000042 ", { kind: "id", id: "org_Customer00000042", idPrefix: "org_Customer00000042" }],
    ["carol@globex.test", { kind: "email", email: "carol@globex.test" }],
    ["Carol@Globex.TEST", { kind: "email", email: "carol@globex.test" }],
    ["@globex.test", { kind: "domain", domain: "globex.test", label: "globex" }],
    ["Globex.test", { kind: "domain", domain: "globex.test", label: "globex" }],
    ["eu.northwind.example", { kind: "domain", domain: "eu.northwind.example", label: "eu" }],
    ["globex", { kind: "text", text: "globex", exactName: "globex" }],
    ["Customer-00042", { kind: "text", text: "Customer-00042", exactName: "customer-00042" }],
    ["under_score", { kind: "text", text: "under_score", exactName: "under_score" }],
    ["Northwind   Traders", { kind: "text", text: "Northwind Traders" }],
    ["50%", { kind: "text", text: "50%" }],
    ["", { kind: "text", text: "" }],
    ["   ", { kind: "text", text: "" }],
  ])("%j → %j", (input, expected) => {
    expect(classifyQuery(input)).toEqual(expected);
  });

  it("takes neither a version number nor a half-typed address for a domain or an email", () => {
    expect(classifyQuery("v2.0")).toEqual({ kind: "text", text: "v2.0" });
    expect(classifyQuery("carol@globex")).toEqual({ kind: "text", text: "carol@globex" });
    expect(classifyQuery("carol@")).toEqual({ kind: "text", text: "carol@" });
    expect(classifyQuery("St. Louis").kind).toBe("text");
  });

  it("looks a name up exactly only when Auth0 could have given it (≤ 50 of a-z 0-9 _ -)", () => {
    expect(classifyQuery("a".repeat(50))).toMatchObject({ exactName: "a".repeat(50) });
    expect(classifyQuery("a".repeat(51))).not.toHaveProperty("exactName");
    expect(classifyQuery("acme corp")).not.toHaveProperty("exactName");
  });

  it.each([
    // 8 or more letters or digits after an optional `org_` (any case): the start of an id, as typed.
    ["Globex0000", { kind: "text", text: "Globex0000", exactName: "globex0000", idPrefix: "org_Globex0000" }],
    ["globex00", { kind: "text", text: "globex00", exactName: "globex00", idPrefix: "org_globex00" }],
    ["ORG_Globex0000", { kind: "text", text: "ORG_Globex0000", exactName: "org_globex0000", idPrefix: "org_Globex0000" }],
    ["org_Globex0000", { kind: "id", id: "org_Globex0000", idPrefix: "org_Globex0000" }],
    ["org_Globex00", { kind: "id", id: "org_Globex00", idPrefix: "org_Globex00" }],
    // Fewer than 8 after `org_`: a name only, or an exact id only.
    ["Globex0", { kind: "text", text: "Globex0", exactName: "globex0" }],
    ["org_Globex0", { kind: "id", id: "org_Globex0" }],
    ["org_Glob", { kind: "id", id: "org_Glob" }],
    // Only letters and digits: a LIKE wildcard, a space or a dash is not part of an id.
    ["Globex00%", { kind: "text", text: "Globex00%" }],
    ["Glob_x0000", { kind: "text", text: "Glob_x0000", exactName: "glob_x0000" }],
    ["org_Glob_x0000", { kind: "text", text: "org_Glob_x0000", exactName: "org_glob_x0000" }],
    ["Globex 0000", { kind: "text", text: "Globex 0000" }],
  ])("the start of an id: %j → %j", (input, expected) => {
    expect(classifyQuery(input)).toEqual(expected);
  });

  it("an id is `org_` and letters or digits only, at most 50 characters in all", () => {
    expect(classifyQuery(`org_${"a".repeat(46)}`).kind).toBe("id");
    expect(classifyQuery(`org_${"a".repeat(47)}`).kind).toBe("text");
    expect(classifyQuery("org_").kind).toBe("text");
    expect(classifyQuery("org_with-dash")).toEqual({ kind: "text", text: "org_with-dash", exactName: "org_with-dash" });
  });
});
