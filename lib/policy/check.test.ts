// The delegation policy's format and its check of one address: parsing (fail closed on a typo), where each
// limit comes from, the subdomain rule, case, IDN and free mail, and the expiry ceiling.
import { describe, expect, it } from "vitest";
import { approvalNeed, approvalNotAsked, policyProblem, sentForApproval } from "./check";
import { DEFAULT_POLICY_KEYS, addressDomain, parsers, resolvePolicy, type PolicyDefaults } from "./format";

const DAY = 86_400;
const policy = (metadata: Record<string, string>, defaults: PolicyDefaults = {}) => resolvePolicy(metadata, DEFAULT_POLICY_KEYS, defaults);
const check = (metadata: Record<string, string>, email: string, ttlSeconds = DAY, defaults: PolicyDefaults = {}) =>
  policyProblem(policy(metadata, defaults), { email, ttlSeconds });
const code = (metadata: Record<string, string>, email: string, ttlSeconds = DAY, defaults: PolicyDefaults = {}) => check(metadata, email, ttlSeconds, defaults)?.code;

describe("parsing a value", () => {
  it.each([
    ["acme.com", [{ domain: "acme.com", subdomains: false }]],
    [" Acme.COM , *.acme.co.uk ", [{ domain: "acme.com", subdomains: false }, { domain: "acme.co.uk", subdomains: true }]],
    ["bücher.example", [{ domain: "xn--bcher-kva.example", subdomains: false }]],
    ["*", undefined],
  ])("allowed domains %j", (raw, value) => {
    expect(parsers.domains(raw)).toEqual({ ok: true, value });
  });

  it.each(["", "acme.com,", "acme", "@acme.com", "https://acme.com", "*acme.com", "acme.com;acme.co.uk", "-acme.com", "a b.com", "*.*.acme.com"])(
    "refuses the domain list %j, saying what is wrong",
    (raw) => {
      const parsed = parsers.domains(raw);
      expect(parsed.ok).toBe(false);
      expect(parsed.ok ? "" : parsed.problem).toMatch(/empty entry|is not a domain/);
    },
  );

  it("reads none as no blocked domain, and * is not a blocked domain", () => {
    expect(parsers.blockedDomains("none")).toEqual({ ok: true, value: undefined });
    expect(parsers.blockedDomains("*").ok).toBe(false);
  });

  it.each([["true", true], ["FALSE", false], [" true ", true]])("free mail %j", (raw, value) => {
    expect(parsers.blockFreeMail(raw)).toEqual({ ok: true, value });
  });
  it.each(["yes", "1", "", "on"])("refuses free mail %j", (raw) => expect(parsers.blockFreeMail(raw).ok).toBe(false));

  it.each([["1", 1], ["30", 30], ["none", undefined]])("max expiry %j", (raw, value) => {
    expect(parsers.maxTtlDays(raw)).toEqual({ ok: true, value });
  });
  it.each(["0", "31", "7d", "1.5", "", "-1"])("refuses max expiry %j", (raw) => expect(parsers.maxTtlDays(raw).ok).toBe(false));

  it.each([["0", 0], ["50", 50], [" 7 ", 7], ["none", undefined]])("seats %j", (raw, value) => {
    expect(parsers.seats(raw)).toEqual({ ok: true, value });
  });
  it.each(["-1", "1.5", "fifty", "", "10000001"])("refuses seats %j", (raw) => expect(parsers.seats(raw).ok).toBe(false));

  it.each([["Org Admin", ["Org Admin"]], [" Org Admin , Billing ", ["Org Admin", "Billing"]], ["none", []]])("approval roles %j", (raw, value) => {
    expect(parsers.approvalRoles(raw)).toEqual({ ok: true, value });
  });
  it.each(["", "Org Admin,", ",Billing"])("refuses approval roles %j", (raw) => expect(parsers.approvalRoles(raw).ok).toBe(false));

  it.each([["refuse", "refuse"], [" Approval ", "approval"]])("outside domains %j", (raw, value) => {
    expect(parsers.outsideDomains(raw)).toEqual({ ok: true, value });
  });
  it.each(["", "approve", "allow"])("refuses outside domains %j", (raw) => expect(parsers.outsideDomains(raw).ok).toBe(false));
});

