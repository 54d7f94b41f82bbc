// The data-access layer against the emulator through the real `auth0` SDK: the custom-domain header,
// one token for many calls, the Management API calls inviting costs per address, and the one existing-invitee
// rule, decided alike by the invite form and the bulk preview.
import { afterAll, beforeEach, describe, expect, it, vi } from "vitest";
import { testContext } from "@/lib/testing/action-context";
import { ACME, control, createInvitation, useEmulator } from "@/e2e/auth0-emulator/management/testing";

vi.mock("@/lib/env", async (importOriginal) => (await import("@/lib/testing/emulator-env")).emulatorEnv(await importOriginal(), { AUTH0_CUSTOM_DOMAIN: "login.acme.test" }));

vi.mock("@/lib/db/store", async (importOriginal) => (await import("@/lib/testing/memory-store")).memoryStore(await importOriginal()));

useEmulator();
const { createInvitations } = await import("./create");
const { store } = await import("@/lib/db/store");
const { auditEvents } = await import("@/lib/db/schema");
const { createInvitationsSchema } = await import("@/lib/schemas/invitation");
const { planBulkJob } = await import("@/lib/bulk/preview");
const { previewBulkSchema } = await import("@/lib/schemas/bulk");

// Acme's own application (its client_metadata names Acme).
const ACME_PORTAL = "AcmePortalClientId00000000000002";
type LogEntry = { method: string; path: string };
const requests = async (): Promise<LogEntry[]> => (await control("GET", "requests")).body;
const { ctx } = testContext(ACME, { kind: "member", roleNames: ["Org Admin"] }, {
  user: { id: "auth0|alice0000000000000000001", email: "alice@acme.test", name: "Alice Admin" },
});
const input = (emails: string) =>
  createInvitationsSchema.parse({ orgId: ACME, emails, clientId: ACME_PORTAL, roleIds: ["rol_Member0000000003"], inviterName: "Alice Admin", sendEmail: true });

beforeEach(async () => {
  await (await store()).db.delete(auditEvents);
});
afterAll(() => {
  for (const key of ["__managementClient", "__invitationWriteClient"]) delete (globalThis as Record<string, unknown>)[key];
});

describe("inviting through the SDK", () => {
  it("sends the configured custom domain, so links and emails carry it", async () => {
    const [outcome] = await createInvitations(ctx, input("custom.domain@example.test"));
    expect(outcome).toMatchObject({ status: "created" });
    const mailbox = (await control("GET", "mailbox")).body;
    expect(mailbox).toEqual([expect.objectContaining({ to: "custom.domain@example.test", custom_domain: "login.acme.test" })]);
    expect(new URL(mailbox[0].invitation_url).host).toBe("login.acme.test");
    // One audit event, written ahead and settled.
    expect(await (await store()).db.select().from(auditEvents)).toEqual([
      expect.objectContaining({ outcome: "created", inviteeEmail: "custom.domain@example.test", roles: ["Member"], actorId: "auth0|alice0000000000000000001" }),
    ]);
  });

  it("reuses one token, and costs one POST plus at most two reads per address", async () => {
    await createInvitations(ctx, input("warm@example.test"));
    await control("DELETE", "requests");
    const outcomes = await createInvitations(ctx, input("a@example.test b@example.test eve@outside.test bob@acme.test"));
    expect(outcomes.map((o) => o.status)).toEqual(["created", "created", "created", "skipped"]);

    const log = await requests();
    expect(log.filter((r) => r.path === "/oauth/token")).toHaveLength(0);
    const posts = log.filter((r) => r.method === "POST");
    expect(posts).toHaveLength(3);
    const perAddressReads = log.filter((r) => r.path.endsWith("/users-by-email") || /\/users\/[^/]+\/organizations$/.test(r.path));
    // a@, b@: nobody has the address (1 read each); eve: a user, not a member (2); bob: a member (2).
    expect(perAddressReads).toHaveLength(6);
    expect(log.filter((r) => r.method === "GET" && r.path.endsWith("/invitations"))).toHaveLength(1);
  });
});

describe("the one existing-invitee rule", () => {
  it("decides the same in the invite form and the bulk preview", async () => {
    // An invitation that expired while Auth0 still lists it (it no longer stands in the way), a member, a live invitation.
    const expired = `expired.${Date.now()}@example.test`;
    const pending = `pending.${Date.now()}@example.test`;
    const member = "bob@acme.test";
    expect((await createInvitation({ invitee: { email: expired }, ttl_sec: 60 })).status).toBe(201);
    // The tenant's clock moves past that expiry; Auth0 keeps the expired invitation listed for a while.
    await control("POST", "clock", { advanceSeconds: 120, expiredGraceSeconds: 86_400 });
    expect((await createInvitation({ invitee: { email: pending } })).status).toBe(201);
    const listed = (await control("GET", "state")).body.invitations.map((i: { invitee: { email: string } }) => i.invitee.email);
    expect(listed).toEqual(expect.arrayContaining([expired, pending]));

    const settings = { orgId: ACME, clientId: ACME_PORTAL, roleIds: ["rol_Member0000000003"], inviterName: "Alice Admin", sendEmail: true };
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
