import { NextRequest } from "next/server";
import { describe, expect, it } from "vitest";
import { contentSecurityPolicy, securityHeaders, servedOverHttps } from "./security-headers";

describe("contentSecurityPolicy", () => {
  it("allows scripts by nonce only, and eval only in development", () => {
    const production = contentSecurityPolicy("bm9uY2U=", { https: false, development: false });
    expect(production).toContain("script-src 'self' 'nonce-bm9uY2U=' 'strict-dynamic';");
    expect(production).not.toContain("unsafe-eval");
    expect(production).toContain("frame-ancestors 'none'");
    expect(production).not.toContain("upgrade-insecure-requests");
    expect(contentSecurityPolicy("n", { https: false, development: true })).toContain("'unsafe-eval'");
    expect(contentSecurityPolicy("n", { https: true, development: false })).toContain("upgrade-insecure-requests");
  });

  it("lets forms post here only, unless a page's form is sent on to a named origin", () => {
    expect(contentSecurityPolicy("n", { https: false, development: false })).toContain("form-action 'self';");
    expect(contentSecurityPolicy("n", { https: false, development: false, formTargets: ["https://login.example.com"] })).toContain(
      "form-action 'self' https://login.example.com;",
    );
  });
});

describe("servedOverHttps", () => {
  it("trusts the URL and a reverse proxy's X-Forwarded-Proto", () => {
    expect(servedOverHttps(new NextRequest("http://app.test/"))).toBe(false);
    expect(servedOverHttps(new NextRequest("https://app.test/"))).toBe(true);
    expect(servedOverHttps(new NextRequest("http://app.test/", { headers: { "x-forwarded-proto": "https" } }))).toBe(true);
    expect(servedOverHttps(new NextRequest("http://app.test/", { headers: { "x-forwarded-proto": "HTTPS, http" } }))).toBe(true);
    expect(servedOverHttps(new NextRequest("http://app.test/", { headers: { "x-forwarded-proto": "http" } }))).toBe(false);
  });
});

describe("securityHeaders", () => {
  it("sends HSTS over https only", () => {
    expect(securityHeaders("p", { https: false })).not.toHaveProperty("Strict-Transport-Security");
    expect(securityHeaders("p", { https: true })["Strict-Transport-Security"]).toMatch(/^max-age=\d+/);
    expect(securityHeaders("p", { https: false })).toMatchObject({ "X-Content-Type-Options": "nosniff", "Referrer-Policy": "same-origin" });
  });
});