describe("resolving: organization metadata over tenant default over none", () => {
  it("says where each limit comes from", () => {
    const resolved = policy({ invite_domains: "acme.com", unrelated: "x" }, { domains: "globex.com", maxTtlDays: "7" });
    expect(resolved.domains).toMatchObject({ source: "organization", ok: true, value: [{ domain: "acme.com", subdomains: false }] });
    expect(resolved.maxTtlDays).toMatchObject({ source: "tenant", ok: true, value: 7 });
    expect(resolved.blockedDomains).toMatchObject({ source: "none", ok: true, value: undefined });
    expect(resolved.blockFreeMail).toMatchObject({ source: "none", ok: true, value: false });
    expect(resolved.seats).toMatchObject({ source: "none", ok: true, value: undefined });
    expect(resolved.approvalRoles).toMatchObject({ source: "none", ok: true, value: [] });
    expect(resolved.outsideDomains).toMatchObject({ source: "none", ok: true, value: "refuse" });
  });

  it("lets the organization lift a tenant default explicitly with * or none", () => {
    expect(code({ invite_domains: "*" }, "a@globex.com", DAY, { domains: "acme.com" })).toBeUndefined();
    expect(code({}, "a@globex.com", DAY, { domains: "acme.com" })).toBe("domain_not_allowed");
    expect(code({ invite_max_ttl_days: "none" }, "a@acme.com", 30 * DAY, { maxTtlDays: "1" })).toBeUndefined();
  });

  it("reads renamed keys", () => {
    const keys = { ...DEFAULT_POLICY_KEYS, domains: "allowed" };
    expect(resolvePolicy({ allowed: "acme.com", invite_domains: "*" }, keys, {}).domains).toMatchObject({ key: "allowed", value: [{ domain: "acme.com" }] });
  });

  it("fails closed on a malformed organization value: every address is refused, naming the key", () => {
    const typos: Record<string, string>[] = [{ invite_max_ttl_days: "7d" }, { invite_domains: "" }, { invite_block_free_mail: "yes" }, { invite_blocked_domains: "acme" }, { invite_seats: "many" }, { invite_outside_domains: "allow" }];
    for (const metadata of typos) {
      const problem = check(metadata, "anyone@acme.com");
      expect(problem?.code).toBe("policy_malformed");
      expect(problem?.message).toContain(Object.keys(metadata)[0]);
    }
  });
});

describe("checking an address", () => {
  it("allows exactly a listed domain, and subdomains only through *.", () => {
    const metadata = { invite_domains: "acme.com,*.acme.co.uk" };
    expect(code(metadata, "a@acme.com")).toBeUndefined();
    expect(code(metadata, "a@eu.acme.com")).toBe("domain_not_allowed");
    expect(code(metadata, "a@eu.acme.co.uk")).toBeUndefined();
    expect(code(metadata, "a@x.y.acme.co.uk")).toBeUndefined();
    expect(code(metadata, "a@acme.co.uk")).toBe("domain_not_allowed");
    // A suffix that is not a subdomain does not match.
    expect(code(metadata, "a@notacme.com")).toBe("domain_not_allowed");
    expect(code(metadata, "a@evil-acme.co.uk")).toBe("domain_not_allowed");
  });

  it("compares case-insensitively and IDNs in punycode", () => {
    expect(code({ invite_domains: "ACME.com" }, "A@Acme.COM")).toBeUndefined();
    expect(code({ invite_domains: "bücher.example" }, "a@xn--bcher-kva.example")).toBeUndefined();
    expect(code({ invite_domains: "xn--bcher-kva.example" }, "a@BÜCHER.example")).toBeUndefined();
    expect(addressDomain("a@Bücher.Example")).toBe("xn--bcher-kva.example");
  });

  it("names the rule and what to do", () => {
    expect(check({ invite_domains: "acme.com,acme.co.uk" }, "someone@gmail.com")?.message).toBe(
      "gmail.com is outside acme.com and acme.co.uk, the organization's allowed domains: ask an operator to add the domain, or invite an address there.",
    );
    expect(check({}, "someone@gmail.com", DAY, { domains: "acme.com" })?.message).toContain("this app's default allowed domains");
    expect(check({ invite_blocked_domains: "*.acme.com" }, "a@old.acme.com")?.message).toBe(
      "old.acme.com is blocked by *.acme.com, in the organization's blocked domains: invite an address at another domain, or ask an operator to unblock it.",
    );
  });

  it("refuses a blocked domain even inside an allowed one", () => {
    expect(code({ invite_domains: "*.acme.com", invite_blocked_domains: "old.acme.com" }, "a@old.acme.com")).toBe("domain_blocked");
    expect(code({ invite_domains: "*.acme.com", invite_blocked_domains: "old.acme.com" }, "a@new.acme.com")).toBeUndefined();
  });

  it("refuses free and disposable mail providers from the freemail list when asked to, and only then", () => {
    expect(code({ invite_block_free_mail: "true" }, "a@gmail.com")).toBe("free_mail_blocked");
    expect(code({ invite_block_free_mail: "true" }, "a@yahoo.co.uk")).toBe("free_mail_blocked");
    expect(code({ invite_block_free_mail: "true" }, "a@mailinator.com")).toBe("free_mail_blocked");
    expect(code({ invite_block_free_mail: "true" }, "a@acme.com")).toBeUndefined();
    expect(code({ invite_block_free_mail: "false" }, "a@gmail.com")).toBeUndefined();
    expect(code({}, "a@gmail.com", DAY, { blockFreeMail: "true" })).toBe("free_mail_blocked");
    expect(check({ invite_block_free_mail: "true" }, "a@GMail.com")?.message).toContain("gmail.com is a free or disposable mail provider");
  });

  it("refuses an expiry above the longest allowed, with the maximum in the message", () => {
    expect(code({ invite_max_ttl_days: "1" }, "a@acme.com", DAY)).toBeUndefined();
    const problem = check({ invite_max_ttl_days: "1" }, "a@acme.com", 7 * DAY);
    expect(problem).toMatchObject({ code: "expiry_too_long", field: "customAmount" });
    expect(problem?.message).toBe("Expires in 7 days, longer than the 1 day the organization's policy allows: choose 1 day or less.");
    expect(check({}, "a@acme.com", 25 * 3600, { maxTtlDays: "1" })?.message).toContain("Expires in 25 hours");
  });

  it("has nothing to say with no policy", () => {
    expect(check({}, "anyone@gmail.com", 30 * DAY)).toBeUndefined();
  });
});

