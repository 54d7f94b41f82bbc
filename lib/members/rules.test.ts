import { describe, expect, it } from "vitest";
import { leavesNoAdmin, roleDifference } from "./rules";

const ADMIN = "rol_OrgAdmin";
const MEMBER = "rol_Member";
const BILLING = "rol_Billing";

describe("roleDifference", () => {
  it.each([
    { current: [MEMBER], wanted: [BILLING], added: [BILLING], removed: [MEMBER] },
    { current: [MEMBER], wanted: [MEMBER, BILLING], added: [BILLING], removed: [] },
    { current: [MEMBER, BILLING], wanted: [MEMBER], added: [], removed: [BILLING] },
    { current: [MEMBER], wanted: [MEMBER], added: [], removed: [] },
    { current: [], wanted: [MEMBER], added: [MEMBER], removed: [] },
  ])("$current → $wanted", ({ current, wanted, added, removed }) => {
    expect(roleDifference(current, wanted)).toEqual({ added, removed });
  });
});

describe("leavesNoAdmin", () => {
  const alone = [{ userId: "alice", roleIds: [ADMIN] }, { userId: "bob", roleIds: [MEMBER] }];
  const two = [...alone, { userId: "carol", roleIds: [ADMIN, BILLING] }];

  it.each([
    { why: "the last admin removes themselves", members: alone, userId: "alice", after: null, leaves: true },
    { why: "the last admin drops the admin role", members: alone, userId: "alice", after: [MEMBER], leaves: true },
    { why: "the last admin keeps the role and gains another", members: alone, userId: "alice", after: [ADMIN, BILLING], leaves: false },
    { why: "one of two admins is removed", members: two, userId: "alice", after: null, leaves: false },
    { why: "one of two admins is demoted", members: two, userId: "carol", after: [BILLING], leaves: false },
    { why: "a non-admin is removed", members: alone, userId: "bob", after: null, leaves: false },
    { why: "a non-admin changes roles", members: alone, userId: "bob", after: [BILLING], leaves: false },
    { why: "someone not listed", members: alone, userId: "zed", after: null, leaves: false },
  ])("$why: $leaves", ({ members, userId, after, leaves }) => {
    expect(leavesNoAdmin(members, ADMIN, userId, after)).toBe(leaves);
  });
});
