import { beforeEach, describe, expect, it, vi } from "vitest";
import { z } from "zod";

const mocks = vi.hoisted(() => ({
  currentUser: vi.fn(),
  authorize: vi.fn(),
  authorizeDesk: vi.fn(),
  recordAuditEvent: vi.fn(),
  beginAuditEvent: vi.fn(),
  settleAuditEvent: vi.fn(),
  tallyAuditEvent: vi.fn(),
  admit: vi.fn(),
  charge: vi.fn(),
  isRefusedByAuth0: vi.fn(),
}));
vi.mock("@/lib/auth/session", () => ({ currentUser: mocks.currentUser }));
vi.mock("@/lib/db/store", () => ({ store: async () => ({ db: "db" }) }));
vi.mock("@/lib/db/audit", () => ({
  recordAuditEvent: mocks.recordAuditEvent,
  beginAuditEvent: mocks.beginAuditEvent,
  settleAuditEvent: mocks.settleAuditEvent,
  tallyAuditEvent: mocks.tallyAuditEvent,
}));
vi.mock("./throttle-config", () => ({ throttle: async () => ({ admit: mocks.admit, charge: mocks.charge }) }));
vi.mock("@/lib/auth0/blocked", () => ({ isRefusedByAuth0: mocks.isRefusedByAuth0 }));
vi.mock("./gate", () => ({ authorize: mocks.authorize, authorizeDesk: mocks.authorizeDesk }));

const { organizationAction, supportAction, authorizeView, authorizeDeskView } = await import("./action");
const { Refusal } = await import("./refusal");

const user = { id: "auth0|u", email: "u@x.test", name: "U" };
const schema = z.object({ orgId: z.string().startsWith("org_"), note: z.string().max(3) });
const body = vi.fn(async ({ input }: { input: z.output<typeof schema> }) => ({ ok: true as const, data: input.note }));
const action = organizationAction({ schema, action: "invite" }, body);
const audited = () => mocks.recordAuditEvent.mock.calls.map(([, event]) => event);
const tallied = () => mocks.tallyAuditEvent.mock.calls.map(([, event]) => event);

beforeEach(() => {
  vi.clearAllMocks();
  mocks.currentUser.mockResolvedValue(user);
  mocks.isRefusedByAuth0.mockResolvedValue(false);
});

describe("organizationAction", () => {
  it("runs the body only after the gate let the user through, for the organization in the input", async () => {
    mocks.authorize.mockResolvedValue({ user, orgId: "org_a", actor: { kind: "member", roleNames: ["Inviter"] } });
    await expect(action({ orgId: "org_a", note: "hi" })).resolves.toEqual({ ok: true, data: "hi" });
    expect(mocks.authorize).toHaveBeenCalledWith(user, "org_a");
    expect(mocks.authorize.mock.invocationCallOrder[0]).toBeLessThan(body.mock.invocationCallOrder[0]!);
  });

  it("refuses without running the body, and records the refusal", async () => {
    mocks.authorize.mockRejectedValue(new Refusal("not_inviter", "You may not invite into this organization."));
    await expect(action({ orgId: "org_b", note: "hi" })).resolves.toEqual({
      ok: false, code: "not_inviter", message: "You may not invite into this organization.",
    });
    expect(body).not.toHaveBeenCalled();
    expect(audited()).toEqual([expect.objectContaining({ action: "invite", outcome: "refused", organizationId: "org_b", actorId: user.id })]);
  });

  it("puts a refusal about a field under that field", async () => {
    mocks.authorize.mockRejectedValue(new Refusal("role_not_assignable", "You may not assign Org Admin.", "roleIds"));
    await expect(action({ orgId: "org_b", note: "hi" })).resolves.toMatchObject({ fieldErrors: { roleIds: ["You may not assign Org Admin."] } });
  });

  it("answers invalid input with field errors, before the gate and without auditing", async () => {
    const result = await action({ orgId: "nope", note: "toolong" });
    expect(result).toMatchObject({ ok: false, code: "invalid_input", fieldErrors: { orgId: [expect.any(String)], note: [expect.any(String)] } });
    expect(mocks.authorize).not.toHaveBeenCalled();
    expect(mocks.recordAuditEvent).not.toHaveBeenCalled();
  });

  it("refuses a signed-out caller before anything else", async () => {
    mocks.currentUser.mockResolvedValue(undefined);
    await expect(action({ orgId: "org_a", note: "hi" })).resolves.toMatchObject({ ok: false, code: "unauthenticated" });
    expect(mocks.authorize).not.toHaveBeenCalled();
  });

  it("maps an Auth0 failure of the gate's reads to a message, and records it as failed", async () => {
    mocks.authorize.mockRejectedValue(Object.assign(new Error("x"), { statusCode: 429, body: { message: "Too many" } }));
    await expect(action({ orgId: "org_a", note: "hi" })).resolves.toMatchObject({ ok: false, code: "rate_limited" });
    expect(audited()).toEqual([expect.objectContaining({ outcome: "failed" })]);
  });

  it("hides unexpected errors behind a generic message", async () => {
    mocks.authorize.mockResolvedValue({ user, orgId: "org_a", actor: { kind: "member", roleNames: ["Inviter"] } });
    body.mockRejectedValueOnce(new Error("database password is hunter2"));
    const spy = vi.spyOn(console, "error").mockImplementation(() => {});
    const result = await action({ orgId: "org_a", note: "hi" });
    expect(result).toMatchObject({ ok: false, code: "unexpected" });
    expect(JSON.stringify(result)).not.toContain("hunter2");
    spy.mockRestore();
  });
});


