import { describe, expect, it } from "vitest";
import { decideLogout, logoutUrlAllowed } from "./logout-urls.ts";
import type { Client } from "./tenant.ts";

describe("Allowed Logout URLs", () => {
  it.each([
    ["https://app.example.com/login", "https://app.example.com/login?invitation=x&organization=org_1", true],
    ["https://app.example.com/login", "https://app.example.com/login#top", true],
    ["https://app.example.com/login", "https://APP.example.com/login", true],
    ["https://app.example.com", "https://app.example.com/", true],
    ["https://app.example.com/login", "https://app.example.com/login/", false],
    ["https://app.example.com/login", "https://app.example.com/Login", false],
    ["https://app.example.com/login", "http://app.example.com/login", false],
    ["https://app.example.com/login", "https://app.example.com:8443/login", false],
    ["https://app.example.com/login", "https://evil.example/login?https://app.example.com/login", false],
    ["https://*.example.com/login", "https://acme.example.com/login?invitation=x", true],
    ["https://*.example.com/login", "https://example.com/login", false],
    ["https://*.example.com/login", "https://a.b.example.com/login", false],
    ["https://*.example.com/login", "https://acme.example.com.evil.test/login", false],
    ["*.example.com", "https://acme.example.com/", false],
    ["https://app.example.com/login", "not a url", false],
  ])("%s allows %s: %s", (allowed, returnTo, expected) => {
    expect(logoutUrlAllowed(allowed, returnTo)).toBe(expected);
  });

  const client = { client_id: "c1", allowed_logout_urls: ["https://app.example.com/", "https://app.example.com/login"] } as Client;
  const tenant = { allowed_logout_urls: ["https://tenant.example.com/bye"] };

  it("reads the application's list with client_id and the tenant's without", () => {
    expect(decideLogout(tenant, client, "c1", "https://app.example.com/login?x=1")).toEqual({ kind: "return", url: "https://app.example.com/login?x=1" });
    expect(decideLogout(tenant, client, "c1", "https://tenant.example.com/bye")).toMatchObject({ kind: "refused" });
    expect(decideLogout(tenant, undefined, null, "https://tenant.example.com/bye")).toEqual({ kind: "return", url: "https://tenant.example.com/bye" });
    expect(decideLogout(tenant, undefined, null, "https://app.example.com/login")).toMatchObject({ kind: "refused" });
  });

  it("without returnTo goes to the application's first URL, or nowhere without client_id; an unknown client is refused", () => {
    expect(decideLogout(tenant, client, "c1", null)).toEqual({ kind: "return", url: "https://app.example.com/" });
    expect(decideLogout(tenant, undefined, null, null)).toEqual({ kind: "signed-out" });
    expect(decideLogout(tenant, undefined, "nope", "https://tenant.example.com/bye")).toMatchObject({ kind: "refused" });
  });
});
