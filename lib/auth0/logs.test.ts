import { describe, expect, it } from "vitest";
import { invitationEvent, membershipEvent, nextCheckpoint } from "./logs";

describe("reading Auth0's tenant logs", () => {
  it.each([
    ['<https://t.eu.auth0.com/api/v2/logs?from=900200&take=100>; rel="next"', "900200"],
    ['<https://t.eu.auth0.com/api/v2/logs?take=100&from=900300>; rel=next', "900300"],
    ['<https://x/api/v2/logs?from=1>; rel="prev", <https://x/api/v2/logs?from=2&take=5>; rel="next"', "2"],
    ['<https://x/api/v2/logs?from=1>; rel="prev"', undefined],
    [null, undefined],
  ])("takes the next checkpoint from the Link header %j", (link, expected) => {
    expect(nextCheckpoint(link)).toBe(expected);
  });

  it("matches acceptances and failed acceptances on the invitation id, and nothing else", () => {
    const invitation = { id: "uinv_1", invitee: { email: "a@x.test" } };
    expect(invitationEvent({ log_id: "9001", type: "si", date: "2026-01-01T00:00:00.000Z", user_id: "auth0|a", details: { invitation } })).toMatchObject({
      logId: "9001", type: "si", invitationId: "uinv_1", userId: "auth0|a",
    });
    expect(invitationEvent({ log_id: "9002", type: "fi", details: { invitation } })).toMatchObject({ type: "fi" });
    expect(invitationEvent({ log_id: "9003", type: "s", details: { invitation } })).toBeUndefined();
    expect(invitationEvent({ log_id: "9004", type: "si", details: {} })).toBeUndefined();
  });

  describe("membership changes", () => {
    const ORG = "org_AcmeCorp00000001";
    const sapi = (method: string, path: string, body: unknown) => ({
      log_id: "9100",
      type: "sapi",
      date: "2026-01-01T00:00:00.000Z",
      description: "…",
      details: { request: { method, path, body }, response: { statusCode: 204 } },
    });

    it("an accepted invitation adds its invitee with the invitation's roles", () => {
      const invitation = { id: "uinv_1", invitee: { email: "a@x.test" }, roles: ["rol_1"] };
      expect(membershipEvent({ log_id: "9001", type: "si", organization_id: ORG, user_id: "auth0|a", user_name: "a@x.test", details: { invitation } })).toMatchObject({
        organizationId: ORG,
        change: { kind: "added", members: [{ userId: "auth0|a", email: "a@x.test" }], roleIds: ["rol_1"] },
      });
      expect(membershipEvent({ log_id: "9002", type: "organization_member_added", organization_id: ORG, user_id: "auth0|a", user_name: "a@x.test", details: { reason: "invitation" } })).toMatchObject({
        change: { kind: "added", members: [{ userId: "auth0|a", email: "a@x.test" }], roleIds: [] },
      });
    });

    it.each([
      [sapi("post", `/api/v2/organizations/${ORG}/members`, { members: ["auth0|a", "auth0|b"] }), { kind: "added", members: [{ userId: "auth0|a" }, { userId: "auth0|b" }], roleIds: [] }],
      [sapi("delete", `/api/v2/organizations/${ORG}/members`, { members: ["auth0|a"] }), { kind: "removed", userIds: ["auth0|a"] }],
      [sapi("post", `/api/v2/organizations/${ORG}/members/auth0%7Ca/roles`, { roles: ["rol_1"] }), { kind: "roles_added", userId: "auth0|a", roleIds: ["rol_1"] }],
      [sapi("delete", `/api/v2/organizations/${ORG}/members/auth0%7Ca/roles`, { roles: ["rol_1"] }), { kind: "roles_removed", userId: "auth0|a", roleIds: ["rol_1"] }],
    ])("reads a Management API write from its request (%#)", (log, change) => {
      expect(membershipEvent(log)).toEqual({ logId: "9100", date: new Date("2026-01-01T00:00:00.000Z"), organizationId: ORG, change });
    });

    it("a deleted user leaves every organization; other writes and events change no membership", () => {
      expect(membershipEvent(sapi("delete", "/api/v2/users/auth0%7Ca", undefined))).toEqual({ logId: "9100", date: expect.any(Date), change: { kind: "removed", userIds: ["auth0|a"] } });
      expect(membershipEvent(sapi("patch", `/api/v2/organizations/${ORG}`, { display_name: "x" }))).toBeUndefined();
      expect(membershipEvent(sapi("post", `/api/v2/organizations/${ORG}/invitations`, { invitee: { email: "a@x.test" } }))).toBeUndefined();
      expect(membershipEvent(sapi("post", `/api/v2/organizations/${ORG}/members`, { members: [] }))).toBeUndefined();
      expect(membershipEvent({ log_id: "9003", type: "s", organization_id: ORG, user_id: "auth0|a" })).toBeUndefined();
      expect(membershipEvent({ log_id: "9004", type: "fi", organization_id: ORG, user_id: "auth0|a", details: {} })).toBeUndefined();
    });

    it("passes over a request path with broken escapes instead of throwing, so one odd event cannot stop the reader", () => {
      expect(membershipEvent(sapi("post", "/api/v2/organizations/org_%E0%A4%A/members", { members: ["auth0|a"] }))).toBeUndefined();
      expect(membershipEvent(sapi("post", `/api/v2/organizations/${ORG}/members/auth0%7/roles`, { roles: ["rol_1"] }))).toBeUndefined();
      expect(membershipEvent(sapi("delete", "/api/v2/users/auth0%ZZa", undefined))).toBeUndefined();
    });
  });
});
