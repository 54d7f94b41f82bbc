// What "stricter" means, limit by limit: which admin values would loosen the operator's (refused), and the
// policy in effect, the stricter of both, with the admins as its source only where they add something.
import { describe, expect, it } from "vitest";
import { policyProblem } from "./check";
import { DEFAULT_POLICY_KEYS, parsers, resolvePolicy, type PolicyLimit, type PolicyValues } from "./format";
import { applyTightenings, loosens, metadataText, ruleWithin, stricterValue } from "./tighten";

const value = <L extends PolicyLimit>(limit: L, raw: string): PolicyValues[L] => {
  const parsed = parsers[limit](raw);
  if (!parsed.ok) throw new Error(parsed.problem);
  return parsed.value;
};
const rule = (text: string) => value("domains", text)![0]!;
const loose = <L extends PolicyLimit>(limit: L, operator: string, admin: string) => loosens(limit, value(limit, operator), value(limit, admin));
const strict = <L extends PolicyLimit>(limit: L, operator: string, admin: string) => metadataText(limit, stricterValue(limit, value(limit, operator), value(limit, admin)));

describe("a domain rule within another", () => {
  it.each([
    ["acme.com", "acme.com", true],
    ["a.acme.com", "*.acme.com", true],
    ["a.b.acme.com", "*.acme.com", true],
    ["*.acme.com", "*.acme.com", true],
    ["*.eu.acme.com", "*.acme.com", true],
    ["acme.com", "*.acme.com", false],
    ["*.acme.com", "acme.com", false],
    ["*.acme.com", "eu.acme.com", false],
    ["notacme.com", "*.acme.com", false],
    ["eu.acme.com", "acme.com", false],
  ])("%s within %s: %s", (inner, outer, within) => {
    expect(ruleWithin(rule(inner), rule(outer))).toBe(within);
  });
});

describe("whether an admin's value loosens the operator's", () => {
  it.each<[PolicyLimit, string, string, boolean]>([
    // Allowed domains: the admin's list within the operator's, rule by rule.
    ["domains", "*", "acme.com", false],
    ["domains", "acme.com,*.acme.com", "eu.acme.com", false],
    ["domains", "*.acme.com", "*.eu.acme.com,a.acme.com", false],
    ["domains", "acme.com", "acme.com", false],
    ["domains", "acme.com", "*", true],
    ["domains", "acme.com", "acme.com,gmail.com", true],
    ["domains", "*.acme.com", "acme.com", true],
    // Blocked domains and roles that need approval: the admins' are added, never looser.
    ["blockedDomains", "spam.test", "none", false],
    ["blockedDomains", "none", "spam.test", false],
    ["approvalRoles", "Org Admin", "none", false],
    // Free mail: on beats off.
    ["blockFreeMail", "true", "false", true],
    ["blockFreeMail", "false", "true", false],
    ["blockFreeMail", "true", "true", false],
    // Longest expiry and seats: the smaller.
    ["maxTtlDays", "7", "3", false],
    ["maxTtlDays", "7", "7", false],
    ["maxTtlDays", "7", "8", true],
    ["maxTtlDays", "7", "none", true],
    ["maxTtlDays", "none", "30", false],
    ["seats", "50", "40", false],
    ["seats", "50", "51", true],
    ["seats", "50", "none", true],
    ["seats", "none", "0", false],
    // Outside the allowed domains: refusing is stricter than asking for approval.
    ["outsideDomains", "approval", "refuse", false],
    ["outsideDomains", "refuse", "approval", true],
  ])("%s: operator %j, admin %j → loosens: %s", (limit, operator, admin, looser) => {
    expect(loose(limit, operator, admin)).toBe(looser);
  });
});

