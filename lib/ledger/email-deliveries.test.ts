// What one attempt's SMTP answer makes of a delivery, as a table.
import { describe, expect, it } from "vitest";
import { answerForPeople, deliveryOutcome, deliveryProblem } from "./email-deliveries";

describe("a delivery after an attempt", () => {
  it.each([
    [{ accepted: true }, false, "sent"],
    [{ accepted: true }, true, "sent"],
    [{ accepted: false, permanent: true }, false, "bounced"],
    [{ accepted: false, permanent: true }, true, "bounced"],
    [{ accepted: false, permanent: false }, false, "queued"],
    [{ accepted: false, permanent: false }, true, "failed"],
  ] as const)("%o on the last attempt %s is %s", (answer, last, status) => {
    expect(deliveryOutcome(answer, last)).toBe(status);
  });
});

describe("the mail server's answer as an organization's people see it", () => {
  it.each([
    ["550 5.1.1 <x@acme.test>: Recipient address rejected", "550 5.1.1 <x@acme.test>: Recipient address rejected"],
    ["451-4.7.1 Try again later", "451-4.7.1 Try again later"],
    ["connect ECONNREFUSED 10.0.4.12:587", "no answer from the mail server"],
    ["Auth0 answered 429 Too Many Requests", "no answer from the mail server"],
    [null, "no answer from the mail server"],
  ])("%s → %s", (response, shown) => {
    expect(answerForPeople(response)).toBe(shown);
  });

  it("tells the inviter of a failure without the operator's hosts", () => {
    const problem = deliveryProblem({ status: "failed", attempts: 7, smtpResponse: "connect ECONNREFUSED 10.0.4.12:587" });
    expect(problem).toContain("The mail server said: no answer from the mail server.");
    expect(problem).not.toContain("10.0.4.12");
  });
});
