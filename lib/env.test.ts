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

  it("splits comma lists", () => {
    expect(parseEnv({ ...valid, ALLOWED_CLIENT_IDS: "a, b,,c" }).ALLOWED_CLIENT_IDS).toEqual(["a", "b", "c"]);
  });
});