describe("authorizeView", () => {
  it("records support staff's views of what the page names, tallied a minute a page, with their reason, and nobody else's", async () => {
    mocks.authorize.mockResolvedValueOnce({ user, orgId: "org_a", actor: { kind: "support" }, reason: "T-4711" });
    await authorizeView("org_a", { viewing: "the activity CSV" });
    mocks.authorize.mockResolvedValueOnce({ user, orgId: "org_a", actor: { kind: "support" }, reason: "T-4711" });
    await authorizeView("org_a");
    mocks.authorize.mockResolvedValueOnce({ user, orgId: "org_a", actor: { kind: "member", roleNames: ["Org Admin"] } });
    await authorizeView("org_a", { viewing: "the activity CSV" });
    expect(tallied()).toEqual([
      expect.objectContaining({ action: "view", outcome: "viewed", detail: "the activity CSV", actorKind: "support", reason: "T-4711", organizationId: "org_a" }),
    ]);
    expect(audited()).toEqual([]);
  });

  it("asks support staff for a reason without recording a refusal; records real refusals", async () => {
    mocks.authorize.mockRejectedValueOnce(new Refusal("not_acting", "Say why first."));
    await expect(authorizeView("org_a")).resolves.toMatchObject({ ok: false, code: "not_acting" });
    mocks.authorize.mockRejectedValueOnce(new Refusal("not_inviter", "No."));
    await expect(authorizeView("org_a")).resolves.toMatchObject({ ok: false, code: "not_inviter" });
    expect(tallied()).toEqual([expect.objectContaining({ action: "view", outcome: "refused", organizationId: "org_a", detail: "No." })]);
    expect(audited()).toEqual([]);
  });

  it("never passes a malformed organization id to the gate", async () => {
    await expect(authorizeView("../../admin")).resolves.toMatchObject({ ok: false, code: "not_found" });
    expect(mocks.authorize).not.toHaveBeenCalled();
  });
});

describe("organizationAction for support staff", () => {
  it("records the reason they gave on entering, and that they acted on behalf", async () => {
    mocks.authorize.mockResolvedValue({ user, orgId: "org_a", actor: { kind: "support" }, reason: "T-4711" });
    const acting = organizationAction({ schema, action: "invite" }, async ({ ctx }) => {
      await ctx.audit({ outcome: "created", inviteeEmail: "x@y.test" });
      return { ok: true as const, data: null };
    });
    await acting({ orgId: "org_a", note: "hi" });
    expect(audited()).toEqual([expect.objectContaining({ actorKind: "support", reason: "T-4711", organizationId: "org_a" })]);
  });

  it("refuses support staff who have not said why, and records the refusal", async () => {
    mocks.authorize.mockRejectedValue(new Refusal("not_acting", "Say why first."));
    await expect(action({ orgId: "org_a", note: "hi" })).resolves.toMatchObject({ ok: false, code: "not_acting" });
    expect(body).not.toHaveBeenCalled();
    expect(audited()).toEqual([expect.objectContaining({ outcome: "refused", organizationId: "org_a" })]);
  });
});

describe("supportAction", () => {
  const deskSchema = z.object({ orgId: z.string().startsWith("org_").optional(), q: z.string().max(5) });
  const deskBody = vi.fn(async () => ({ ok: true as const, data: "found" }));
  const find = supportAction({ schema: deskSchema, action: "find" }, deskBody);

  it("lets support staff through the desk's gate (never auditors) and passes no organization's gate", async () => {
    mocks.authorizeDesk.mockResolvedValue({ user, actor: { kind: "support" } });
    await expect(find({ q: "glob" })).resolves.toEqual({ ok: true, data: "found" });
    expect(mocks.authorizeDesk).toHaveBeenCalledWith(user, { auditors: false });
    expect(mocks.authorize).not.toHaveBeenCalled();
  });

  it("refuses everyone else without running the body, recording the refusal with the organization it named", async () => {
    mocks.authorizeDesk.mockRejectedValue(new Refusal("not_support", "Only support staff may use the support desk."));
    await expect(find({ orgId: "org_b", q: "glob" })).resolves.toMatchObject({ ok: false, code: "not_support" });
    await expect(find({ q: "glob" })).resolves.toMatchObject({ ok: false, code: "not_support" });
    expect(deskBody).not.toHaveBeenCalled();
    expect(audited()).toEqual([
      expect.objectContaining({ action: "find", outcome: "refused", organizationId: "org_b", actorId: user.id }),
      expect.objectContaining({ action: "find", outcome: "refused", organizationId: null, actorId: user.id }),
    ]);
  });

  it("checks the input before the gate", async () => {
    await expect(find({ q: "toolong" })).resolves.toMatchObject({ ok: false, code: "invalid_input" });
    expect(mocks.authorizeDesk).not.toHaveBeenCalled();
  });
});

