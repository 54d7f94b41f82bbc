// The send pipeline's order, with its neighbours replaced: nothing reaches Auth0 before the attempt is in the
// trail, a store that cannot record means nothing is sent, and the checks before the write stop a send.
import { beforeEach, describe, expect, it, vi } from "vitest";
import { grantOrgAccess } from "@/lib/authz/access";

const calls = vi.hoisted(() => ({
  beginAuditEvent: vi.fn(),
  recordAuditEvent: vi.fn(),
  recordRequest: vi.fn(),
  settleAuditEvent: vi.fn(),
  sendInvitation: vi.fn(),
  revokeInvitation: vi.fn(),
  policyRefusal: vi.fn(),
  approvalNeeded: vi.fn(),
  recordCreated: vi.fn(),
  applyEvidence: vi.fn(),
  seatRule: vi.fn(),
  reserveSeat: vi.fn(),
  releaseSeat: vi.fn(),
}));
vi.mock("@/lib/db/audit", () => ({ beginAuditEvent: calls.beginAuditEvent, recordAuditEvent: calls.recordAuditEvent, settleAuditEvent: calls.settleAuditEvent }));
vi.mock("@/lib/ledger/approvals", () => ({ recordRequest: calls.recordRequest }));
vi.mock("@/lib/auth0/invitation-writer", () => ({ sendInvitation: calls.sendInvitation, revokeInvitation: calls.revokeInvitation }));
vi.mock("@/lib/auth0/directory", () => ({ tenantRoles: async () => [{ id: "rol_Member", name: "Member" }] }));
vi.mock("@/lib/invitations/policies", () => ({ policyRefusal: calls.policyRefusal, approvalNeeded: calls.approvalNeeded }));
vi.mock("@/lib/invitations/seats", () => ({ seatRule: calls.seatRule, reserveSeat: calls.reserveSeat, releaseSeat: calls.releaseSeat }));
vi.mock("@/lib/ledger/ledger", () => ({ recordCreated: calls.recordCreated, applyEvidence: calls.applyEvidence }));
vi.mock("@/lib/pacing/pacer", () => ({ invitationWritePacer: () => ({ acquire: async () => {}, observe: async () => {}, release: async () => {} }) }));
vi.mock("@/lib/env", async (importOriginal) => (await import("@/lib/testing/test-env")).testEnv(await importOriginal()));

const { sendOne } = await import("./send");
type Sender = Parameters<typeof sendOne>[0];

const db = { transaction: async (work: (tx: unknown) => Promise<unknown>) => work(db) };
const sender = (covered: string[] = ["rol_Member"]): Sender => ({
  db: db as unknown as Sender["db"],
  access: grantOrgAccess("org_acme"),
  ceiling: { allowed: [], above: [], reason: "above your own role (Inviter)", covers: (ids) => ids.every((id) => covered.includes(id)) },
  inviter: { actorId: "auth0|ivan", actorEmail: "ivan@acme.test", actorName: "Ivan", actorKind: "member", reason: null },
  action: "invite",
});
const spec = { email: "new@example.test", inviterName: "Ivan", clientId: "cli", roles: [{ id: "rol_Member", name: "Member" }], ttlSeconds: 86_400, sendEmail: true };
const nobody = async () => undefined;

beforeEach(() => {
  vi.resetAllMocks();
  calls.beginAuditEvent.mockResolvedValue(41);
  calls.policyRefusal.mockResolvedValue(undefined);
  calls.sendInvitation.mockResolvedValue({ ok: true, value: { id: "uinv_new" } });
});

