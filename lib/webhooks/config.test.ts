// WEBHOOK_ENDPOINTS: endpoints are read from JSON with clear messages, and each receives only its filters' events.
import { describe, expect, it } from "vitest";
import { receives, webhookEndpointsSetting } from "./config";

const SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

describe("WEBHOOK_ENDPOINTS", () => {
  it("is no endpoints when unset", () => {
    expect(webhookEndpointsSetting.parse(undefined)).toEqual([]);
  });

  it("reads endpoints with their filters", () => {
    const endpoints = webhookEndpointsSetting.parse(
      JSON.stringify([{ url: "https://hooks.example.com/a", secret: SECRET, organizations: ["org_acme"], events: ["invitation.accepted"] }]),
    );
    expect(endpoints).toEqual([{ url: "https://hooks.example.com/a", secret: SECRET, organizations: ["org_acme"], events: ["invitation.accepted"] }]);
  });

  it.each([
    ["not json", /must be JSON/],
    [JSON.stringify({ url: "https://a.example" }), /must be a JSON array/],
    [JSON.stringify([{ url: "ftp://a.example", secret: SECRET }]), /must be an http\(s\) URL/],
    [JSON.stringify([{ url: "https://a.example", secret: "hunter2" }]), /Standard Webhooks secret/],
    [JSON.stringify([{ url: "https://a.example", secret: SECRET, events: ["invitation.sent"] }]), /must list event types among: invitation.created/],
    [JSON.stringify([{ url: "https://a.example", secret: SECRET }, { url: "https://a.example", secret: SECRET }]), /must not list one URL twice/],
  ])("refuses %s with a message that says what to do", (value, message) => {
    const result = webhookEndpointsSetting.safeParse(value);
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((issue) => issue.message).join("\n")).toMatch(message);
  });
});

describe("receives", () => {
  const event = { type: "invitation.accepted", organizationId: "org_acme" };
  it("takes every event without filters, and only the chosen ones with them", () => {
    expect(receives({ url: "https://a.example", secret: SECRET }, event)).toBe(true);
    expect(receives({ url: "https://a.example", secret: SECRET, organizations: ["org_globex"] }, event)).toBe(false);
    expect(receives({ url: "https://a.example", secret: SECRET, events: ["invitation.created"] }, event)).toBe(false);
    expect(receives({ url: "https://a.example", secret: SECRET, organizations: ["org_acme"], events: ["invitation.accepted"] }, event)).toBe(true);
  });
});
