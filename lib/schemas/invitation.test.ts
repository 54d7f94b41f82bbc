import { describe, expect, it } from "vitest";
import { z } from "zod";
import {
  createInvitationsSchema,
  invitationActionSchema,
  invitationFormValues,
  listInvitationsSchema,
  splitEmails,
  type CreateInvitationsInput,
} from "./invitation";

const ORG = "org_Hf9UNU0EQOLcvFyx";
const INVITATION = "uinv_5gwDyykSX1fq6xoP";
const valid: CreateInvitationsInput = {
  orgId: ORG,
  emails: "ann@example.com",
  clientId: "GpqJJ78",
  inviterName: "Ines Inviter",
};

const emailList = (count: number) => Array.from({ length: count }, (_, i) => `user${i}@example.com`).join("\n");

function parse(overrides: Record<string, unknown>) {
  return createInvitationsSchema.safeParse({ ...valid, ...overrides });
}

function parsed(overrides: Record<string, unknown> = {}) {
  const result = parse(overrides);
  if (!result.success) throw new Error(`expected success, got ${JSON.stringify(z.flattenError(result.error))}`);
  return result.data;
}

/** The errors of a failed parse, keyed by field; fails the test if the parse succeeded. */
function errorsOf<T>(result: z.ZodSafeParseResult<T>) {
  if (result.success) throw new Error(`expected failure, got ${JSON.stringify(result.data)}`);
  const flat = z.flattenError(result.error);
  expect(flat.formErrors).toEqual([]);
  return flat.fieldErrors as Record<string, string[] | undefined>;
}
const fieldErrors = (overrides: Record<string, unknown>) => errorsOf(parse(overrides));

describe("createInvitationsSchema: the minimal valid input", () => {
  it("parses, with the documented defaults", () => {
    expect(parsed()).toEqual({
      orgId: ORG,
      emails: ["ann@example.com"],
      clientId: "GpqJJ78",
      connectionId: undefined,
      roleIds: [],
      sendEmail: false,
      inviterName: "Ines Inviter",
      replacePending: false,
      reason: undefined,
      ttlSeconds: 604_800,
    });
  });
});

describe("emails", () => {
  it.each([
    ["newline", "a@example.com\nb@example.com"],
    ["CRLF", "a@example.com\r\nb@example.com"],
    ["comma", "a@example.com,b@example.com"],
    ["semicolon", "a@example.com;b@example.com"],
    ["space", "a@example.com b@example.com"],
    ["tab", "a@example.com\tb@example.com"],
    ["mixed runs of separators", "  a@example.com ,; \n b@example.com;\n"],
  ])("splits on %s", (_name, raw) => {
    expect(splitEmails(raw)).toEqual(["a@example.com", "b@example.com"]);
    expect(parsed({ emails: raw }).emails).toEqual(["a@example.com", "b@example.com"]);
  });

  it("keeps the addresses in the order given, as typed", () => {
    expect(parsed({ emails: "Zed@Example.com, amy@example.com" }).emails).toEqual(["Zed@Example.com", "amy@example.com"]);
  });

  it.each([
    ["empty", ""],
    ["only separators", " ,;\n\t ; "],
  ])("rejects an %s list", (_name, emails) => {
    expect(fieldErrors({ emails })).toEqual({ emails: ["Enter at least one email address."] });
  });

  it("rejects a missing list", () => {
    expect(Object.keys(fieldErrors({ emails: undefined }))).toEqual(["emails"]);
  });

  it("accepts exactly 50 addresses", () => {
    expect(parsed({ emails: emailList(50) }).emails).toHaveLength(50);
  });

  it("rejects 51 addresses, saying how many were entered", () => {
    expect(fieldErrors({ emails: emailList(51) })).toEqual({
      emails: ["Enter at most 50 addresses at a time (you entered 51)."],
    });
  });

  it("reports each invalid address by address", () => {
    expect(fieldErrors({ emails: "good@example.com, not-an-email; x@\n@example.com ok@example.org" })).toEqual({
      emails: [
        "Not a valid email address: not-an-email",
        "Not a valid email address: x@",
        "Not a valid email address: @example.com",
      ],
    });
  });

  it("reports each repeated address (case-insensitively) by address as typed", () => {
    expect(fieldErrors({ emails: "Ann@Example.com ann@example.com bob@example.com ANN@EXAMPLE.COM bob@example.com" })).toEqual({
      emails: [
        "Listed more than once: ann@example.com",
        "Listed more than once: ANN@EXAMPLE.COM",
        "Listed more than once: bob@example.com",
      ],
    });
  });

  it("reports too many, invalid and repeated addresses together", () => {
    const emails = `${emailList(50)}\nbroken\nuser0@example.com`;
    expect(fieldErrors({ emails })).toEqual({
      emails: [
        "Enter at most 50 addresses at a time (you entered 52).",
        "Not a valid email address: broken",
        "Listed more than once: user0@example.com",
      ],
    });
  });
});

