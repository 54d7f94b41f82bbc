// Who may answer a request for approval, as a table: the requester never; Org Admins and support acting for
// the organization, within their ceiling; nobody once it is answered or overdue.
import { describe, expect, it } from "vitest";
import type { Actor } from "@/lib/authz/policy";
import { decisionRefusal, type DecisionCase } from "./approval-rule";

const NOW = new Date("2030-01-10T00:00:00Z");
const orgAdmin: Actor = { kind: "member", roleNames: ["Org Admin"] };
const inviter: Actor = { kind: "member", roleNames: ["Inviter"] };
const support: Actor = { kind: "support" };
const covering = (ids: string[]) => ({ covers: (roleIds: readonly string[]) => roleIds.every((id) => ids.includes(id)), reason: "above your own role (Org Admin)" });

function decide(overrides: { userId?: string; email?: string; actor?: Actor; status?: string; expiresAt?: Date; roleIds?: string[]; ceiling?: string[] } = {}) {
  const decision: DecisionCase = {
    decider: { userId: overrides.userId ?? "auth0|alice", email: overrides.email ?? "alice@acme.test", actor: overrides.actor ?? orgAdmin },
    request: {
      requesterId: "auth0|ivan",
      requesterEmail: "Ivan@acme.test",
      status: overrides.status ?? "awaiting_approval",
      expiresAt: overrides.expiresAt ?? new Date("2030-01-17T00:00:00Z"),
      roleIds: overrides.roleIds ?? ["rol_Member"],
    },
    ceiling: covering(overrides.ceiling ?? ["rol_Member", "rol_Inviter", "rol_OrgAdmin"]),
    approverRole: "Org Admin",
    now: NOW,
  };
  return decisionRefusal(decision)?.code;
}

describe("who may answer a request for approval", () => {
  it.each([
    ["an Org Admin, within their ceiling", {}, undefined],
    ["support acting for the organization", { userId: "auth0|sam", actor: support }, undefined],
    ["the requester, even an Org Admin", { userId: "auth0|ivan" }, "own_request"],
    ["the requester acting as support", { userId: "auth0|ivan", actor: support }, "own_request"],
    ["the requester through a second account with the same address", { userId: "google-oauth2|ivan", email: "ivan@ACME.test" }, "own_request"],
    ["an Inviter who is not the requester", { userId: "auth0|ines", actor: inviter }, "not_approver"],
    ["an Org Admin whose ceiling does not cover the roles", { roleIds: ["rol_Secret"] }, "role_not_assignable"],
    ["anyone, once approved", { status: "approved" }, "already_decided"],
    ["anyone, once denied", { status: "denied" }, "already_decided"],
    ["anyone, once expired", { status: "request_expired" }, "already_decided"],
    ["anyone, once overdue but not yet swept", { expiresAt: NOW }, "already_decided"],
    ["anyone, for an invitation that is no request", { status: "pending" }, "already_decided"],
  ] as const)("%s → %s", (_name, overrides, code) => {
    expect(decide(overrides as Parameters<typeof decide>[0])).toBe(code);
  });

  it("tells the requester to ask someone else, naming the approver role", () => {
    const refusal = decisionRefusal({
      decider: { userId: "auth0|ivan", email: "ivan@acme.test", actor: inviter },
      request: { requesterId: "auth0|ivan", requesterEmail: "ivan@acme.test", status: "awaiting_approval", expiresAt: new Date("2030-01-17T00:00:00Z"), roleIds: [] },
      ceiling: covering([]),
      approverRole: "Org Admin",
      now: NOW,
    });
    expect(refusal?.message).toBe("You asked for this invitation, so someone else must answer it: ask another Org Admin, or support.");
  });
});
