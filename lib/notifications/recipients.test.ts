import { describe, expect, it } from "vitest";
import { recipientsOf } from "./recipients";

const inviter = { actorId: "auth0|alice", actorEmail: "alice@acme.test", actorName: "Alice", actorKind: "member" };
const agent = { actorId: "auth0|sam", actorEmail: "sam@support.test", actorName: "Sam", actorKind: "support" };
const admins = [{ userId: "auth0|olga", email: "olga@acme.test", name: "Olga" }];

describe("recipientsOf", () => {
  it.each(["invitation.accepted", "invitation.consumed_by_other_account", "invitation.expired"])("tells the inviter of %s", (type) => {
    expect(recipientsOf(type, inviter, admins, false)).toEqual([{ userId: "auth0|alice", email: "alice@acme.test", name: "Alice", role: "inviter" }]);
  });
  it.each(["invitation.created", "invitation.revoked", "invitation.replaced", "invitation.removed_elsewhere", "invitation.denied"])("tells no one of %s", (type) => {
    expect(recipientsOf(type, inviter, admins, false)).toEqual([]);
  });
  it("tells the admins of a support-made invitation, or the agent when configured", () => {
    expect(recipientsOf("invitation.accepted", agent, admins, false)).toEqual([{ ...admins[0], role: "admin" }]);
    expect(recipientsOf("invitation.accepted", agent, admins, true)).toEqual([{ userId: "auth0|sam", email: "sam@support.test", name: "Sam", role: "inviter" }]);
  });
  it("tells no one of an invitation made outside this app", () => {
    expect(recipientsOf("invitation.accepted", { actorId: null, actorEmail: null, actorName: null, actorKind: null }, admins, false)).toEqual([]);
    expect(recipientsOf("invitation.accepted", null, admins, false)).toEqual([]);
  });
});
