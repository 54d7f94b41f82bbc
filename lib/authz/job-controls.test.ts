import { beforeEach, describe, expect, it, vi } from "vitest";
import { grantOrgAccess } from "./access";
import type { Actor } from "./policy";

const directory = vi.hoisted(() => ({ tenantRoles: vi.fn() }));
vi.mock("@/lib/auth0/directory", () => directory);
vi.mock("@/lib/env", async (importOriginal) => (await import("@/lib/testing/test-env")).testEnv(await importOriginal()));

const { mayControlJob, mayStartJob } = await import("./job-controls");

const ORG_ADMIN = "rol_OrgAdmin";
const MEMBER = "rol_Member";
const alice = { id: "auth0|alice", email: "alice@acme.test", name: "Alice Admin" };
const someoneElse = { id: "auth0|other", email: "other@acme.test", name: "Other" };
const aliceJob = { actorId: alice.id, actorName: alice.name };

const as = (user: typeof alice, actor: Actor) => ({ ...grantOrgAccess("org_acme"), user, actor });
const member = (...roleNames: string[]): Actor => ({ kind: "member", roleNames });

beforeEach(() => {
  directory.tenantRoles.mockResolvedValue(
    ["Org Admin", "Inviter", "Member", "Billing", "Support Agent"].map((name) => ({ id: `rol_${name.replace(" ", "")}`, name })),
  );
});

describe("who may pause, resume, cancel or retry a bulk job", () => {
  it.each([
    ["its creator", as(alice, member("Org Admin")), [ORG_ADMIN], true],
    ["its creator, demoted since (the job then stops on its own re-check)", as(alice, member("Inviter")), [ORG_ADMIN], true],
    ["another Org Admin", as(someoneElse, member("Org Admin")), [ORG_ADMIN, MEMBER], true],
    ["support acting for the organization", as(someoneElse, { kind: "support" }), [ORG_ADMIN], true],
    ["another Inviter, on a job within his ceiling", as(someoneElse, member("Inviter")), [MEMBER], true],
    ["another Inviter, on a job with Org Admin rows", as(someoneElse, member("Inviter")), [MEMBER, ORG_ADMIN], false],
    ["another Inviter, on a job with a role no one may assign", as(someoneElse, member("Inviter")), ["rol_SupportAgent"], false],
    ["support, on a job with the support role", as(someoneElse, { kind: "support" }), ["rol_SupportAgent"], false],
  ] as const)("%s → %s", async (_who, ctx, roleIds, allowed) => {
    expect((await mayControlJob(ctx, aliceJob, roleIds)).allowed).toBe(allowed);
  });

  it("says why, naming the creator and the roles above the user's", async () => {
    expect(await mayControlJob(as(someoneElse, member("Inviter")), aliceJob, [MEMBER, ORG_ADMIN])).toEqual({
      allowed: false,
      why: "Only its creator, Alice Admin, or someone who may assign every role it grants can pause, resume, cancel or retry this job: it grants Org Admin, which you may not assign.",
    });
  });
});

describe("who may send a previewed list", () => {
  it("is only who previewed it, whatever the others' roles", () => {
    expect(mayStartJob(as(alice, member("Inviter")), aliceJob)).toEqual({ allowed: true });
    expect(mayStartJob(as(someoneElse, member("Org Admin")), aliceJob)).toMatchObject({ allowed: false, why: expect.stringContaining("Only the person who previewed") });
    expect(mayStartJob(as(someoneElse, { kind: "support" }), aliceJob).allowed).toBe(false);
  });
});
