// The one "already a member / already invited" rule: the invite form and the bulk preview decide the same,
// against the emulator through the real SDK, for an address whose invitation expired while Auth0 still lists
// it (it no longer stands in the way), an address that is already a member, and one with a live invitation.
import { afterAll, describe, expect, it, vi } from "vitest";
import { ACME, control, createInvitation, useEmulator } from "@/e2e/auth0-emulator/management/testing";
import { testContext } from "@/lib/testing/action-context";

vi.mock("@/lib/env", async (importOriginal) => (await import("@/lib/testing/emulator-env")).emulatorEnv(await importOriginal()));
vi.mock("@/lib/db/store", async () => {
  const { openStore } = await vi.importActual<typeof import("@/lib/db/store")>("@/lib/db/store");
  const memory = openStore({});
  return { store: () => memory };
});

useEmulator();
const { createInvitations } = await import("./create");
const { planBulkJob } = await import("@/lib/bulk/preview");
const { createInvitationsSchema } = await import("@/lib/schemas/invitation");
const { previewBulkSchema } = await import("@/lib/schemas/bulk");

const ACME_PORTAL = "AcmePortalClientId00000000000002";
const MEMBER_ROLE = "rol_Member0000000003";
const { ctx } = testContext(ACME, { kind: "member", roleNames: ["Org Admin"] }, { user: { id: "auth0|alice0000000000000000001", email: "alice@acme.test", name: "Alice Admin" } });
const settings = { orgId: ACME, clientId: ACME_PORTAL, roleIds: [MEMBER_ROLE], inviterName: "Alice Admin", sendEmail: true };

afterAll(() => {
  for (const key of ["__managementClient", "__invitationWriteClient"]) delete (globalThis as Record<string, unknown>)[key];
});

describe("the one existing-invitee rule", () => {
  it("decides the same in the invite form and the bulk preview", async () => {
    const expired = `expired.${Date.now()}@example.test`;
    const pending = `pending.${Date.now()}@example.test`;
    const member = "bob@acme.test";
    expect((await createInvitation({ invitee: { email: expired }, ttl_sec: 60 })).status).toBe(201);
    // The tenant's clock moves past that expiry; Auth0 keeps the expired invitation listed for a while.
    await control("POST", "clock", { advanceSeconds: 120, expiredGraceSeconds: 86_400 });
    expect((await createInvitation({ invitee: { email: pending } })).status).toBe(201);
    const listed = (await control("GET", "state")).body.invitations.map((i: { invitee: { email: string } }) => i.invitee.email);
    expect(listed).toEqual(expect.arrayContaining([expired, pending]));

    const plan = await planBulkJob(ctx, previewBulkSchema.parse({ ...settings, list: { source: "paste", text: [expired, member, pending].join("\n") } }));
    const preview = Object.fromEntries(plan.rows.map((row) => [row.email, row.state === "queued" ? "send" : "skip"]));

    const outcomes = await createInvitations(ctx, createInvitationsSchema.parse({ ...settings, emails: [expired, member, pending].join(" ") }));
    const form = Object.fromEntries(outcomes.map((outcome) => [outcome.email, outcome.status === "created" ? "send" : "skip"]));

    expect(preview).toEqual({ [expired]: "send", [member]: "skip", [pending]: "skip" });
    expect(form).toEqual(preview);
    expect(outcomes.find((outcome) => outcome.email === member)?.message).toContain("Already a member");
    expect(plan.rows.find((row) => row.email === member)).toMatchObject({ detail: expect.stringContaining("Already a member") });
  });
});