describe("the send pipeline", () => {
  it("records the attempt before the Auth0 call, then settles that same record once", async () => {
    await expect(sendOne(sender(), { spec, existing: nobody })).resolves.toMatchObject({ status: "created" });
    expect(calls.beginAuditEvent.mock.invocationCallOrder[0]).toBeLessThan(calls.sendInvitation.mock.invocationCallOrder[0]!);
    expect(calls.settleAuditEvent).toHaveBeenCalledTimes(1);
    expect(calls.settleAuditEvent).toHaveBeenCalledWith(db, 41, { outcome: "created", invitationId: "uinv_new" });
    expect(calls.recordCreated).toHaveBeenCalledTimes(1);
  });

  it("when the store refuses the record, makes no Auth0 call and says nothing was sent", async () => {
    calls.beginAuditEvent.mockRejectedValue(new Error("invalid byte sequence for encoding UTF8: 0x00"));
    const spy = vi.spyOn(console, "error").mockImplementation(() => {});
    await expect(sendOne(sender(), { spec, existing: nobody })).rejects.toMatchObject({ code: "not_recorded", message: expect.stringContaining("Nothing was sent to Auth0") });
    spy.mockRestore();
    expect(calls.sendInvitation).not.toHaveBeenCalled();
  });

  it.each([
    ["a role above the sender's ceiling", sender([]), nobody, "refused"],
    ["an address that is a member", sender(), async () => ({ kind: "member" as const }), "skipped"],
    ["an address with a live invitation", sender(), async () => ({ kind: "invited" as const, invitation: { id: "uinv_old", expiresAt: "2999-01-01T00:00:00Z", roleIds: [] } }), "skipped"],
  ])("stops %s before Auth0, recording it once", async (_case, from, existing, status) => {
    await expect(sendOne(from, { spec, existing })).resolves.toMatchObject({ status });
    expect(calls.sendInvitation).not.toHaveBeenCalled();
    expect(calls.revokeInvitation).not.toHaveBeenCalled();
    expect(calls.settleAuditEvent).toHaveBeenCalledWith(db, 41, { outcome: status });
  });

  it("asks the policies about the invitee's address and the invitation's expiry", async () => {
    await sendOne(sender(), { spec, existing: nobody });
    expect(calls.policyRefusal).toHaveBeenCalledWith(expect.objectContaining({ orgId: "org_acme" }), expect.objectContaining({ email: spec.email, ttlSeconds: spec.ttlSeconds, clientId: "cli" }));
  });

  it("stops what a policy refuses before Auth0", async () => {
    calls.policyRefusal.mockResolvedValue({ code: "application_not_allowed", message: "Not this application.", field: "clientId" });
    await expect(sendOne(sender(), { spec, existing: nobody })).resolves.toMatchObject({ status: "refused", field: "clientId" });
    expect(calls.sendInvitation).not.toHaveBeenCalled();
  });

  it("replaces a pending invitation only within the ceiling, revoking it first", async () => {
    const pending = async () => ({ kind: "invited" as const, invitation: { id: "uinv_old", expiresAt: "2999-01-01T00:00:00Z", roleIds: ["rol_OrgAdmin"] } });
    await expect(sendOne(sender(), { spec, existing: pending, onPending: "replace" })).resolves.toMatchObject({ status: "refused" });
    expect(calls.revokeInvitation).not.toHaveBeenCalled();

    calls.revokeInvitation.mockResolvedValue({ ok: true, value: "revoked" });
    await expect(sendOne(sender(["rol_Member", "rol_OrgAdmin"]), { spec, existing: pending, onPending: "replace" })).resolves.toMatchObject({ status: "replaced" });
    expect(calls.revokeInvitation.mock.invocationCallOrder[0]).toBeLessThan(calls.sendInvitation.mock.invocationCallOrder[0]!);
  });

  describe("under a seat limit", () => {
    const rule = { limit: 5, source: "organization" as const, members: 4 };
    const full = { code: "seats_full", message: "No seat left: 5 of 5 seats are used (4 members + 1 pending) under the organization's seat limit." };

    it("takes a seat after the write-ahead and before Auth0, and gives it to the ledger's pending invitation when settled", async () => {
      calls.seatRule.mockResolvedValue(rule);
      await expect(sendOne(sender(), { spec, existing: nobody })).resolves.toMatchObject({ status: "created" });
      expect(calls.reserveSeat).toHaveBeenCalledWith(db, expect.objectContaining({ orgId: "org_acme" }), rule, 41);
      const [written, reserved, sent, released] = [calls.beginAuditEvent, calls.reserveSeat, calls.sendInvitation, calls.releaseSeat].map((call) => call.mock.invocationCallOrder[0]!);
      expect(written).toBeLessThan(reserved!);
      expect(reserved).toBeLessThan(sent!);
      expect(sent).toBeLessThan(released!);
      expect(calls.releaseSeat).toHaveBeenCalledWith(db, 41);
      expect(calls.recordCreated.mock.invocationCallOrder[0]).toBeLessThan(released!);
    });

    it("refuses a new invitation when no seat is left: no Auth0 call, the attempt written ahead is settled as refused with the seat's words", async () => {
      calls.seatRule.mockResolvedValue(rule);
      calls.reserveSeat.mockResolvedValue(full);
      await expect(sendOne(sender(), { spec, existing: nobody })).resolves.toEqual({ status: "refused", ...full });
      expect(calls.sendInvitation).not.toHaveBeenCalled();
      expect(calls.beginAuditEvent).toHaveBeenCalledTimes(1);
      expect(calls.settleAuditEvent).toHaveBeenCalledWith(db, 41, { outcome: "refused", detail: full.message });
    });

    it("frees the seat when Auth0 refuses the invitation", async () => {
      calls.seatRule.mockResolvedValue(rule);
      calls.sendInvitation.mockResolvedValue({ ok: false, kind: "refused", error: { code: "invalid_body", message: "Bad." } });
      await expect(sendOne(sender(), { spec, existing: nobody })).resolves.toMatchObject({ status: "failed" });
      expect(calls.releaseSeat).toHaveBeenCalledWith(db, 41);
    });

    it("asks no seat for a replacement: the pending invitation it replaces holds one", async () => {
      calls.seatRule.mockResolvedValue(rule);
      calls.revokeInvitation.mockResolvedValue({ ok: true, value: "revoked" });
      const pending = async () => ({ kind: "invited" as const, invitation: { id: "uinv_old", expiresAt: "2999-01-01T00:00:00Z", roleIds: [] } });
      await expect(sendOne(sender(), { spec, existing: pending, onPending: "replace" })).resolves.toMatchObject({ status: "replaced" });
      expect(calls.seatRule).not.toHaveBeenCalled();
      expect(calls.reserveSeat).not.toHaveBeenCalled();
    });
  });

  describe("an invitation that needs approval", () => {
    const outside = { rule: "outside_domains" as const, because: "example.test is outside acme.test, the organization's allowed domains" };
    beforeEach(() => {
      calls.approvalNeeded.mockResolvedValue(outside);
      calls.recordRequest.mockResolvedValue("req_1");
    });

    it("becomes a request, recorded with the trail's row, and Auth0 is not called", async () => {
      await expect(sendOne(sender(), { spec, existing: nobody })).resolves.toEqual({
        status: "awaiting_approval",
        requestId: "req_1",
        message: `${outside.because}: ask an Org Admin to approve it (sent for approval).`,
      });
      expect(calls.approvalNeeded).toHaveBeenCalledWith(expect.objectContaining({ orgId: "org_acme" }), { email: spec.email, roleNames: ["Member"] });
      expect(calls.recordRequest).toHaveBeenCalledWith(db, expect.objectContaining({ orgId: "org_acme" }), expect.objectContaining({ actorId: "auth0|ivan" }), expect.objectContaining({ roleIds: ["rol_Member"], ttlSeconds: 86_400 }), expect.objectContaining({ rule: "outside_domains" }));
      expect(calls.recordAuditEvent).toHaveBeenCalledWith(db, expect.objectContaining({ action: "invite", outcome: "requested", invitationId: "req_1" }));
      expect(calls.beginAuditEvent).not.toHaveBeenCalled();
      expect(calls.sendInvitation).not.toHaveBeenCalled();
    });

    it.each([
      ["following an ended one (re-invite, renew)", { follows: "uinv_old" }],
      ["in a bulk lane", { lane: { auditId: null, remember: async () => {}, lastAttempt: false, stillHeld: async () => true, settled: async () => {} } }],
    ])("is refused, saying so, %s", async (_case, extra) => {
      await expect(sendOne(sender(), { spec, existing: nobody, ...extra })).resolves.toMatchObject({ status: "refused", code: "needs_approval", message: expect.stringContaining("only the invite form asks for") });
      expect(calls.recordRequest).not.toHaveBeenCalled();
      expect(calls.sendInvitation).not.toHaveBeenCalled();
    });

    it("is sent once approved, every other policy asked again, linked to its request", async () => {
      await expect(sendOne(sender(), { spec, existing: nobody, approvedRequest: "req_1", detail: "Approved by Alice" })).resolves.toMatchObject({ status: "created" });
      expect(calls.policyRefusal).toHaveBeenCalled();
      expect(calls.approvalNeeded).not.toHaveBeenCalled();
      expect(calls.beginAuditEvent).toHaveBeenCalledWith(db, expect.objectContaining({ detail: "Approved by Alice" }));
      expect(calls.recordCreated).toHaveBeenCalledWith(db, { id: "uinv_new" }, expect.objectContaining({ actorId: "auth0|ivan" }), { sendEmail: true, predecessorId: "req_1" });
    });

    it("is refused, not sent for approval, when another policy refuses it", async () => {
      calls.policyRefusal.mockResolvedValue({ code: "domain_blocked", message: "Blocked." });
      await expect(sendOne(sender(), { spec, existing: nobody })).resolves.toMatchObject({ status: "refused", code: "domain_blocked" });
      expect(calls.recordRequest).not.toHaveBeenCalled();
    });
  });
});
