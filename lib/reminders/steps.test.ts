import { describe, expect, it } from "vitest";
import { DAY_MS, dueStep, reminderTime, type ChainHead, type TakenStep } from "./steps";

const created = new Date("2026-12-01T12:00:00Z");
const head = (fields: Partial<ChainHead> = {}): ChainHead => ({
  id: "uinv_2",
  status: "pending",
  createdAt: created,
  expiresAt: new Date(created.getTime() + 7 * DAY_MS),
  successorId: null,
  ...fields,
});
const at = (days: number, hours = 0) => new Date(created.getTime() + days * DAY_MS + hours * 3_600_000);
const remind = { reminders: { daysBefore: 3, times: 2 } };
const renew = { renewals: 1 };

describe("which step is due", () => {
  it.each<[string, ChainHead, TakenStep[], Parameters<typeof dueStep>[2], Date, string | undefined]>([
    ["nothing without a policy", head(), [], {}, at(5), undefined],
    ["no reminder before N days before expiry", head(), [], remind, at(3, 23), undefined],
    ["the first reminder at N days before expiry", head(), [], remind, at(4), "reminder:1 of 2"],
    ["the first reminder until expiry", head(), [], remind, at(6, 23), "reminder:1 of 2"],
    ["no second reminder of the same invitation (our email keeps its expiry)", head(), [{ kind: "reminder", invitationId: "uinv_2" }], remind, at(5), undefined],
    ["the second reminder of its replacement", head(), [{ kind: "reminder", invitationId: "uinv_1" }], remind, at(5), "reminder:2 of 2"],
    ["never more than K over the chain", head(), [{ kind: "reminder", invitationId: "uinv_0" }, { kind: "reminder", invitationId: "uinv_1" }], remind, at(5), undefined],
    ["a skipped reminder counts as taken", head(), [{ kind: "reminder", invitationId: "uinv_2" }], { ...remind, ...renew }, at(5), undefined],
    ["no reminder once expired, nor renewal without a policy", head(), [], remind, at(7), undefined],
    ["no reminder of an invitation sent with less time to run than N days", head({ expiresAt: at(2) }), [], remind, at(1), undefined],
    ["no reminder of a replaced one", head({ successorId: "uinv_3" }), [], remind, at(5), undefined],
    ["no reminder of an accepted one", head({ status: "accepted" }), [], remind, at(5), undefined],
    ["the renewal once expired (the ledger not yet told)", head(), [], renew, at(7), "renewal:1 of 1"],
    ["the renewal of an expired one", head({ status: "expired" }), [], renew, at(8), "renewal:1 of 1"],
    ["no renewal more than a week after expiry", head({ status: "expired" }), [], renew, at(14, 1), undefined],
    ["no renewal of a consumed or revoked one", head({ status: "revoked" }), [], renew, at(8), undefined],
    ["no renewal of one already renewed", head({ status: "expired", successorId: "uinv_3" }), [], renew, at(8), undefined],
    ["no renewal beyond R", head({ status: "expired" }), [{ kind: "renewal", invitationId: "uinv_1" }], renew, at(8), undefined],
    ["the second renewal of a renewed one", head({ status: "expired" }), [{ kind: "renewal", invitationId: "uinv_1" }], { renewals: 2 }, at(8), "renewal:2 of 2"],
    ["no second renewal step of the same invitation", head({ status: "expired" }), [{ kind: "renewal", invitationId: "uinv_2" }], { renewals: 2 }, at(8), undefined],
  ])("%s", (_name, chainHead, taken, policy, now, expected) => {
    const step = dueStep(chainHead, taken, policy, now);
    expect(step && `${step.key} of ${step.of}`).toBe(expected);
  });

  it("reminds N whole days before expiry", () => {
    expect(reminderTime(head(), { daysBefore: 3, times: 1 })).toEqual(at(4));
    expect(reminderTime(head(), { daysBefore: 7, times: 1 })).toBeUndefined();
  });
});
