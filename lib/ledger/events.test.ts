// The events other systems receive: one type per status, and a payload with the organization, the invitation,
// the invitee, the roles and the actor.
import { describe, expect, it } from "vitest";
import { EVENT_BY_STATUS } from "./event-types";
import { buildEvent, buildReminderEvent } from "./events";
import { INVITATION_STATUSES } from "./status";

const subject = { id: "uinv_1", organizationId: "org_acme", inviteeEmail: "bob@acme.test", roleIds: ["rol_Member"] };
const alice = { id: "auth0|alice", name: "Alice", kind: "member" };
const at = new Date("2026-12-05T10:00:00Z");

describe("buildEvent", () => {
  it("gives every status its own event type", () => {
    expect(Object.keys(EVENT_BY_STATUS).sort()).toEqual(Object.keys(INVITATION_STATUSES).sort());
    expect(new Set(Object.values(EVENT_BY_STATUS)).size).toBe(Object.keys(EVENT_BY_STATUS).length);
  });

  it("builds the payload with a fresh stable id", () => {
    const event = buildEvent(subject, "replaced", alice, at, { successor_id: "uinv_2", inferred: false });
    expect(event).toMatchObject({ type: "invitation.replaced", organizationId: "org_acme", subjectId: "uinv_1", occurredAt: at });
    expect(event.id).toMatch(/^evt_[0-9a-f-]{36}$/);
    expect(event.data).toEqual({
      organization_id: "org_acme",
      invitation_id: "uinv_1",
      invitee_email: "bob@acme.test",
      role_ids: ["rol_Member"],
      status: "replaced",
      actor: alice,
      successor_id: "uinv_2",
    });
    expect(buildEvent(subject, "replaced", alice, at).id).not.toBe(event.id);
  });

  it("says when a status was inferred", () => {
    expect(buildEvent(subject, "accepted", alice, at, { inferred: true }).data).toMatchObject({ status: "accepted", inferred: true });
    expect(buildEvent(subject, "consumed", alice, at).type).toBe("invitation.consumed_by_other_account");
  });

  it("builds a reminder's event: the pending invitation, which reminder, and how", () => {
    const app = { id: "app", name: "This app (the organization's policy)", kind: "app" };
    const byEmail = buildReminderEvent(subject, app, at, { number: 1, of: 2, by: "email" });
    expect(byEmail).toMatchObject({ type: "invitation.reminded", subjectId: "uinv_1" });
    expect(byEmail.data).toEqual({ ...buildEvent(subject, "pending", app, at).data, reminder: { number: 1, of: 2, by: "email" } });
    expect(buildReminderEvent(subject, app, at, { number: 2, of: 2, by: "replacement" }, "uinv_2").data).toMatchObject({ successor_id: "uinv_2", status: "pending" });
  });
});