describe("clientId", () => {
  it("is required", () => {
    expect(fieldErrors({ clientId: "" })).toEqual({ clientId: ["Choose an application."] });
    expect(Object.keys(fieldErrors({ clientId: undefined }))).toEqual(["clientId"]);
  });
});

describe("connectionId", () => {
  it.each([
    ["absent", undefined, undefined],
    ["empty (the 'let invitees choose' option)", "", undefined],
    ["blank", "   ", undefined],
    ["set", "con_abc123", "con_abc123"],
  ])("%s → %s", (_name, connectionId, expected) => {
    const data = parsed({ connectionId });
    expect(data.connectionId).toBe(expected);
  });
});

describe("roleIds", () => {
  const roles = (count: number) => Array.from({ length: count }, (_, i) => `rol_${i}`);

  it("defaults to none", () => {
    expect(parsed({ roleIds: undefined }).roleIds).toEqual([]);
  });

  it("accepts 50", () => {
    expect(parsed({ roleIds: roles(50) }).roleIds).toEqual(roles(50));
  });

  it("rejects 51", () => {
    expect(fieldErrors({ roleIds: roles(51) })).toEqual({ roleIds: ["Choose at most 50 roles."] });
  });

  it("rejects an empty role id", () => {
    expect(Object.keys(fieldErrors({ roleIds: ["rol_1", ""] }))).toEqual(["roleIds"]);
  });
});

describe("expiry presets", () => {
  it.each([
    ["1d", 86_400],
    ["7d", 604_800],
    ["30d", 2_592_000],
  ])("%s → %i seconds", (expiry, seconds) => {
    expect(parsed({ expiry }).ttlSeconds).toBe(seconds);
  });

  it("defaults to 7 days", () => {
    expect(parsed({ expiry: undefined }).ttlSeconds).toBe(604_800);
  });

  it("ignores a custom amount unless 'custom' is chosen", () => {
    expect(parsed({ expiry: "1d", customAmount: "9999", customUnit: "hours" }).ttlSeconds).toBe(86_400);
  });

  it("drops the form-only fields from the output", () => {
    const data = parsed({ expiry: "custom", customAmount: "2", customUnit: "days" });
    expect(data).not.toHaveProperty("expiry");
    expect(data).not.toHaveProperty("customAmount");
    expect(data).not.toHaveProperty("customUnit");
  });

  it("rejects an unknown preset", () => {
    expect(fieldErrors({ expiry: "2d" })).toEqual({ expiry: ["Choose when the invitation expires."] });
  });
});

describe("custom expiry", () => {
  it.each([
    ["1 day", "1", "days", 86_400],
    ["1 hour", "1", "hours", 3_600],
    ["30 days (the ceiling)", "30", "days", 2_592_000],
    ["720 hours (the ceiling)", "720", "hours", 2_592_000],
    ["a padded number", " 12 ", "hours", 43_200],
    ["days when no unit is sent", "2", undefined, 172_800],
  ])("accepts %s", (_name, customAmount, customUnit, seconds) => {
    expect(parsed({ expiry: "custom", customAmount, customUnit }).ttlSeconds).toBe(seconds);
  });

  it.each([
    ["31 days", "31", "days"],
    ["721 hours", "721", "hours"],
    ["a year", "365", "days"],
  ])("rejects %s: never beyond 30 days", (_name, customAmount, customUnit) => {
    expect(fieldErrors({ expiry: "custom", customAmount, customUnit })).toEqual({
      customAmount: ["An invitation can last at most 30 days (720 hours)."],
    });
  });

  it.each([
    ["absent", undefined],
    ["empty", ""],
    ["zero", "0"],
    ["negative", "-1"],
    ["fractional", "1.5"],
    ["not a number", "two"],
    ["in exponent notation", "1e1"],
    ["hexadecimal", "0x10"],
  ])("rejects an amount that is %s", (_name, customAmount) => {
    expect(fieldErrors({ expiry: "custom", customAmount, customUnit: "days" })).toEqual({
      customAmount: ["Enter a whole number of days or hours, 1 or more."],
    });
  });

  it("rejects an unknown unit", () => {
    expect(Object.keys(fieldErrors({ expiry: "custom", customAmount: "2", customUnit: "weeks" }))).toEqual(["customUnit"]);
  });
});

