// Contract: every way a member joins or leaves an organization leaves the tenant log entry Auth0 writes for it
// (https://auth0.com/docs/deploy-monitor/logs/log-event-type-codes): a Management API add or removal is one `sapi`
// event per request, described by the operation's summary; a member added by accepting an invitation at sign-in is an
// `organization_member_added` event with `details.reason: "invitation"`, beside the `si` and the `s`.
import { describe, expect, it } from "vitest";
import { ACME, api, control, createInvitation, useEmulator } from "./testing.ts";

const emulator = useEmulator();

const DAVE = "auth0|dave00000000000000000005";
const EVE = "auth0|eve000000000000000000007";
const logs = async () => (await control("GET", "logs")).body as { type: string; [key: string]: any }[];
const members = async () => ((await control("GET", "state")).body.organizations as { id: string; members: { user_id: string }[] }[]).find((o) => o.id === ACME)!.members;

describe("membership changes in the tenant logs", () => {
  it("logs a Management API add as sapi 'Add members to an organization', with its request", async () => {
    expect((await api("POST", `/organizations/${ACME}/members`, { body: { members: [EVE] } })).status).toBe(204);
    expect((await members()).map((m) => m.user_id)).toContain(EVE);
    const events = await logs();
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      type: "sapi",
      description: "Add members to an organization",
      organization_id: ACME,
      organization_name: "acme",
      details: { request: { method: "post", path: `/api/v2/organizations/${ACME}/members`, body: { members: [EVE] } }, response: { statusCode: 204 } },
    });
  });

  it("logs a Management API removal as sapi 'Delete members from an organization'", async () => {
    expect((await api("DELETE", `/organizations/${ACME}/members`, { body: { members: [DAVE] } })).status).toBe(204);
    expect((await members()).map((m) => m.user_id)).not.toContain(DAVE);
    expect((await logs()).map((e) => [e.type, e.description, e.details.request.body])).toEqual([["sapi", "Delete members from an organization", { members: [DAVE] }]]);
  });

  it("logs nothing for a refused write", async () => {
    expect((await api("POST", `/organizations/${ACME}/members`, { body: { members: ["auth0|nobody"] } })).status).toBe(400);
    expect(await logs()).toEqual([]);
  });

  it("logs organization_member_added (reason: invitation) when a sign-in accepts an invitation", async () => {
    const { body: invitation } = await createInvitation({ invitee: { email: "joiner@acme.test" }, roles: ["rol_Member0000000003"] });
    const accepted = await control("POST", "invitations/accept", { ticket: invitation.ticket_id, email: "joiner@acme.test", password: "a-good-password" });
    expect(accepted.body.kind).toBe("signed-in");
    const userId = accepted.body.user_id;
    const events = await logs();
    expect(events.map((e) => e.type)).toEqual(["organization_member_added", "si", "s"]);
    expect(events[0]).toMatchObject({
      description: "Organization Member Added Operation",
      user_id: userId,
      user_name: "joiner@acme.test",
      organization_id: ACME,
      organization_name: "acme",
      details: { reason: "invitation" },
    });
    // Read back as the app reads tenant logs: by checkpoint, through the Management API.
    const page = (await api("GET", `/logs?from=${"0".repeat(56)}&take=100`)).body as { type: string; user_id: string }[];
    expect(page.find((e) => e.type === "organization_member_added")?.user_id).toBe(userId);
  });

  it("logs no organization_member_added when the invitee was a member already", async () => {
    const { body: invitation } = await createInvitation({ invitee: { email: "dave@multi.test" } });
    const user = emulator().context.tenant.userByEmail("dave@multi.test");
    expect(user?.user_id).toBe(DAVE);
    const accepted = await control("POST", "invitations/accept", { ticket: invitation.ticket_id, email: "dave@multi.test", password: emulator().context.tenant.state.password });
    expect(accepted.body.kind).toBe("signed-in");
    expect((await logs()).map((e) => e.type)).toEqual(["si", "s"]);
  });
});
