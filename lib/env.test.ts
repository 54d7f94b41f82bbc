import { describe, expect, it } from "vitest";
import { TEST_ENV } from "@/lib/testing/test-env";
import { parseEnv } from "./env";

const valid = TEST_ENV;

describe("parseEnv", () => {
  it("applies the documented defaults", () => {
    const env = parseEnv(valid);
    expect(env.INVITER_ROLES).toEqual(["Org Admin", "Inviter"]);
    expect(env.ROLE_RANKING).toEqual(["Member", "Billing", "Inviter", "Org Admin"]);
    expect(env.SUPPORT_ROLE).toBe("Support Agent");
    expect(env.AUTH0_ISSUER_BASE_URL).toBe("http://127.0.0.1:8080");
    expect(env.DATABASE_URL).toBeUndefined();
    expect(env.ALLOWED_CLIENT_IDS).toBeUndefined();
    expect(env.APPLICATION_ORGANIZATIONS_METADATA_KEY).toBe("inviter_organizations");
    expect(env.ORGANIZATION_APPLICATIONS_METADATA_KEY).toBe("inviter_applications");
    expect(env.DIRECTORY_REFRESH_INTERVAL_SECONDS).toBe(3600);
  });

  it("takes the directory refresh interval in whole seconds, 0 turning the schedule off", () => {
    expect(parseEnv({ ...valid, DIRECTORY_REFRESH_INTERVAL_SECONDS: "0" }).DIRECTORY_REFRESH_INTERVAL_SECONDS).toBe(0);
    expect(() => parseEnv({ ...valid, DIRECTORY_REFRESH_INTERVAL_SECONDS: "1.5" })).toThrow(/DIRECTORY_REFRESH_INTERVAL_SECONDS must be a whole number of seconds/);
    expect(() => parseEnv({ ...valid, DIRECTORY_REFRESH_INTERVAL_SECONDS: "-1" })).toThrow(/DIRECTORY_REFRESH_INTERVAL_SECONDS/);
  });

  it("checks the delegation policy's defaults with the metadata's parser, and its keys like the others", () => {
    const env = parseEnv({ ...valid, POLICY_DOMAINS: "acme.com,*.acme.co.uk", POLICY_MAX_TTL_DAYS: "7" });
    expect(env.POLICY_DOMAINS).toBe("acme.com,*.acme.co.uk");
    expect(env.POLICY_DOMAINS_METADATA_KEY).toBe("invite_domains");
    expect(env.POLICY_BLOCK_FREE_MAIL).toBeUndefined();
    expect(() => parseEnv({ ...valid, POLICY_MAX_TTL_DAYS: "7d" })).toThrow(/POLICY_MAX_TTL_DAYS is not valid: "7d" is not a whole number of days/);
    expect(() => parseEnv({ ...valid, POLICY_DOMAINS: "acme" })).toThrow(/POLICY_DOMAINS is not valid: "acme" is not a domain/);
    expect(() => parseEnv({ ...valid, POLICY_BLOCK_FREE_MAIL: "yes" })).toThrow(/POLICY_BLOCK_FREE_MAIL/);
    expect(() => parseEnv({ ...valid, POLICY_DOMAINS_METADATA_KEY: "invite.domains" })).toThrow(/POLICY_DOMAINS_METADATA_KEY/);
  });

  it("names every missing or invalid variable", () => {
    const { AUTH0_CLIENT_ID: _, ...missing } = valid;
    const attempt = () => parseEnv({ ...missing, AUTH0_MANAGEMENT_DOMAIN: "https://tenant.auth0.com", NEXTAUTH_SECRET: "" });
    expect(attempt).toThrow(/AUTH0_CLIENT_ID is required/);
    expect(attempt).toThrow(/AUTH0_MANAGEMENT_DOMAIN must be a bare host name/);
    expect(attempt).toThrow(/NEXTAUTH_SECRET is required/);
    expect(() => parseEnv({ ...valid, ORGANIZATION_APPLICATIONS_METADATA_KEY: "inviter.apps" })).toThrow(
      /ORGANIZATION_APPLICATIONS_METADATA_KEY must be a metadata key name/,
    );
  });

  it("reads webhook endpoints from JSON, naming the endpoint and field that is wrong", () => {
    const secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    const env = parseEnv({ ...valid, WEBHOOK_ENDPOINTS: JSON.stringify([{ url: "https://hooks.example.com/a", secret }]) });
    expect(env.WEBHOOK_ENDPOINTS).toEqual([{ url: "https://hooks.example.com/a", secret }]);
    expect(env.WEBHOOK_ALLOW_PRIVATE).toBe(false);
    expect(env.WEBHOOK_GIVE_UP_HOURS).toBe(24);
    expect(parseEnv(valid).WEBHOOK_ENDPOINTS).toEqual([]);
    expect(parseEnv({ ...valid, WEBHOOK_ALLOW_PRIVATE: "true" }).WEBHOOK_ALLOW_PRIVATE).toBe(true);
    expect(() => parseEnv({ ...valid, WEBHOOK_ENDPOINTS: JSON.stringify([{ url: "https://hooks.example.com/a", secret: "s3cret" }]) })).toThrow(
      /WEBHOOK_ENDPOINTS\.0\.secret must be a Standard Webhooks secret/,
    );
    expect(() => parseEnv({ ...valid, WEBHOOK_ALLOW_PRIVATE: "yes" })).toThrow(/WEBHOOK_ALLOW_PRIVATE must be true or false/);
  });

  describe("refuses webhook endpoints at internal IP addresses at start-up", () => {
    const secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    const withEndpoint = (url: string, allowPrivate?: string) =>
      parseEnv({ ...valid, WEBHOOK_ENDPOINTS: JSON.stringify([{ url: "https://hooks.example.com/a", secret }, { url, secret }]), WEBHOOK_ALLOW_PRIVATE: allowPrivate });

    it.each([
      ["IPv4 loopback", "http://127.0.0.1:8080/hook", "127.0.0.1"],
      ["IPv4 loopback, decimal", "http://2130706433/hook", "127.0.0.1"],
      ["IPv4 loopback, octal and hex", "http://0177.0.0.1/hook", "127.0.0.1"],
      ["IPv4 loopback, short", "http://0x7f.1/hook", "127.0.0.1"],
      ["IPv4 link-local (metadata service)", "http://169.254.169.254/latest", "169.254.169.254"],
      ["IPv4 private 10/8", "https://10.1.2.3/hook", "10.1.2.3"],
      ["IPv4 private 172.16/12", "https://172.20.0.5/hook", "172.20.0.5"],
      ["IPv4 private 192.168/16", "https://192.168.1.10/hook", "192.168.1.10"],
      ["IPv4 carrier-grade NAT", "https://100.64.0.1/hook", "100.64.0.1"],
      ["IPv4 unspecified", "http://0.0.0.0/hook", "0.0.0.0"],
      ["IPv6 loopback", "http://[::1]:8080/hook", "::1"],
      ["IPv6 unspecified", "http://[::]/hook", "::"],
      ["IPv6 link-local", "http://[fe80::1]/hook", "fe80::1"],
      ["IPv6 unique-local", "https://[fd12:3456::1]/hook", "fd12:3456::1"],
      ["IPv4-mapped IPv6 loopback", "http://[::ffff:127.0.0.1]/hook", "::ffff:7f00:1"],
      ["IPv4-mapped IPv6 private, long form", "http://[0:0:0:0:0:ffff:a00:1]/hook", "::ffff:a00:1"],
      ["IPv4-compatible IPv6 loopback", "http://[::127.0.0.1]/hook", "::7f00:1"],
    ])("%s: %s", (_, url, host) => {
      expect(() => withEndpoint(url)).toThrow(
        `WEBHOOK_ENDPOINTS.1.url ${url} is at ${host}, a loopback, link-local or private address: refused. Give the endpoint's public address, or set WEBHOOK_ALLOW_PRIVATE=true if it is meant to be internal.`,
      );
    });

    it("lets public addresses and host names through; names are checked at delivery", () => {
      expect(withEndpoint("https://93.184.216.34/hook").WEBHOOK_ENDPOINTS).toHaveLength(2);
      expect(withEndpoint("https://[2606:4700:4700::1111]/hook").WEBHOOK_ENDPOINTS).toHaveLength(2);
      expect(withEndpoint("https://localhost/hook").WEBHOOK_ENDPOINTS).toHaveLength(2);
    });

    it("takes internal addresses with WEBHOOK_ALLOW_PRIVATE=true", () => {
      expect(withEndpoint("http://127.0.0.1:8080/hook", "true").WEBHOOK_ENDPOINTS[1]?.url).toBe("http://127.0.0.1:8080/hook");
      expect(withEndpoint("http://[fd00::1]/hook", "true").WEBHOOK_ALLOW_PRIVATE).toBe(true);
      expect(() => withEndpoint("http://[fd00::1]/hook", "false")).toThrow(/WEBHOOK_ENDPOINTS\.1\.url http:\/\/\[fd00::1\]\/hook is at fd00::1/);
    });
  });

  it("splits comma lists", () => {
    expect(parseEnv({ ...valid, ALLOWED_CLIENT_IDS: "a, b,,c" }).ALLOWED_CLIENT_IDS).toEqual(["a", "b", "c"]);
  });
});