describe("checkboxes", () => {
  it.each([
    ["'on' (a ticked box)", "on", true],
    ["true", true, true],
    ["false", false, false],
    ["absent (an unticked box)", undefined, false],
  ])("sendEmail and replacePending: %s → %s", (_name, value, expected) => {
    const data = parsed({ sendEmail: value, replacePending: value });
    expect(data.sendEmail).toBe(expected);
    expect(data.replacePending).toBe(expected);
  });

  it("rejects other values", () => {
    expect(Object.keys(fieldErrors({ sendEmail: "yes", replacePending: "off" })).sort()).toEqual(["replacePending", "sendEmail"]);
  });
});

describe("inviterName", () => {
  it("is trimmed", () => {
    expect(parsed({ inviterName: "  Ines Inviter \n" }).inviterName).toBe("Ines Inviter");
  });

  it.each([
    ["empty", ""],
    ["blank", " \t "],
  ])("is required (%s)", (_name, inviterName) => {
    expect(fieldErrors({ inviterName })).toEqual({ inviterName: ["Enter the inviter name the invitee will see."] });
  });

  it("is required (absent)", () => {
    expect(Object.keys(fieldErrors({ inviterName: undefined }))).toEqual(["inviterName"]);
  });

  it("accepts 300 characters, counted after trimming", () => {
    expect(parsed({ inviterName: "a".repeat(300) }).inviterName).toHaveLength(300);
    expect(parsed({ inviterName: ` ${"a".repeat(300)} ` }).inviterName).toBe("a".repeat(300));
  });

  it("rejects 301 characters", () => {
    expect(fieldErrors({ inviterName: "a".repeat(301) })).toEqual({
      inviterName: ["The inviter name can be at most 300 characters."],
    });
  });
});

describe("reason", () => {
  it.each([
    ["absent", undefined, undefined],
    ["empty", "", undefined],
    ["blank", "   ", undefined],
    ["padded", "  ticket #42 ", "ticket #42"],
    ["500 characters", "r".repeat(500), "r".repeat(500)],
  ])("%s", (_name, reason, expected) => {
    expect(parsed({ reason }).reason).toBe(expected);
  });

  it("rejects 501 characters", () => {
    expect(fieldErrors({ reason: "r".repeat(501) })).toEqual({ reason: ["The reason can be at most 500 characters."] });
  });
});

describe("orgId", () => {
  it.each(["org_a", ORG, `org_${"A".repeat(46)}`])("accepts %s", (orgId) => {
    expect(parsed({ orgId }).orgId).toBe(orgId);
  });

  it.each(["", "org_", "Hf9UNU0EQOLcvFyx", "ORG_abc", "org_abc-def", "org_abc/../x", " org_abc", `org_${"A".repeat(47)}`])(
    "rejects %j",
    (orgId) => {
      expect(fieldErrors({ orgId })).toEqual({ orgId: ["Not an organization id."] });
    },
  );
});

describe("invitationFormValues", () => {
  it("builds the schema input from the form, collecting every role", () => {
    const form = new FormData();
    form.set("orgId", ORG);
    form.set("emails", "a@example.com\nb@example.com");
    form.set("clientId", "GpqJJ78");
    form.set("connectionId", "");
    form.append("roleIds", "rol_1");
    form.append("roleIds", "rol_2");
    form.append("roleIds", new Blob(["not a role"]));
    form.set("expiry", "custom");
    form.set("customAmount", "12");
    form.set("customUnit", "hours");
    form.set("sendEmail", "on");
    form.set("inviterName", "Ines");
    form.set("replacePending", "on");
    form.set("reason", "ticket #42");

    const values = invitationFormValues(form);
    expect(values).toEqual({
      orgId: ORG,
      emails: "a@example.com\nb@example.com",
      clientId: "GpqJJ78",
      connectionId: "",
      roleIds: ["rol_1", "rol_2"],
      expiry: "custom",
      customAmount: "12",
      customUnit: "hours",
      sendEmail: true,
      inviterName: "Ines",
      replacePending: true,
      reason: "ticket #42",
    });
    expect(createInvitationsSchema.parse(values)).toEqual({
      orgId: ORG,
      emails: ["a@example.com", "b@example.com"],
      clientId: "GpqJJ78",
      connectionId: undefined,
      roleIds: ["rol_1", "rol_2"],
      sendEmail: true,
      inviterName: "Ines",
      replacePending: true,
      reason: "ticket #42",
      ttlSeconds: 43_200,
    });
  });

  it("fills the gaps of a sparse form: unticked boxes false, 7 days, no roles", () => {
    const form = new FormData();
    form.set("orgId", ORG);
    form.set("emails", "a@example.com");
    form.set("clientId", "GpqJJ78");
    form.set("inviterName", "Ines");
    const values = invitationFormValues(form);
    expect(values).toEqual({
      orgId: ORG,
      emails: "a@example.com",
      clientId: "GpqJJ78",
      connectionId: undefined,
      roleIds: [],
      expiry: "7d",
      customAmount: undefined,
      customUnit: "days",
      sendEmail: false,
      inviterName: "Ines",
      replacePending: false,
      reason: undefined,
    });
    expect(createInvitationsSchema.parse(values)).toMatchObject({ sendEmail: false, replacePending: false, roleIds: [], ttlSeconds: 604_800 });
  });

  it("turns an empty form into errors on the required fields", () => {
    const errors = errorsOf(createInvitationsSchema.safeParse(invitationFormValues(new FormData())));
    expect(errors).toEqual({
      orgId: ["Not an organization id."],
      emails: ["Enter at least one email address."],
      clientId: ["Choose an application."],
      inviterName: ["Enter the inviter name the invitee will see."],
    });
  });
});

