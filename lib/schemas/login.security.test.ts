// Security finding: /login redirects a signed-in visitor to callbackUrl; a few spellings leave the origin.
import { describe, expect, it, vi } from "vitest";

const BASE = "https://invites.example.test";
const nav = vi.hoisted(() => ({ redirect: vi.fn((url: string) => { throw Object.assign(new Error("NEXT_REDIRECT"), { url }); }) }));
vi.mock("next/navigation", () => nav);
vi.mock("@/lib/auth/session", () => ({ currentUser: async () => ({ id: "auth0|alice", email: "a@x.test", name: "A" }) }));
vi.mock("@/lib/env", () => ({ env: () => ({ NEXTAUTH_URL: BASE }) }));

const { default: LoginPage } = await import("@/app/login/page");

/** Where a browser lands when the server answers with this Location. */
async function landing(callbackUrl: string): Promise<string> {
  try {
    await LoginPage({ searchParams: Promise.resolve({ callbackUrl }) });
  } catch (error) {
    return new URL((error as { url: string }).url, BASE).origin;
  }
  return "(no redirect)";
}

describe("a signed-in visitor's callbackUrl stays on this origin", () => {
  it.each([
    ["a backslash after the slash", "/\\evil.example/phish"],
    ["a tab between the slashes", "/\t/evil.example/phish"],
    ["our own absolute URL with a double slash", `${BASE}//evil.example/phish`],
  ])("%s", async (_name, callbackUrl) => {
    expect(await landing(callbackUrl)).toBe(BASE);
  });

  it("a plain path is kept (control)", async () => {
    expect(await landing("/orgs/org_abc/invitations")).toBe(BASE);
  });
});

describe("sameOriginPath", async () => {
  const { sameOriginPath } = await import("./login");
  it.each([
    ["/orgs/org_a/invitations?x=1#y", "/orgs/org_a/invitations?x=1#y"],
    [`${BASE}/orgs/org_a/activity`, "/orgs/org_a/activity"],
    ["https://evil.example/", "/"],
    ["//evil.example", "/"],
    ["/\\evil.example", "/"],
    [`${BASE}//evil.example/x`, "/"],
    ["javascript:alert(1)", "/"],
    [undefined, "/"],
    ["", "/"],
  ])("%s → %s", (input, expected) => {
    expect(sameOriginPath(input, BASE)).toBe(expected);
  });
});
