// Every way to send asks the delegation policy with the invitee's address and the invitation's expiry, through
// the one pipeline: the invite form (one address refused, the next sent), resend (replace) and re-invite
// (and renew-all, which re-invites each). Auth0 is replaced; the organization's metadata carries the policy.
import { beforeEach, describe, expect, it, vi } from "vitest";
import type { LedgerInvitation } from "@/lib/db/schema";
import { testContext } from "@/lib/testing/action-context";

const api = vi.hoisted(() => ({ create: vi.fn(), delete: vi.fn(), get: vi.fn(), metadata: {} as Record<string, string> }));
vi.mock("@/lib/auth0/invitation-writer", () => ({ sendInvitation: api.create, revokeInvitation: api.delete }));
vi.mock("@/lib/auth0/organization-data", () => ({
  getInvitation: api.get,
  listInvitations: async () => [],
  listMembers: async () => [],
  isMemberByEmail: async () => false,
  invitationsCreatedSince: async () => ({ invitations: [], complete: true }),
}));
vi.mock("@/lib/auth0/directory", () => ({
  tenantRoles: async () => [{ id: "rol_Member", name: "Member" }],
  applications: async () => [{ clientId: "cli_allowed", name: "Allowed", metadata: {}, loginRoute: true }],
  organizationById: async () => ({ id: "org_acme", name: "acme", displayName: "Acme", metadata: api.metadata }),
  enabledConnections: async () => [],
}));
vi.mock("@/lib/db/store", async (importOriginal) => (await import("@/lib/testing/memory-store")).memoryStore(await importOriginal()));
vi.mock("@/lib/env", async (importOriginal) => (await import("@/lib/testing/test-env")).testEnv(await importOriginal(), { ALLOWED_CLIENT_IDS: "cli_allowed" }));

const { createInvitations } = await import("./create");
const { reinvite, resendInvitation } = await import("./change");

const { ctx } = testContext("org_acme", { kind: "member", roleNames: ["Inviter"] }, { user: { id: "auth0|ivan", email: "ivan@acme.test", name: "Ivan" } });
const DAY = 86_400;
const form = (emails: string[], ttlSeconds = DAY) => ({
  orgId: "org_acme",
  emails,
  clientId: "cli_allowed",
  connectionId: undefined,
  roleIds: ["rol_Member"],
  ttlSeconds,
  sendEmail: true,
  inviterName: "Ivan",
  replacePending: false,
  unsent: [],
});
const sentTo = () => api.create.mock.calls.map(([, body]) => (body as { invitee: { email: string } }).invitee.email);

beforeEach(() => {
  vi.clearAllMocks();
  api.metadata = { invite_domains: "acme.test", invite_max_ttl_days: "1" };
  api.create.mockImplementation(async (_access, body: { invitee: { email: string } }) => ({ ok: true, value: { id: `uinv_${body.invitee.email}`, invitee: body.invitee } }));
  api.delete.mockResolvedValue({ ok: true, value: "revoked" });
});

describe("the invite form", () => {
  it("refuses the address outside the allowed domains with the rule's message, and sends the other", async () => {
    const outcomes = await createInvitations(ctx, form(["someone@gmail.com", "new@acme.test"]));
    expect(outcomes).toEqual([
      expect.objectContaining({
        email: "someone@gmail.com",
        status: "skipped",
        message: "gmail.com is outside acme.test, the organization's allowed domains: ask an operator to add the domain, or invite an address there.",
      }),
      expect.objectContaining({ email: "new@acme.test", status: "created" }),
    ]);
    expect(sentTo()).toEqual(["new@acme.test"]);
  });

  it("refuses an expiry above the longest allowed, for every address", async () => {
    const outcomes = await createInvitations(ctx, form(["new@acme.test"], 7 * DAY));
    expect(outcomes[0]).toMatchObject({ status: "skipped", message: expect.stringContaining("longer than the 1 day the organization's policy allows") });
    expect(api.create).not.toHaveBeenCalled();
  });

  it("refuses every address while the metadata is malformed", async () => {
    api.metadata = { invite_max_ttl_days: "7d" };
    const outcomes = await createInvitations(ctx, form(["new@acme.test"]));
    expect(outcomes[0]).toMatchObject({ status: "skipped", message: expect.stringContaining("invite_max_ttl_days") });
    expect(api.create).not.toHaveBeenCalled();
  });
});

describe("resend (replace) and re-invite", () => {
  const original = (email: string, days: number) => ({
    id: "uinv_orig",
    invitee: { email },
    inviter: { name: "Alice" },
    client_id: "cli_allowed",
    roles: ["rol_Member"],
    created_at: "2030-01-01T00:00:00.000Z",
    expires_at: new Date(Date.parse("2030-01-01T00:00:00.000Z") + days * DAY * 1000).toISOString(),
  });

  it("resend refuses an address the policy now refuses, before revoking the old invitation", async () => {
    api.get.mockResolvedValue(original("someone@gmail.com", 1));
    await expect(resendInvitation(ctx, "uinv_orig")).rejects.toMatchObject({ message: expect.stringContaining("outside acme.test") });
    expect(api.delete).not.toHaveBeenCalled();
    expect(api.create).not.toHaveBeenCalled();
  });

  it("resend refuses a lifetime above the longest expiry, and sends one within it", async () => {
    api.get.mockResolvedValue(original("old@acme.test", 7));
    await expect(resendInvitation(ctx, "uinv_orig")).rejects.toMatchObject({ message: expect.stringContaining("Expires in 7 days") });
    expect(api.create).not.toHaveBeenCalled();
    api.get.mockResolvedValue(original("old@acme.test", 1));
    await expect(resendInvitation(ctx, "uinv_orig")).resolves.toMatchObject({ status: "replaced" });
    expect(sentTo()).toEqual(["old@acme.test"]);
  });

  it("re-invite (and so renew-all) refuses an address outside the allowed domains", async () => {
    const entry = {
      id: "uinv_gone",
      inviteeEmail: "someone@gmail.com",
      clientId: "cli_allowed",
      connectionId: null,
      roleIds: ["rol_Member"],
      createdAt: new Date("2030-01-01T00:00:00Z"),
      expiresAt: new Date("2030-01-02T00:00:00Z"),
      sendEmail: true,
      status: "expired",
      successorId: null,
    } as unknown as LedgerInvitation;
    await expect(reinvite(ctx, entry)).rejects.toMatchObject({ code: "reinvite_failed", message: expect.stringContaining("outside acme.test") });
    expect(api.create).not.toHaveBeenCalled();
  });
});
