import { describe, expect, it } from "vitest";
import { administersOrganization, assignableRoleNames, ceilingReason, holdsInviterRole, rolesAboveCeiling, isAuditor, isSupportStaff, type Actor, type Policy } from "./policy";

const policy: Policy = {
  inviterRoles: ["Org Admin", "Inviter"],
  ranking: ["Member", "Billing", "Inviter", "Org Admin"],
  assignable: ["Member", "Billing", "Inviter", "Org Admin"],
  supportRole: "Support Agent",
  auditorRole: "Support Auditor",
};
const member = (...roleNames: string[]): Actor => ({ kind: "member", roleNames });

describe("role ceiling", () => {
  it.each<[string, Actor, Policy, string[]]>([
    ["Org Admin assigns every ranked role", member("Org Admin"), policy, ["Member", "Billing", "Inviter", "Org Admin"]],
    ["Inviter cannot assign Org Admin", member("Inviter"), policy, ["Member", "Billing", "Inviter"]],
    ["the highest of several roles counts", member("Member", "Inviter"), policy, ["Member", "Billing", "Inviter"]],
    ["a plain member may assign Member only", member("Member"), policy, ["Member"]],
    ["unranked roles give no ceiling", member("Support Agent", "Auditor"), policy, []],
    ["support staff assign every ranked role", { kind: "support" }, policy, ["Member", "Billing", "Inviter", "Org Admin"]],
    ["only assignable roles are offered", member("Org Admin"), { ...policy, assignable: ["Member", "Inviter"] }, ["Member", "Inviter"]],
    [
      "the support role is never assignable, even if ranked",
      member("Org Admin"),
      { ...policy, ranking: [...policy.ranking, "Support Agent"], assignable: [...policy.assignable, "Support Agent"] },
      ["Member", "Billing", "Inviter", "Org Admin"],
    ],
  ])("%s", (_name, actor, table, expected) => {
    expect(assignableRoleNames(table, actor)).toEqual(expected);
  });
});

describe("roles above the ceiling, shown with why", () => {
  it.each<[string, Actor, Policy, string[], string]>([
    ["an Inviter sees Org Admin above their own role", member("Inviter"), policy, ["Org Admin"], "above your own role (Inviter)"],
    ["the highest of several roles sets the ceiling", member("Member", "Billing"), policy, ["Inviter", "Org Admin"], "above your own role (Billing)"],
    ["nothing is above an Org Admin", member("Org Admin"), policy, [], "above your own role (Org Admin)"],
    ["nothing is above support staff", { kind: "support" }, policy, [], "above your own role (Org Admin)"],
    ["a role this app never hands out is not shown", member("Inviter"), { ...policy, assignable: ["Member", "Inviter"] }, [], "above your own role (Inviter)"],
    ["unranked roles leave every role above", member("Auditor"), policy, ["Member", "Billing", "Inviter", "Org Admin"], "above the roles you hold"],
  ])("%s", (_name, actor, table, above, reason) => {
    expect(rolesAboveCeiling(table, actor)).toEqual(above);
    expect(ceilingReason(table, actor)).toBe(reason);
  });
});

describe("who may invite", () => {
  it.each([
    [["Org Admin"], true],
    [["Inviter"], true],
    [["Member", "Inviter"], true],
    [["Member"], false],
    [["Billing"], false],
    [[], false],
    [["org admin"], false],
  ])("roles %j → inviter %s", (roles, expected) => {
    expect(holdsInviterRole(policy, roles)).toBe(expected);
  });

  it("recognises support staff by their tenant role only", () => {
    expect(isSupportStaff(policy, ["Support Agent"])).toBe(true);
    expect(isSupportStaff(policy, ["Org Admin"])).toBe(false);
    expect(isSupportStaff(policy, [])).toBe(false);
  });

  it("recognises auditors by their tenant role only, apart from support staff", () => {
    expect(isAuditor(policy, ["Support Auditor"])).toBe(true);
    expect(isAuditor(policy, ["Support Agent"])).toBe(false);
    expect(isSupportStaff(policy, ["Support Auditor"])).toBe(false);
  });
});

describe("who may tighten the delegation policy", () => {
  it.each<[string, Actor, boolean]>([
    ["an Org Admin (the top of the ranking)", member("Org Admin"), true],
    ["an Org Admin who is an Inviter too", member("Inviter", "Org Admin"), true],
    ["support staff, acting for the top inviter", { kind: "support" }, true],
    ["an Inviter", member("Inviter"), false],
    ["a plain member", member("Member"), false],
  ])("%s: %s", (_name, actor, may) => {
    expect(administersOrganization(policy, actor)).toBe(may);
  });
});
