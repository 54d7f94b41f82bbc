import { describe, expect, it } from "vitest";
import { actionLabel, describeEvent, describeFilters, eventParts, outcomeLabel } from "./describe";
import { AUDIT_ACTIONS, AUDIT_OUTCOMES, ORGANIZATION_ACTIONS, PAGE_VIEWS, type AuditAction, type AuditOutcome } from "./vocabulary";

const alice = { actorName: "Alice Admin", actorEmail: "alice@acme.test", inviteeEmail: null, detail: null };

describe("describeEvent", () => {
  it.each([
    [{ action: "invite", outcome: "created", inviteeEmail: "x@y.test" }, "Alice Admin invited x@y.test — created"],
    [{ action: "invite", outcome: "replaced", inviteeEmail: "x@y.test" }, "Alice Admin invited x@y.test — replaced"],
    [{ action: "revoke", outcome: "revoked", inviteeEmail: "x@y.test" }, "Alice Admin revoked the invitation for x@y.test — revoked"],
    [{ action: "invite", outcome: "revoked", inviteeEmail: "x@y.test", detail: "Replaced by a new invitation" }, "Alice Admin revoked the invitation for x@y.test — revoked: Replaced by a new invitation"],
    [{ action: "resend", outcome: "revoked", inviteeEmail: "x@y.test", detail: "Resent: replaced by a new invitation" }, "Alice Admin revoked the invitation for x@y.test — revoked: Resent: replaced by a new invitation"],
    [{ action: "resend", outcome: "replaced", inviteeEmail: "x@y.test", detail: "Replaces uinv_1" }, "Alice Admin resent the invitation for x@y.test — replaced: Replaces uinv_1"],
    [{ action: "resend", outcome: "resent", inviteeEmail: "x@y.test" }, "Alice Admin resent the invitation for x@y.test — resent"],
    [{ action: "reinvite", outcome: "created", inviteeEmail: "x@y.test" }, "Alice Admin re-invited x@y.test — created"],
    [{ action: "copy_link", outcome: "copied", inviteeEmail: "x@y.test" }, "Alice Admin copied the link of the invitation for x@y.test — link copied"],
    [{ action: "view", outcome: "viewed", actorName: "Sam Support", detail: "the members" }, "Sam Support viewed the members"],
    [{ action: "view", outcome: "viewed", actorName: "Sam Support", detail: "the invite form", count: 4 }, "Sam Support viewed the invite form 4 times"],
    [{ action: "view", outcome: "viewed", actorName: "Sam Support" }, "Sam Support viewed the organization's pages"],
    [{ action: "open_desk", outcome: "refused", actorName: "Bob Member", detail: "Only support staff may use the support desk.", count: 2 }, "Bob Member was refused the support desk 2 times — Only support staff may use the support desk."],
    [{ action: "accept", outcome: "done", actorName: "Nina New", inviteeEmail: "nina@x.test" }, "Nina New accepted the invitation for nina@x.test"],
    [{ action: "accept", outcome: "failed", actorName: "Bob Member", inviteeEmail: "nina@x.test", detail: "Signed in with another account." }, "Bob Member tried to accept the invitation for nina@x.test — failed: Signed in with another account."],
    [{ action: "expire", outcome: "done", actorName: "Auth0", inviteeEmail: "nina@x.test" }, "The invitation for nina@x.test expired unused"],
    [{ action: "remove_outside", outcome: "done", actorName: "Auth0", inviteeEmail: "nina@x.test", detail: "Inferred." }, "The invitation for nina@x.test was removed from Auth0 outside this app — Inferred."],
    [{ action: "act_for", outcome: "done", actorName: "Sam Support" }, "Sam Support began acting on behalf of the organization"],
    [{ action: "stop_acting", outcome: "done", actorName: "Sam Support" }, "Sam Support stopped acting on behalf of the organization"],
    [{ action: "find", outcome: "done", actorName: "Sam Support", detail: "carol@globex.test" }, "Sam Support searched for organizations — carol@globex.test"],
    [{ action: "find", outcome: "refused", actorName: "Bob Member", detail: "Only support staff may use the support desk." }, "Bob Member tried to search for organizations — refused: Only support staff may use the support desk."],
    [{ action: "view", outcome: "refused", actorName: "Carol Admin", detail: "You may not invite into this organization." }, "Carol Admin was refused the organization's pages — You may not invite into this organization."],
    [{ action: "view", outcome: "refused", actorName: "Carol Admin", detail: "You may not invite into this organization.", count: 37 }, "Carol Admin was refused the organization's pages 37 times — You may not invite into this organization."],
    [{ action: "invite", outcome: "throttled", detail: "Try again in 5 seconds.", count: 3 }, "Alice Admin tried to invite someone 3 times — too many requests: Try again in 5 seconds."],
    [{ action: "invite", outcome: "started", inviteeEmail: "x@y.test" }, "Alice Admin tried to invite x@y.test — outcome unknown"],
    [{ action: "revoke", outcome: "failed", inviteeEmail: "x@y.test", detail: "Auth0 is busy." }, "Alice Admin tried to revoke the invitation for x@y.test — failed: Auth0 is busy."],
    [{ action: "invite", outcome: "skipped", inviteeEmail: "x@y.test", detail: "Already a member." }, "Alice Admin tried to invite x@y.test — skipped: Already a member."],
    [{ action: "invite", outcome: "refused", detail: "Support staff must say why." }, "Alice Admin tried to invite someone — refused: Support staff must say why."],
    [{ action: "revoke", outcome: "refused" }, "Alice Admin tried to revoke an invitation — refused"],
    [{ action: "invite", outcome: "created", actorName: " ", inviteeEmail: "x@y.test" }, "alice@acme.test invited x@y.test — created"],
    [{ action: "export", outcome: "done", inviteeEmail: "x@y.test" }, "Alice Admin export x@y.test — done"],
  ])("%j → %s", (event, sentence) => {
    expect(describeEvent({ ...alice, ...event })).toBe(sentence);
  });

  it("never says an outcome twice, and every sentence ends in the vocabulary's word for its outcome", () => {
    for (const action of Object.keys(AUDIT_ACTIONS) as AuditAction[]) {
      for (const outcome of Object.keys(AUDIT_OUTCOMES) as AuditOutcome[]) {
        const sentence = describeEvent({ ...alice, action, outcome, inviteeEmail: "x@y.test" });
        expect(sentence).not.toMatch(/\b(\w+) \1\b/);
        const { lead, ending } = eventParts({ ...alice, action, outcome });
        if (outcome === "done" || (outcome === "viewed" && PAGE_VIEWS.has(action))) expect(ending).toBeUndefined();
        // A refused page view says so in its lead: "was refused the support desk".
        else if (outcome === "refused" && PAGE_VIEWS.has(action)) expect(lead).toContain("was refused");
        else expect(ending).toBe(AUDIT_OUTCOMES[outcome]);
      }
    }
  });

  it("says what was done to a member, by address", () => {
    const change = { ...alice, action: "change_member_roles", inviteeEmail: "bob@acme.test" };
    expect(describeEvent({ ...change, outcome: "done", detail: "Member → Billing" })).toBe("Alice Admin changed the roles of bob@acme.test — Member → Billing");
    expect(describeEvent({ ...change, outcome: "refused", detail: "You may not assign Org Admin." })).toBe(
      "Alice Admin tried to change the roles of bob@acme.test — refused: You may not assign Org Admin.",
    );
    expect(describeEvent({ ...alice, action: "remove_member", outcome: "done", inviteeEmail: "bob@acme.test", detail: "who held Billing" })).toBe(
      "Alice Admin removed bob@acme.test from the organization — who held Billing",
    );
  });

  it("says how the delegation policy was tightened: old → new", () => {
    expect(describeEvent({ ...alice, action: "tighten_policy", outcome: "done", detail: "Longest expiry: 7 days → 3 days" })).toBe(
      "Alice Admin tightened the delegation policy — Longest expiry: 7 days → 3 days",
    );
    expect(describeEvent({ ...alice, action: "tighten_policy", outcome: "refused", detail: "8 days is looser than the operator's 7 days." })).toBe(
      "Alice Admin tried to tighten the delegation policy — refused: 8 days is looser than the operator's 7 days.",
    );
    expect(describeEvent({ ...alice, action: "remove_policy_tightening", outcome: "done", detail: "Longest expiry: 3 days → 7 days (organization metadata)" })).toBe(
      "Alice Admin removed a tightening of the delegation policy — Longest expiry: 3 days → 7 days (organization metadata)",
    );
  });

  it("labels the filter's choices in the same words", () => {
    expect(ORGANIZATION_ACTIONS.map(actionLabel)).toEqual([
      "Invite someone",
      "Revoke an invitation",
      "Resend an invitation",
      "Re-invite someone",
      "Copy the link of an invitation",
      "View the organization's pages",
      "Act on behalf of the organization",
      "Stop acting on behalf of the organization",
      "Change a bulk job",
      "Refresh the invitations from Auth0",
      "Refresh the members from Auth0",
      "Change the roles of a member",
      "Remove a member from the organization",
      "Accept an invitation",
      "An invitation expired unused",
      "An invitation was removed from Auth0 outside this app",
      "Tighten the delegation policy",
      "Remove a tightening of the delegation policy",
      "Approve a request for approval",
      "Deny a request for approval",
      "Remind an invitation",
      "Renew an invitation",
    ]);
    expect(describeEvent({ ...alice, action: "remind", outcome: "emailed", inviteeEmail: "x@y.test", detail: "Reminder 1 of 2, by the organization's policy" })).toBe(
      "Alice Admin reminded the invitation for x@y.test — emailed again: Reminder 1 of 2, by the organization's policy",
    );
    expect(describeEvent({ ...alice, action: "renew", outcome: "skipped", inviteeEmail: "x@y.test", detail: "Automatic renewal 1 of 1: no authority" })).toBe(
      "Alice Admin tried to renew the invitation for x@y.test — skipped: Automatic renewal 1 of 1: no authority",
    );
    expect(describeEvent({ ...alice, action: "approve", outcome: "done", inviteeEmail: "x@gmail.com", detail: "Our auditor" })).toBe(
      "Alice Admin approved the request to invite x@gmail.com — Our auditor",
    );
    expect(describeEvent({ ...alice, action: "invite", outcome: "requested", inviteeEmail: "x@gmail.com", detail: null })).toBe(
      "Alice Admin tried to invite x@gmail.com — sent for approval",
    );
    expect(outcomeLabel("started")).toBe("Outcome unknown");
    expect(outcomeLabel("copied")).toBe("Link copied");
  });
});

describe("describeFilters (what a recorded look at a trail covered)", () => {
  it("names each filter set, in the filter form's order and words", () => {
    expect(describeFilters({ to: "2026-01-02", reason: "TICKET-7", actor: "sam", organization: "globex", action: "act_for", outcome: "done", from: "2026-01-01" })).toBe(
      'filtered by actor "sam", organization "globex", reason "TICKET-7", action Act on behalf of the organization, outcome Done, from 2026-01-01, to 2026-01-02',
    );
  });

  it("says when nothing was filtered", () => {
    expect(describeFilters({})).toBe("unfiltered");
  });

  it("ends the sentence of a recorded look", () => {
    const look = { ...alice, action: "view_support_activity", outcome: "viewed", detail: `page 1, ${describeFilters({ actor: "sam" })}` };
    expect(describeEvent(look)).toBe(`Alice Admin viewed support's activity across organizations — page 1, filtered by actor "sam"`);
  });
});
