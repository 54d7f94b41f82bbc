import { beforeEach, describe, expect, it, vi } from "vitest";
import { grantOrgAccess } from "./access";

const directory = vi.hoisted(() => ({
  rolesOfMember: vi.fn(),
  globalRolesOfUser: vi.fn(),
  tenantRoles: vi.fn(),
}));
vi.mock("@/lib/auth0/directory", () => directory);
const engagements = vi.hoisted(() => ({ activeEngagement: vi.fn() }));
vi.mock("@/lib/support/engagements", () => engagements);
const hints = vi.hoisted(() => ({ rememberInviterRole: vi.fn() }));
vi.mock("./role-hints", () => hints);
vi.mock("@/lib/env", async (importOriginal) => (await import("@/lib/testing/test-env")).testEnv(await importOriginal()));

const { authorize, authorizeDesk, checkRoleCeiling } = await import("./gate");
const { Refusal } = await import("./refusal");

const user = { id: "auth0|u", email: "u@x.test", name: "U", sessionId: "session-1" };
const roles = (...names: string[]) => names.map((name) => ({ id: `rol_${name.replace(" ", "")}`, name }));
const notFound = Object.assign(new Error("not found"), { statusCode: 404, body: { message: "No organization found by that id." } });

beforeEach(() => {
  vi.resetAllMocks();
  directory.tenantRoles.mockResolvedValue(roles("Org Admin", "Inviter", "Member", "Billing", "Support Agent"));
});

type Case = {
  name: string;
  memberRoles: string[] | "404";
  globalRoles?: string[];
  /** The reason support staff gave on entering the organization in this session. */
  acting?: string;
  expected: string;
};

describe("the gate's decisions", () => {
  it.each<Case>([
    { name: "an Org Admin of the organization", memberRoles: ["Org Admin"], expected: "member" },
    { name: "an Inviter of the organization", memberRoles: ["Inviter"], expected: "member" },
    { name: "a plain member", memberRoles: ["Member"], globalRoles: [], expected: "refused:not_inviter" },
    { name: "someone outside the organization", memberRoles: [], globalRoles: [], expected: "refused:not_inviter" },
    { name: "an unknown organization", memberRoles: "404", globalRoles: [], expected: "refused:not_inviter" },
    { name: "support staff acting for the organization", memberRoles: [], globalRoles: ["Support Agent"], acting: "ticket 42", expected: "support" },
    { name: "support staff who have not said why", memberRoles: [], globalRoles: ["Support Agent"], expected: "refused:not_acting" },
    { name: "an admin elsewhere with a tenant role that is not support", memberRoles: [], globalRoles: ["Org Admin"], acting: "x", expected: "refused:not_inviter" },
    { name: "an auditor, who may read support's trail only", memberRoles: [], globalRoles: ["Support Auditor"], acting: "x", expected: "refused:not_inviter" },
  ])("$name → $expected", async ({ memberRoles, globalRoles, acting, expected }) => {
    if (memberRoles === "404") directory.rolesOfMember.mockRejectedValue(notFound);
    else directory.rolesOfMember.mockResolvedValue(roles(...memberRoles));
    directory.globalRolesOfUser.mockResolvedValue(roles(...(globalRoles ?? [])));
    engagements.activeEngagement.mockResolvedValue(acting ? { reason: acting } : undefined);

    const outcome = await authorize(user, "org_target").then(
      (ctx) => ctx.actor.kind,
      (error) => (error instanceof Refusal ? `refused:${error.code}` : `threw:${error}`),
    );
    expect(outcome).toBe(expected);
    expect(directory.rolesOfMember).toHaveBeenCalledWith("org_target", user.id);
  });

  it("makes at most two Management API reads", async () => {
    directory.rolesOfMember.mockResolvedValue([]);
    directory.globalRolesOfUser.mockResolvedValue(roles("Support Agent"));
    engagements.activeEngagement.mockResolvedValue({ reason: "r" });
    await authorize(user, "org_target");
    expect(directory.rolesOfMember.mock.calls.length + directory.globalRolesOfUser.mock.calls.length).toBe(2);
  });

  it("does not consult tenant roles when the organization role decides", async () => {
    directory.rolesOfMember.mockResolvedValue(roles("Inviter"));
    await authorize(user, "org_target");
    expect(directory.globalRolesOfUser).not.toHaveBeenCalled();
  });

  it("refuses a signed-out caller before any read", async () => {
    await expect(authorize(undefined, "org_target")).rejects.toMatchObject({ code: "unauthenticated" });
    expect(directory.rolesOfMember).not.toHaveBeenCalled();
  });

  it("passes on Management API failures other than 404 instead of deciding", async () => {
    directory.rolesOfMember.mockRejectedValue(Object.assign(new Error("rate"), { statusCode: 429, body: {} }));
    await expect(authorize(user, "org_target")).rejects.toMatchObject({ statusCode: 429 });
  });
});