describe("authorizeDeskView", () => {
  it("lets auditors read where the page allows them, and records refusals", async () => {
    mocks.authorizeDesk.mockResolvedValueOnce({ user, actor: { kind: "auditor" } });
    await expect(authorizeDeskView("view_support_activity", { auditors: true })).resolves.toMatchObject({ ok: true });
    expect(mocks.authorizeDesk).toHaveBeenCalledWith(user, { auditors: true });
    mocks.authorizeDesk.mockRejectedValueOnce(new Refusal("not_support", "No."));
    await expect(authorizeDeskView("find")).resolves.toMatchObject({ ok: false, code: "not_support" });
    expect(tallied()).toEqual([expect.objectContaining({ action: "find", outcome: "refused", organizationId: null })]);
  });

  it("records a look, as what the user is about to see, only once the gate let them in", async () => {
    const viewing = "page 1, unfiltered";
    mocks.authorizeDesk.mockResolvedValueOnce({ user, actor: { kind: "auditor" } });
    await authorizeDeskView("view_support_activity", { auditors: true, viewing });
    expect(audited()).toEqual([
      expect.objectContaining({ action: "view_support_activity", outcome: "viewed", detail: viewing, actorKind: "auditor", organizationId: null, reason: null }),
    ]);
    mocks.authorizeDesk.mockRejectedValueOnce(new Refusal("not_support", "No."));
    await authorizeDeskView("view_support_activity", { auditors: true, viewing });
    expect(audited()).toHaveLength(1);
    expect(tallied()).toEqual([expect.objectContaining({ outcome: "refused", detail: "No.", actorKind: null })]);
  });
});

describe("throttling and blocked users, before the gate", () => {
  const member = { user, orgId: "org_a", actor: { kind: "member", roleNames: ["Inviter"] } };

  it("refuses a throttled action with when to try again, tallied, without calling the gate or Auth0", async () => {
    mocks.admit.mockRejectedValueOnce(new Refusal("throttled", "You made more than 60 changes within a minute. Try again in 12 seconds."));
    await expect(action({ orgId: "org_a", note: "hi" })).resolves.toEqual({
      ok: false, code: "throttled", message: expect.stringContaining("Try again in 12 seconds"),
    });
    expect(mocks.admit).toHaveBeenCalledWith(user.id, "action", "org_a");
    expect(mocks.isRefusedByAuth0).not.toHaveBeenCalled();
    expect(mocks.authorize).not.toHaveBeenCalled();
    expect(tallied()).toEqual([expect.objectContaining({ action: "invite", outcome: "throttled", organizationId: "org_a" })]);
    expect(audited()).toEqual([]);
  });

  it("counts page views apart from actions, and throttles them too", async () => {
    mocks.admit.mockRejectedValueOnce(new Refusal("throttled", "Too many requests."));
    await expect(authorizeView("org_a")).resolves.toMatchObject({ ok: false, code: "throttled" });
    expect(mocks.admit).toHaveBeenCalledWith(user.id, "view", "org_a");
    expect(mocks.authorize).not.toHaveBeenCalled();
  });

  it("refuses a user Auth0 has blocked, after the throttle and before the gate", async () => {
    mocks.isRefusedByAuth0.mockResolvedValueOnce(true);
    await expect(action({ orgId: "org_a", note: "hi" })).resolves.toMatchObject({ ok: false, code: "blocked" });
    expect(mocks.admit.mock.invocationCallOrder[0]).toBeLessThan(mocks.isRefusedByAuth0.mock.invocationCallOrder[0]!);
    expect(mocks.authorize).not.toHaveBeenCalled();
    expect(body).not.toHaveBeenCalled();
    expect(audited()).toEqual([expect.objectContaining({ outcome: "refused", detail: expect.stringContaining("blocked") })]);
  });

  it("charges the organization only once its gate let the user in", async () => {
    mocks.authorize.mockRejectedValueOnce(new Refusal("not_inviter", "No."));
    await action({ orgId: "org_a", note: "hi" });
    expect(mocks.charge).not.toHaveBeenCalled();
    mocks.authorize.mockResolvedValueOnce(member);
    await action({ orgId: "org_a", note: "hi" });
    expect(mocks.charge).toHaveBeenCalledWith("org_a");
    expect(mocks.authorize.mock.invocationCallOrder[1]).toBeLessThan(mocks.charge.mock.invocationCallOrder[0]!);
  });

  it("charges no organization for the support desk's own pages and actions", async () => {
    mocks.authorizeDesk.mockResolvedValue({ user, actor: { kind: "support" } });
    await authorizeDeskView("find");
    expect(mocks.admit).toHaveBeenCalledWith(user.id, "view", null);
    expect(mocks.charge).not.toHaveBeenCalled();
  });
});
