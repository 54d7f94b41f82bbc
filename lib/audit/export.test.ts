import { describe, expect, it } from "vitest";
import type { TrailEvent } from "@/lib/db/audit";
import { activityCsv, exportFileName } from "./export";

const event: TrailEvent = {
  id: 7,
  occurredAt: new Date("2026-11-27T10:33:05.123Z"),
  action: "invite",
  outcome: "created",
  actorId: "auth0|sam",
  actorEmail: "sam@support.test",
  actorName: "Sam Support",
  actorKind: "support",
  reason: "Ticket #1, \"urgent\"",
  organizationId: "org_acme",
  inviteeEmail: "x@y.test",
  roles: ["Member", "Billing"],
  invitationId: "uinv_1",
  clientId: null,
  connectionId: null,
  sendEmail: true,
  inviterName: "=HYPERLINK(\"http://evil.test\")",
  detail: null,
  count: 1,
  tallyKey: null,
  organizationName: "Acme, Inc.",
};

describe("activityCsv", () => {
  it("writes a byte-order mark, a header and one record per event, in the trail's words, quoted and neutralised", () => {
    const [header, row, end, ...rest] = activityCsv([event], "organization").split("\r\n");
    expect(header).toBe(
      "\ufeffoccurred_at_utc,description,actor_name,actor_email,actor_kind,reason,action,outcome,detail,count,invitee_email,roles,inviter_name_shown,invitation_id,event_id",
    );
    expect(row).toBe(
      `2026-11-27T10:33:05.123Z,Sam Support invited x@y.test — created,Sam Support,sam@support.test,support,"Ticket #1, ""urgent""",invite,created,,1,x@y.test,"Member; Billing","'=HYPERLINK(""http://evil.test"")",uinv_1,7`,
    );
    expect(end).toBe("");
    expect(rest).toEqual([]);
  });

  it("adds the organization's id and name for support's trail, empty for the desk's own events", () => {
    const [header, row, desk] = activityCsv([event, { ...event, organizationId: null, organizationName: null, action: "find", outcome: "done" }], "support").split("\r\n");
    expect(header).toBe(
      "\ufeffoccurred_at_utc,organization_id,organization_name,description,actor_name,actor_email,actor_kind,reason,action,outcome,detail,count,invitee_email,roles,inviter_name_shown,invitation_id,event_id",
    );
    expect(row).toMatch(/^2026-11-27T10:33:05.123Z,org_acme,"Acme, Inc.",Sam Support invited x@y.test — created,/);
    expect(desk).toMatch(/^2026-11-27T10:33:05.123Z,,,Sam Support searched for organizations,/);
  });

  it("is only the header for no events", () => {
    expect(activityCsv([], "organization").split("\r\n")).toHaveLength(2);
  });
});

it("names the file after the organization (or support) and the UTC day", () => {
  expect(exportFileName("org_Acme1", new Date("2026-11-27T23:59:00Z"))).toBe("activity-org_Acme1-2026-11-27.csv");
  expect(exportFileName("support", new Date("2026-11-27T00:00:00Z"))).toBe("activity-support-2026-11-27.csv");
});
