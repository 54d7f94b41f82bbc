// Security finding: resend re-creates the invitation with the ORIGINAL roles and application, never
// passing them through the role ceiling or the application/connection allow-list.
import { beforeEach, describe, expect, it, vi } from "vitest";
import { testContext } from "@/lib/testing/action-context";

const api = vi.hoisted(() => ({
  get: vi.fn(),
  delete: vi.fn(),
  create: vi.fn(),
}));
vi.mock("@/lib/auth0/management", () => ({
  management: () => ({
    organizations: {
      invitations: { get: (...args: unknown[]) => ({ withRawResponse: async () => ({ data: await api.get(...args), rawResponse: { headers: new Headers() } }) }) },
    },
  }),
}));
// The send pipeline's writes.
vi.mock("@/lib/auth0/invitation-writer", () => ({ sendInvitation: api.create, revokeInvitation: api.delete }));
vi.mock("@/lib/auth0/directory", () => ({
  tenantRoles: async () => [
    { id: "rol_Member", name: "Member" },
    { id: "rol_Inviter", name: "Inviter" },
    { id: "rol_OrgAdmin", name: "Org Admin" },
    { id: "rol_Support", name: "Support Agent" },
  ],
  applications: async () => [{ clientId: "cli_allowed", name: "Allowed", metadata: {}, loginRoute: true }],
  organizationById: async () => ({ id: "org_acme", name: "acme", displayName: "Acme", metadata: {} }),
  enabledConnections: async () => [],
}));
vi.mock("@/lib/db/store", async (importOriginal) => (await import("@/lib/testing/memory-store")).memoryStore(await importOriginal()));
vi.mock("@/lib/env", async (importOriginal) => (await import("@/lib/testing/test-env")).testEnv(await importOriginal(), { ALLOWED_CLIENT_IDS: "cli_allowed" }));

const { resendInvitation, revokeInvitation } = await import("./change");
const { store } = await import("@/lib/db/store");
const { auditEvents } = await import("@/lib/db/schema");
const { eq } = await import("drizzle-orm");

const { ctx: inviter } = testContext("org_acme", { kind: "member", roleNames: ["Inviter"] }, {
  user: { id: "auth0|ivan", email: "ivan@acme.test", name: "Ivan" },
});

beforeEach(async () => {
  vi.clearAllMocks();
  await (await store()).db.delete(auditEvents);
  api.delete.mockResolvedValue({ ok: true, value: "revoked" });
  api.create.mockResolvedValue({ ok: true, value: { id: "uinv_new" } });
});

describe("resend by an Inviter", () => {
  it.each([
    ["an Org Admin invitation (above the Inviter's ceiling)", ["rol_OrgAdmin"], "cli_allowed"],
    ["a Support Agent invitation (never assignable)", ["rol_Support"], "cli_allowed"],
    ["an invitation into an application outside the allow-list", ["rol_Member"], "cli_not_allowed"],
  ])("refuses to re-create %s, and writes nothing", async (_name, roles, clientId) => {
    api.get.mockResolvedValue({
      id: "uinv_orig",
      invitee: { email: "boss@acme.test" },
      inviter: { name: "Alice" },
      client_id: clientId,
      roles,
      created_at: "2030-01-01T00:00:00.000Z",
      expires_at: "2030-01-08T00:00:00.000Z",
    });
    await expect(resendInvitation(inviter, "uinv_orig")).rejects.toMatchObject({ name: "Refusal" });
    expect(api.delete).not.toHaveBeenCalled();
    expect(api.create).not.toHaveBeenCalled();
  });
});

describe("revoke by an Inviter", () => {
  const invitation = (roles: string[]) => ({
    id: "uinv_orig",
    invitee: { email: "someone@acme.test" },
    client_id: "cli_allowed",
    roles,
  });

  it("refuses to revoke an invitation granting a role above the Inviter's", async () => {
    api.get.mockResolvedValue(invitation(["rol_Member", "rol_OrgAdmin"]));
    await expect(revokeInvitation(inviter, "uinv_orig")).rejects.toMatchObject({ code: "role_not_assignable" });
    expect(api.delete).not.toHaveBeenCalled();
  });

  it("revokes one within the ceiling, and audits it with role names", async () => {
    api.get.mockResolvedValue(invitation(["rol_Member"]));
    await expect(revokeInvitation(inviter, "uinv_orig")).resolves.toEqual({ email: "someone@acme.test" });
    expect(api.delete).toHaveBeenCalledWith(expect.objectContaining({ orgId: "org_acme" }), "uinv_orig");
    // Written ahead of the call, settled once: one row, not "started" then "revoked".
    const trail = await (await store()).db.select().from(auditEvents).where(eq(auditEvents.invitationId, "uinv_orig"));
    expect(trail).toEqual([expect.objectContaining({ outcome: "revoked", roles: ["Member"], actorId: "auth0|ivan", organizationId: "org_acme" })]);
  });
});
