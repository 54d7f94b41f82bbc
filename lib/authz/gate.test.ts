import { beforeEach, describe, expect, it, vi } from "vitest";
import { grantOrgAccess } from "./access";

const directory = vi.hoisted(() => ({
  rolesOfMember: vi.fn(),
  globalRolesOfUser: vi.fn(),
  tenantRoles: vi.fn(),
}));
vi.mock("@/lib/auth0/directory", () => directory);
vi.mock("@/lib/env", async (importOriginal) => {
  const { parseEnv } = await importOriginal<typeof import("@/lib/env")>();
  const { TEST_ENV } = await import("@/lib/testing/test-env");
  return { env: () => parseEnv(TEST_ENV) };
});

const { authorize, checkRoleCeiling } = await import("./gate");
const { Refusal } = await import("./refusal");

const user = { id: "auth0|u", email: "u@x.test", name: "U" };
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
  action?: "invite" | "view";
  reason?: string;
  expected: string;
};

describe("the gate's decisions", () => {
  it.each<Case>([
    { name: "an Org Admin of the organization", memberRoles: ["Org Admin"], expected: "member" },
    { name: "an Inviter of the organization", memberRoles: ["Inviter"], expected: "member" },
    { name: "a plain member", memberRoles: ["Member"], globalRoles: [], expected: "refused:not_inviter" },
    { name: "someone outside the organization", memberRoles: [], globalRoles: [], expected: "refused:not_inviter" },
    { name: "an unknown organization", memberRoles: "404", globalRoles: [], expected: "refused:not_inviter" },
    { name: "support staff with a reason", memberRoles: [], globalRoles: ["Support Agent"], reason: "ticket 42", expected: "support" },
    { name: "support staff without a reason", memberRoles: [], globalRoles: ["Support Agent"], expected: "refused:reason_required" },
    { name: "support staff only viewing", memberRoles: [], globalRoles: ["Support Agent"], action: "view", expected: "support" },
    { name: "an admin elsewhere with a tenant role that is not support", memberRoles: [], globalRoles: ["Org Admin"], expected: "refused:not_inviter" },
  ])("$name → $expected", async ({ memberRoles, globalRoles, action, reason, expected }) => {
    if (memberRoles === "404") directory.rolesOfMember.mockRejectedValue(notFound);
    else directory.rolesOfMember.mockResolvedValue(roles(...memberRoles));
    directory.globalRolesOfUser.mockResolvedValue(roles(...(globalRoles ?? [])));

    const outcome = await authorize(user, "org_target", { action: action ?? "invite", reason }).then(
      (ctx) => ctx.actor.kind,
      (error) => (error instanceof Refusal ? `refused:${error.code}` : `threw:${error}`),
    );
    expect(outcome).toBe(expected);
    expect(directory.rolesOfMember).toHaveBeenCalledWith("org_target", user.id);
  });

  it("makes at most two Management API reads", async () => {
    directory.rolesOfMember.mockResolvedValue([]);
    directory.globalRolesOfUser.mockResolvedValue(roles("Support Agent"));
    await authorize(user, "org_target", { action: "invite", reason: "r" });
    expect(directory.rolesOfMember.mock.calls.length + directory.globalRolesOfUser.mock.calls.length).toBe(2);
  });

  it("does not consult tenant roles when the organization role decides", async () => {
    directory.rolesOfMember.mockResolvedValue(roles("Inviter"));
    await authorize(user, "org_target", { action: "invite" });
    expect(directory.globalRolesOfUser).not.toHaveBeenCalled();
  });

  it("refuses a signed-out caller before any read", async () => {
    await expect(authorize(undefined, "org_target", { action: "invite" })).rejects.toMatchObject({ code: "unauthenticated" });
    expect(directory.rolesOfMember).not.toHaveBeenCalled();
  });

  it("passes on Management API failures other than 404 instead of deciding", async () => {
    directory.rolesOfMember.mockRejectedValue(Object.assign(new Error("rate"), { statusCode: 429, body: {} }));
    await expect(authorize(user, "org_target", { action: "invite" })).rejects.toMatchObject({ statusCode: 429 });
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
