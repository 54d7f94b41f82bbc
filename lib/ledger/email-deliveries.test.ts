// What one attempt's SMTP answer makes of a delivery, as a table.
import { describe, expect, it } from "vitest";
import { deliveryOutcome } from "./email-deliveries";

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