describe("the stricter of both", () => {
  it.each<[PolicyLimit, string, string, string]>([
    ["domains", "*", "acme.com", "acme.com"],
    ["domains", "*.acme.com", "eu.acme.com", "eu.acme.com"],
    // The operator narrowed the list after the admin set theirs: only what both allow.
    ["domains", "eu.acme.com", "*.acme.com", "eu.acme.com"],
    ["domains", "acme.com,*.acme.com", "*.acme.com,other.com", "*.acme.com"],
    ["domains", "b.test", "a.test", ""],
    ["blockedDomains", "spam.test", "junk.test", "spam.test,junk.test"],
    ["blockedDomains", "*.spam.test", "eu.spam.test", "*.spam.test"],
    ["blockedDomains", "none", "junk.test", "junk.test"],
    ["blockFreeMail", "false", "true", "true"],
    ["maxTtlDays", "7", "3", "3"],
    ["maxTtlDays", "3", "7", "3"],
    ["maxTtlDays", "none", "5", "5"],
    ["seats", "50", "40", "40"],
    ["seats", "30", "40", "30"],
    ["approvalRoles", "Org Admin", "org admin,Inviter", "Org Admin,Inviter"],
    ["outsideDomains", "approval", "refuse", "refuse"],
    ["outsideDomains", "refuse", "approval", "refuse"],
  ])("%s: operator %j, admin %j → %j", (limit, operator, admin, effective) => {
    expect(strict(limit, operator, admin)).toBe(effective);
  });
});

describe("the policy in effect", () => {
  const operator = resolvePolicy({ invite_domains: "*.acme.test", invite_max_ttl_days: "7" }, DEFAULT_POLICY_KEYS, { seats: "50" });

  it("names the admins as the source where they add something, with the operator's own value beside it", () => {
    const effective = applyTightenings(operator, { maxTtlDays: 3, domains: [{ domain: "eu.acme.test", subdomains: false }] });
    expect(effective.maxTtlDays).toMatchObject({ source: "admin", ok: true, value: 3, raw: "3", operator: { source: "organization", value: 7 } });
    expect(effective.domains).toMatchObject({ source: "admin", value: [{ domain: "eu.acme.test", subdomains: false }] });
    expect(effective.seats).toBe(operator.seats);
  });

  it("keeps the operator's value and source where the operator has since tightened as far or further", () => {
    const tighter = resolvePolicy({ invite_max_ttl_days: "2" }, DEFAULT_POLICY_KEYS, {});
    expect(applyTightenings(tighter, { maxTtlDays: 3 }).maxTtlDays).toEqual(tighter.maxTtlDays);
    expect(applyTightenings(tighter, { maxTtlDays: 2 }).maxTtlDays).toEqual(tighter.maxTtlDays);
  });

  it("allows no domain when the operator narrows the list to none of the admins', and says why", () => {
    const narrowed = resolvePolicy({ invite_domains: "b.test" }, DEFAULT_POLICY_KEYS, {});
    const effective = applyTightenings(narrowed, { domains: [{ domain: "a.test", subdomains: false }] });
    expect(effective.domains).toMatchObject({ source: "admin", value: [] });
    for (const email of ["x@a.test", "x@b.test"]) {
      expect(policyProblem(effective, { email, ttlSeconds: 86_400 })?.message).toMatch(/^No domain is allowed: .* Ask an Org Admin to remove or change their tightening/);
    }
  });

  it("fails closed on an operator's value that does not parse, whatever the admins set", () => {
    const broken = resolvePolicy({ invite_max_ttl_days: "7d" }, DEFAULT_POLICY_KEYS, {});
    expect(applyTightenings(broken, { maxTtlDays: 3 }).maxTtlDays).toMatchObject({ ok: false, raw: "7d" });
  });
});

describe("a value in the metadata's syntax", () => {
  it.each<[PolicyLimit, string]>([
    ["domains", "acme.com,*.acme.co.uk"],
    ["domains", "*"],
    ["blockedDomains", "none"],
    ["blockFreeMail", "true"],
    ["maxTtlDays", "none"],
    ["seats", "0"],
    ["approvalRoles", "Org Admin,Inviter"],
    ["outsideDomains", "approval"],
  ])("%s %j reads back as itself", (limit, raw) => {
    expect(metadataText(limit, value(limit, raw))).toBe(raw);
  });
});