describe("invitationActionSchema", () => {
  it("parses an organization and invitation id, trimming the reason", () => {
    expect(invitationActionSchema.parse({ orgId: ORG, invitationId: INVITATION, reason: "  asked by owner " })).toEqual({
      orgId: ORG,
      invitationId: INVITATION,
      reason: "asked by owner",
    });
    expect(invitationActionSchema.parse({ orgId: ORG, invitationId: INVITATION, reason: "" }).reason).toBeUndefined();
  });

  it("accepts the longest invitation id (50 characters)", () => {
    const invitationId = `uinv_${"a".repeat(45)}`;
    expect(invitationActionSchema.parse({ orgId: ORG, invitationId }).invitationId).toBe(invitationId);
  });

  it.each(["", "uinv_", "inv_5gwDyykSX1fq6xoP", "uinv_abc/def", `uinv_${"a".repeat(46)}`])("rejects invitation id %j", (invitationId) => {
    expect(errorsOf(invitationActionSchema.safeParse({ orgId: ORG, invitationId }))).toEqual({
      invitationId: ["Not an invitation id."],
    });
  });

  it("rejects a bad organization id and an over-long reason", () => {
    expect(errorsOf(invitationActionSchema.safeParse({ orgId: "acme", invitationId: INVITATION, reason: "r".repeat(501) }))).toEqual({
      orgId: ["Not an organization id."],
      reason: ["The reason can be at most 500 characters."],
    });
  });
});

describe("listInvitationsSchema", () => {
  it("defaults to the first page and no search", () => {
    expect(listInvitationsSchema.parse({ orgId: ORG })).toEqual({ orgId: ORG, page: 0, search: undefined });
  });

  it.each([
    ["0", 0],
    ["39", 39],
    [12, 12],
  ])("accepts page %j (Auth0 serves 1000 records, 25 a page → pages 0..39)", (page, expected) => {
    expect(listInvitationsSchema.parse({ orgId: ORG, page }).page).toBe(expected);
  });

  it.each(["40", "-1", "1.5", "two", 40])("rejects page %j", (page) => {
    expect(Object.keys(errorsOf(listInvitationsSchema.safeParse({ orgId: ORG, page })))).toEqual(["page"]);
  });

  it.each([
    ["lower-cased and trimmed", "  Ann@Example.COM ", "ann@example.com"],
    ["blank → none", "   ", undefined],
    ["empty → none", "", undefined],
  ])("search is %s", (_name, search, expected) => {
    expect(listInvitationsSchema.parse({ orgId: ORG, search }).search).toBe(expected);
  });

  it("accepts a 320-character search and rejects 321", () => {
    expect(listInvitationsSchema.parse({ orgId: ORG, search: "a".repeat(320) }).search).toHaveLength(320);
    expect(Object.keys(errorsOf(listInvitationsSchema.safeParse({ orgId: ORG, search: "a".repeat(321) })))).toEqual(["search"]);
  });

  it("rejects a bad organization id", () => {
    expect(errorsOf(listInvitationsSchema.safeParse({ orgId: "org_a b" }))).toEqual({ orgId: ["Not an organization id."] });
  });
});