describe("support staff's reason", () => {
  it("comes from what they said on entering this organization in this session", async () => {
    directory.rolesOfMember.mockResolvedValue([]);
    directory.globalRolesOfUser.mockResolvedValue(roles("Support Agent"));
    engagements.activeEngagement.mockResolvedValue({ id: 7, reason: "T-4711" });
    // Its engagement too: work made under it (a bulk job) lasts while the engagement does.
    await expect(authorize(user, "org_target")).resolves.toMatchObject({ actor: { kind: "support" }, reason: "T-4711", engagementId: 7, orgId: "org_target" });
    expect(engagements.activeEngagement).toHaveBeenCalledWith("session-1", "org_target");
  });

  it("is never looked up without a session id (a session from before sessions had one)", async () => {
    directory.rolesOfMember.mockResolvedValue([]);
    directory.globalRolesOfUser.mockResolvedValue(roles("Support Agent"));
    const { sessionId: _none, ...oldSession } = user;
    await expect(authorize(oldSession, "org_target")).rejects.toMatchObject({ code: "not_acting" });
    expect(engagements.activeEngagement).not.toHaveBeenCalled();
  });

  it("is not asked of an inviter of the organization, whose decision is remembered for the home page", async () => {
    directory.rolesOfMember.mockResolvedValue(roles("Org Admin"));
    await authorize(user, "org_target");
    expect(engagements.activeEngagement).not.toHaveBeenCalled();
    expect(hints.rememberInviterRole).toHaveBeenCalledWith(user.id, "org_target", true);
  });
});

describe("the support desk's gate", () => {
  it.each([
    [["Support Agent"], false, "support"],
    [["Support Agent"], true, "support"],
    [["Support Auditor"], true, "auditor"],
    [["Support Auditor"], false, "refused:not_support"],
    [["Org Admin"], true, "refused:not_support"],
    [[], true, "refused:not_support"],
  ] as const)("tenant roles %j, auditors allowed: %s → %s", async (globalRoles, auditors, expected) => {
    directory.globalRolesOfUser.mockResolvedValue(roles(...globalRoles));
    const outcome = await authorizeDesk(user, { auditors }).then(
      (ctx) => ctx.actor.kind,
      (error) => (error instanceof Refusal ? `refused:${error.code}` : `threw:${error}`),
    );
    expect(outcome).toBe(expected);
    expect(directory.rolesOfMember).not.toHaveBeenCalled();
  });
});

describe("the role ceiling at the gate", () => {
  const inviter = { ...grantOrgAccess("org_target"), user, actor: { kind: "member" as const, roleNames: ["Inviter"] } };

  it("lets an Inviter assign Member and Inviter", async () => {
    const granted = await checkRoleCeiling(inviter, ["rol_Member", "rol_Inviter"]);
    expect(granted.map((r) => r.name)).toEqual(["Member", "Inviter"]);
  });

  it("refuses Org Admin to an Inviter, naming it", async () => {
    await expect(checkRoleCeiling(inviter, ["rol_Member", "rol_OrgAdmin"])).rejects.toMatchObject({
      code: "role_not_assignable",
      field: "roleIds",
      message: expect.stringContaining("You may not assign Org Admin"),
    });
  });

  it("refuses the support role and unknown role ids even to support staff", async () => {
    const support = { ...grantOrgAccess("org_target"), user, actor: { kind: "support" as const }, reason: "r" };
    await expect(checkRoleCeiling(support, ["rol_SupportAgent"])).rejects.toMatchObject({ code: "role_not_assignable" });
    await expect(checkRoleCeiling(support, ["rol_doesNotExist"])).rejects.toMatchObject({ code: "role_not_assignable" });
  });
});
