// The policy's reminders and renewals: their syntax, read like the limits (metadata over tenant default,
// off by default), in words for the Policy page, and never tightened by the organization's admins.
import { describe, expect, it } from "vitest";
import { limitValueText } from "./describe";
import { DEFAULT_POLICY_KEYS, parsers, resolvePolicy } from "./format";
import { applyTightenings } from "./tighten";

describe("reminders: days before expiry, at most how many times", () => {
  it.each([
    ["3,2", { daysBefore: 3, times: 2 }],
    [" 1 , 1 ", { daysBefore: 1, times: 1 }],
    ["29,10", { daysBefore: 29, times: 10 }],
    ["none", undefined],
    ["NONE", undefined],
  ])("%j reads as %j", (raw, expected) => {
    expect(parsers.reminders(raw)).toEqual({ ok: true, value: expected });
  });

  it.each(["", "3", "3,", ",2", "0,2", "30,1", "3,0", "3,11", "3,2,1", "3.5,2", "three,two"])("%j is refused, saying the syntax", (raw) => {
    expect(parsers.reminders(raw)).toEqual({ ok: false, problem: expect.stringContaining("is not days,times") });
  });
});

describe("renewals: at most how many times", () => {
  it.each([["1", 1], ["10", 10], ["none", undefined]])("%j reads as %j", (raw, expected) => {
    expect(parsers.renewals(raw)).toEqual({ ok: true, value: expected });
  });
  it.each(["", "0", "11", "-1", "1.5", "always"])("%j is refused", (raw) => {
    expect(parsers.renewals(raw).ok).toBe(false);
  });
});

describe("where they come from", () => {
  it("are off with neither metadata nor tenant default", () => {
    const policy = resolvePolicy({}, DEFAULT_POLICY_KEYS, {});
    expect(policy.reminders).toMatchObject({ source: "none", ok: true, value: undefined, key: "invite_remind" });
    expect(policy.renewals).toMatchObject({ source: "none", ok: true, value: undefined, key: "invite_renew" });
  });

  it("take the organization's metadata over the tenant default, which applies where it has none", () => {
    const policy = resolvePolicy({ invite_remind: "2,1" }, DEFAULT_POLICY_KEYS, { reminders: "5,3", renewals: "2" });
    expect(policy.reminders).toMatchObject({ source: "organization", value: { daysBefore: 2, times: 1 } });
    expect(policy.renewals).toMatchObject({ source: "tenant", value: 2 });
  });

  it("an organization's value that does not parse is shown as not valid, and sends nothing", () => {
    expect(resolvePolicy({ invite_renew: "often" }, DEFAULT_POLICY_KEYS, { renewals: "1" }).renewals).toMatchObject({ source: "organization", ok: false, raw: "often" });
  });

  it("are the operator's alone: the admins' tightenings leave them as they are", () => {
    const operator = resolvePolicy({ invite_remind: "3,2", invite_renew: "1" }, DEFAULT_POLICY_KEYS, {});
    const effective = applyTightenings(operator, { maxTtlDays: 3 });
    expect(effective.reminders).toBe(operator.reminders);
    expect(effective.renewals).toBe(operator.renewals);
  });
});

describe("in words", () => {
  it.each([
    [{ daysBefore: 3, times: 2 }, "3 days before expiry, at most twice"],
    [{ daysBefore: 1, times: 1 }, "1 day before expiry, at most once"],
    [{ daysBefore: 7, times: 4 }, "7 days before expiry, at most 4 times"],
    [undefined, "None"],
  ])("reminders %j: %s", (value, text) => {
    expect(limitValueText("reminders", value)).toBe(text);
  });
  it("renewals", () => {
    expect(limitValueText("renewals", 1)).toBe("At most once");
    expect(limitValueText("renewals", undefined)).toBe("None");
  });
});
