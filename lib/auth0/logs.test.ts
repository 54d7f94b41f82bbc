import { describe, expect, it } from "vitest";
import { invitationEvent, nextCheckpoint } from "./logs";

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
});