describe("what needs approval", () => {
  const ACME = { invite_domains: "acme.com,acme.co.uk" };
  const APPROVAL = { ...ACME, invite_outside_domains: "approval" };
  const need = (metadata: Record<string, string>, email: string, roleNames: string[] = [], defaults: PolicyDefaults = {}) =>
    approvalNeed(policy(metadata, defaults), { email, roleNames });

  it("sends an address outside the allowed domains for approval when the policy says so, and refuses it otherwise", () => {
    expect(code(ACME, "x@gmail.com")).toBe("domain_not_allowed");
    expect(need(ACME, "x@gmail.com")).toBeUndefined();
    expect(code(APPROVAL, "x@gmail.com")).toBeUndefined();
    const outside = need(APPROVAL, "x@gmail.com");
    expect(outside).toEqual({ rule: "outside_domains", because: "gmail.com is outside acme.com and acme.co.uk, the organization's allowed domains" });
    expect(sentForApproval(outside!, "Org Admin")).toBe(
      "gmail.com is outside acme.com and acme.co.uk, the organization's allowed domains: ask an Org Admin to approve it (sent for approval).",
    );
    expect(approvalNotAsked(outside!, "Owner")).toBe(
      "gmail.com is outside acme.com and acme.co.uk, the organization's allowed domains: it needs an Owner's approval, which only the invite form asks for; not sent.",
    );
  });

  it("needs nothing for an address inside the allowed domains, or when every domain is allowed", () => {
    expect(need(APPROVAL, "x@acme.co.uk")).toBeUndefined();
    expect(need({ invite_outside_domains: "approval" }, "x@gmail.com")).toBeUndefined();
  });

  it("still refuses what a hard rule refuses, outside the domains or not", () => {
    expect(code({ ...APPROVAL, invite_blocked_domains: "gmail.com" }, "x@gmail.com")).toBe("domain_blocked");
    expect(code({ ...APPROVAL, invite_block_free_mail: "true" }, "x@gmail.com")).toBe("free_mail_blocked");
    expect(code({ ...APPROVAL, invite_max_ttl_days: "1" }, "x@gmail.com", 7 * DAY)).toBe("expiry_too_long");
    expect(code({ ...APPROVAL, invite_approval_roles: "" }, "x@gmail.com")).toBe("policy_malformed");
    expect(need({ ...APPROVAL, invite_approval_roles: "" }, "x@gmail.com")).toBeUndefined();
  });

  it("asks approval for an invitation granting a listed role, in any case, naming the roles and the rule's source", () => {
    expect(need({ invite_approval_roles: "org admin, Billing" }, "x@acme.com", ["Member", "Org Admin", "billing"])).toEqual({
      rule: "approval_roles",
      because: "Org Admin and billing are roles whose invitations need approval under the organization's policy",
    });
    expect(need({}, "x@acme.com", ["Org Admin"], { approvalRoles: "Org Admin" })?.because).toBe(
      "Org Admin is a role whose invitations need approval under this app's default policy",
    );
    expect(need({ invite_approval_roles: "none" }, "x@acme.com", ["Org Admin"], { approvalRoles: "Org Admin" })).toBeUndefined();
    expect(need({ invite_approval_roles: "Org Admin" }, "x@acme.com", ["Member"])).toBeUndefined();
  });
});
