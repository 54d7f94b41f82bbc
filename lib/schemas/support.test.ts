import { describe, expect, it } from "vitest";
import { z } from "zod/mini";
import { startActingSchema } from "./support";

const ORG = "org_Globex0000000002";
const reasonErrors = (reason: string) => {
  const result = startActingSchema.safeParse({ orgId: ORG, reason });
  return result.success ? [] : (z.flattenError(result.error).fieldErrors.reason ?? []);
};

describe("support's reason for acting on behalf of an organization", () => {
  it.each([
    ["a ticket reference", "T-4711"],
    ["exactly 5 characters", "12345"],
    ["exactly 200 characters", "r".repeat(200)],
    ["free text", "Customer asked on the phone to onboard their admin"],
    ["accented letters written with combining marks", "Re\u0301sume\u0301 T-1"],
  ])("keeps %s", (_name, reason) => {
    expect(reasonErrors(reason)).toEqual([]);
    expect(startActingSchema.parse({ orgId: ORG, reason: `  ${reason} ` }).reason).toBe(reason);
  });

  it.each([
    ["nothing", "", "Say why you act for this organization: a ticket reference or a few words."],
    ["only invisible characters", "\u200b \u200f", "Say why you act for this organization: a ticket reference or a few words."],
    ["six Braille blanks", "\u2800".repeat(6), "Say why you act for this organization: a ticket reference or a few words."],
    ["six combining accents", "\u0301".repeat(6), "Say why you act for this organization: a ticket reference or a few words."],
    ["Hangul fillers", "\u3164\u115f\u1160\uffa0\u3164\u3164", "Say why you act for this organization: a ticket reference or a few words."],
    ["4 visible characters padded with invisible ones", "T-47\u2800\u0301\u200b\u2800", "The reason needs at least 5 characters: a ticket reference or a few words."],
    ["4 characters", "T-47", "The reason needs at least 5 characters: a ticket reference or a few words."],
    ["201 characters", "r".repeat(201), "The reason can be at most 200 characters."],
    ["a line break", "T-4711\nand more", "The reason cannot contain line breaks or other control characters (found \\u000a)."],
    ["an escape sequence", "\u001b[31mT-4711", "The reason cannot contain line breaks or other control characters (found \\u001b)."],
  ])("refuses %s", (_name, reason, message) => {
    expect(reasonErrors(reason)).toEqual([message]);
  });

  it("goes back only to a page of an organization", () => {
    const returnTo = (value: string) => startActingSchema.parse({ orgId: ORG, reason: "T-4711", returnTo: value }).returnTo;
    expect(returnTo(`/orgs/${ORG}/members`)).toBe(`/orgs/${ORG}/members`);
    expect(returnTo("https://evil.example/orgs/x")).toBeUndefined();
    expect(returnTo("//evil.example")).toBeUndefined();
    expect(returnTo("/orgs/../../etc")).toBeUndefined();
  });
});
