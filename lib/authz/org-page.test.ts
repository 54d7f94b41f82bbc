import { describe, expect, it, vi } from "vitest";

vi.mock("server-only", () => ({}));
vi.mock("./action", () => ({ authorizeView: vi.fn(), recordSupportView: vi.fn() }));
vi.mock("@/lib/auth0/directory", () => ({}));
vi.mock("@/lib/auth/session", () => ({}));

const { pageViewed } = await import("./org-page");

describe("pageViewed (how the trail names an organization page)", () => {
  it.each([
    ["/orgs/org_a/invitations", "the invitations"],
    ["/orgs/org_a/invitations?status=all", "the invitations"],
    ["/orgs/org_a/invitations/new", "the invite form"],
    ["/orgs/org_a/invitations/bulk", "the bulk invite form"],
    ["/orgs/org_a/invitations/bulk/0b7c9d1e-0000-4000-8000-000000000000", "a bulk job"],
    ["/orgs/org_a/invitations/uinv_abc", "an invitation's history"],
    ["/orgs/org_a/members", "the members"],
    ["/orgs/org_a/activity?actor=sam", "the activity"],
    ["/orgs/org_a/policy", "the delegation policy"],
  ])("%s → %s", (path, name) => {
    expect(pageViewed(path)).toBe(name);
  });
});
