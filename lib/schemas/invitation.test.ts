import { describe, expect, it } from "vitest";
import { z } from "zod/mini";
import {
  createInvitationsSchema,
  invitationActionSchema,
  invitationFormValues,
  invitationsQuerySchema,
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
function errorsOf<T>(result: z.util.SafeParseResult<T>) {
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
      ttlSeconds: 604_800,
      unsent: [],
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
      emails: ['Enter at most 50 addresses at a time (you entered 51). For more, use "Invite many (CSV)".'],
    });
  });

  it("keeps the valid addresses and sets each invalid one aside as not invited, by address", () => {
    const data = parsed({ emails: "good@example.com, not-an-email; x@\n@example.com ok@example.org" });
    expect(data.emails).toEqual(["good@example.com", "ok@example.org"]);
    expect(data.unsent).toEqual([
      { email: "not-an-email", status: "failed", message: "Not a valid email address: not-an-email" },
      { email: "x@", status: "failed", message: "Not a valid email address: x@" },
      { email: "@example.com", status: "failed", message: "Not a valid email address: @example.com" },
    ]);
  });

  it("refuses the list when no valid address is left, naming each bad one", () => {
    expect(fieldErrors({ emails: "not-an-email, x@" })).toEqual({
      emails: ["Not a valid email address: not-an-email", "Not a valid email address: x@"],
    });
  });

  it("invites a repeated address (case-insensitively) once and skips each repeat, by address as typed", () => {
    const data = parsed({ emails: "Ann@Example.com ann@example.com bob@example.com ANN@EXAMPLE.COM bob@example.com" });
    expect(data.emails).toEqual(["Ann@Example.com", "bob@example.com"]);
    expect(data.unsent).toEqual([
      { email: "ann@example.com", status: "skipped", message: "Listed more than once: ann@example.com" },
      { email: "ANN@EXAMPLE.COM", status: "skipped", message: "Listed more than once: ANN@EXAMPLE.COM" },
      { email: "bob@example.com", status: "skipped", message: "Listed more than once: bob@example.com" },
    ]);
  });

  it("refuses a list over the limit whole, bad addresses or not: nothing is sent", () => {
    const emails = `${emailList(50)}\nbroken\nuser0@example.com`;
    expect(fieldErrors({ emails })).toEqual({
      emails: ['Enter at most 50 addresses at a time (you entered 52). For more, use "Invite many (CSV)".'],
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
      ttlSeconds: 43_200,
      unsent: [],
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
  it("parses an organization and invitation id", () => {
    expect(invitationActionSchema.parse({ orgId: ORG, invitationId: INVITATION })).toEqual({ orgId: ORG, invitationId: INVITATION });
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

  it("rejects a bad organization id", () => {
    expect(errorsOf(invitationActionSchema.safeParse({ orgId: "acme", invitationId: INVITATION }))).toEqual({
      orgId: ["Not an organization id."],
    });
  });
});

describe("invitationsQuerySchema (the invitations page's URL)", () => {
  it("defaults to pending, newest first, page 1, no search", () => {
    expect(invitationsQuerySchema.parse({})).toEqual({ status: "pending", q: undefined, sort: "created", page: 0, size: 25 });
  });

  it.each([
    ["50", 50],
    ["100", 100],
    ["25", 25],
    [undefined, 25],
    ["", 25],
    ["10", 25],
    ["1000", 25],
    ["050", 25],
    ["50.0", 25],
    ["-50", 25],
    ["fifty", 25],
  ])("reads the page size %j as %i: one of 25, 50 and 100, else 25", (size, expected) => {
    expect(invitationsQuerySchema.parse({ size }).size).toBe(expected);
  });

  it("reads the page with the shared page-number rule", () => {
    expect(invitationsQuerySchema.parse({ page: "3" }).page).toBe(2);
  });

  it("falls back to the defaults for an unknown status or sort", () => {
    expect(invitationsQuerySchema.parse({ status: "deleted", sort: "email" })).toMatchObject({ status: "pending", sort: "created" });
    expect(invitationsQuerySchema.parse({ status: "closed", sort: "expires" })).toMatchObject({ status: "closed", sort: "expires" });
  });

  it.each([
    ["lower-cased and trimmed", "  Ann@Example.COM ", "ann@example.com"],
    ["blank → none", "   ", undefined],
    ["empty → none", "", undefined],
  ])("search is %s", (_name, q, expected) => {
    expect(invitationsQuerySchema.parse({ q }).q).toBe(expected);
  });

  it("accepts a 320-character search and rejects 321", () => {
    expect(invitationsQuerySchema.parse({ q: "a".repeat(320) }).q).toHaveLength(320);
    expect(Object.keys(errorsOf(invitationsQuerySchema.safeParse({ q: "a".repeat(321) })))).toEqual(["q"]);
  });
});

// The issue: control characters and invisible-only text reached Auth0 and the store, and so did
// 5,000-character addresses. Every field, every case (support's reason: lib/schemas/support.test.ts).
describe("control characters and invisible-only text, field by field", () => {
  type Parsed = z.util.SafeParseResult<Record<string, unknown>>;
  const fields = {
    inviterName: {
      parse: (value: string): Parsed => parse({ inviterName: value }),
      control: (char: string) => `The inviter name cannot contain line breaks or other control characters (found ${char}).`,
      blank: { error: "Enter the inviter name the invitee will see." },
      out: (value: string) => value,
    },
    search: {
      parse: (value: string): Parsed => invitationsQuerySchema.safeParse({ q: value }),
      control: (char: string) => `The search cannot contain line breaks or other control characters (found ${char}).`,
      blank: { value: undefined },
      out: (value: string) => value.toLowerCase(),
    },
  } as const;
  const key = (field: keyof typeof fields) => (field === "search" ? "q" : field) as "inviterName" | "q";

  const controls = [
    ["NUL", "Ines\u0000Inviter", "\\u0000"],
    ["NUL alone", "\u0000", "\\u0000"],
    ["BEL", "Ines\u0007", "\\u0007"],
    ["ESC (a terminal escape sequence)", "\u001b[31mInes", "\\u001b"],
    ["unit separator, the last C0", "a\u001fb", "\\u001f"],
    ["DEL", "a\u007fb", "\\u007f"],
    ["NEL, a C1 control", "Ines\u0085Inviter", "\\u0085"],
    ["APC, the last C1", "a\u009fb", "\\u009f"],
    ["a line break inside", "Ines\nInviter", "\\u000a"],
    ["a tab inside", "Ines\tInviter", "\\u0009"],
    ["a vertical tab inside", "Ines\u000bInviter", "\\u000b"],
  ] as const;
  const blanks = [
    ["a zero-width space", "\u200b"],
    ["a zero-width space, a space and a BOM", "\u200b \ufeff"],
    ["a right-to-left mark", "\u200f"],
    ["word joiner to invisible plus", "\u2060\u2061\u2062\u2063\u2064"],
    ["a soft hyphen and a Mongolian vowel separator", "\u00ad\u180e"],
    ["a Hangul filler between spaces", " \u3164 "],
  ] as const;
  const visibles = [
    ["plain text", "Ines Inviter"],
    ["a right-to-left name with its mark", "\u200fשרה כהן"],
    ["a zero-width space between letters", "a\u200bb"],
    ["a no-break space between words", "Ines\u00a0Inviter"],
    ["U+00A0 and U+00A1, just past the C1 range", "x\u00a0\u00a1"],
    ["an emoji sequence (joined by ZWJ)", "👩‍💻 Ines"],
  ] as const;
  const names = Object.keys(fields) as (keyof typeof fields)[];

  it.each(names.flatMap((field) => controls.map(([name, value, shown]) => [field, name, value, shown] as const)))(
    "%s refuses %s, showing the character escaped",
    (field, _name, value, shown) => {
      expect(errorsOf(fields[field].parse(value))).toEqual({ [key(field)]: [fields[field].control(shown)] });
    },
  );

  it.each(names.flatMap((field) => blanks.map(([name, value]) => [field, name, value] as const)))(
    "%s treats %s as blank",
    (field, _name, value) => {
      const spec = fields[field];
      const result = spec.parse(value);
      if ("error" in spec.blank) expect(errorsOf(result)).toEqual({ [key(field)]: [spec.blank.error] });
      else expect(result.success && result.data[key(field)]).toBe(undefined);
    },
  );

  it.each(names.flatMap((field) => visibles.map(([name, value]) => [field, name, value] as const)))(
    "%s keeps %s",
    (field, _name, value) => {
      const result = fields[field].parse(value);
      expect(result.success && result.data[key(field)]).toBe(fields[field].out(value));
    },
  );

  it.each(names)("%s trims line breaks and tabs at the edges instead of refusing them", (field) => {
    const result = fields[field].parse("\t Ines Inviter \r\n");
    expect(result.success && result.data[key(field)]).toBe(fields[field].out("Ines Inviter"));
  });

  it.each([
    ["inviterName", 300, { inviterName: ["The inviter name can be at most 300 characters."] }],
    ["search", 320, { q: ["The search can be at most 320 characters."] }],
  ] as const)("%s: the longest allowed (%i) passes, one more gets the message", (field, max, errors) => {
    const spec = fields[field];
    const ok = spec.parse("x".repeat(max));
    expect(ok.success && ok.data[key(field)]).toBe("x".repeat(max));
    expect(errorsOf(spec.parse("x".repeat(max + 1)))).toEqual(errors);
  });

  it("reports a control character before the length, so the message names the real problem", () => {
    expect(fieldErrors({ inviterName: `${"a".repeat(400)}\u0000` })).toEqual({
      inviterName: ["The inviter name cannot contain line breaks or other control characters (found \\u0000)."],
    });
  });

  it("an absent inviter name gets the same message as a blank one", () => {
    expect(fieldErrors({ inviterName: undefined })).toEqual({ inviterName: ["Enter the inviter name the invitee will see."] });
  });
});

describe("emails: control characters, invisible-only entries and RFC 5321 lengths", () => {
  const local = (n: number) => "l".repeat(n);
  // Labels of at most 63 characters (RFC 1035), so only the overall length decides.
  const domainOf = (n: number) => {
    const labels: string[] = [];
    for (let left = n - 4; left > 0; left -= 64) labels.push("d".repeat(Math.min(63, left)));
    return `${labels.join(".").replace(/\.$/, "")}.com`;
  };
  const address = (localLength: number, total: number) => `${local(localLength)}@${domainOf(total - localLength - 1)}`;

  it("builds the addresses it means to (a check of the test itself)", () => {
    expect(address(64, 254)).toHaveLength(254);
    expect(address(64, 255)).toHaveLength(255);
    expect(address(10, 5000)).toHaveLength(5000);
  });

  it.each([
    ["a 64-character local part", address(64, 80)],
    ["a 254-character address", address(64, 254)],
    ["a 254-character address with a short local part", address(1, 254)],
  ])("accepts %s", (_name, email) => {
    expect(parsed({ emails: `ann@example.com\n${email}` }).emails).toEqual(["ann@example.com", email]);
  });

  it.each([
    [
      "a 65-character local part",
      address(65, 80),
      `Not a valid email address (65 characters before the @; at most 64): ${"l".repeat(40)}…`,
    ],
    ["a 255-character address", address(64, 255), `Not a valid email address (255 characters; at most 254): ${"l".repeat(40)}…`],
    [
      "a 5,000-character address",
      address(10, 5000),
      `Not a valid email address (5000 characters; at most 254): ${"l".repeat(10)}@${"d".repeat(29)}…`,
    ],
    ["a NUL inside", "ann\u0000@example.com", "Not a valid email address (control character \\u0000): ann\\u0000@example.com"],
    [
      "a NUL between two addresses (not a separator)",
      "ann@example.com\u0000bob@example.com",
      "Not a valid email address (control character \\u0000): ann@example.com\\u0000bob@example.com",
    ],
    ["a BEL", "ann@example.com\u0007", "Not a valid email address (control character \\u0007): ann@example.com\\u0007"],
    ["a NEL (C1)", "ann\u0085@example.com", "Not a valid email address (control character \\u0085): ann\\u0085@example.com"],
    [
      "a vertical tab between two addresses (not a separator)",
      "ann@example.com\u000bbob@example.com",
      "Not a valid email address (control character \\u000b): ann@example.com\\u000bbob@example.com",
    ],
    ["a zero-width space on its own", "\u200b", "Not a valid email address: \\u200b"],
    ["a right-to-left mark on its own", "\u200f", "Not a valid email address: \\u200f"],
    ["a zero-width space inside", "ann\u200b@example.com", "Not a valid email address: ann\\u200b@example.com"],
  ])("names the address with %s, and the valid one next to it still goes", (_name, email, message) => {
    const data = parsed({ emails: `good@example.com\n${email}` });
    expect(data.emails).toEqual(["good@example.com"]);
    expect(data.unsent).toEqual([{ email, status: "failed", message }]);
  });

  it.each([
    ["a zero-width space", "\u200b"],
    ["a zero-width space, a space and a BOM", "\u200b \ufeff"],
    ["right-to-left marks between separators", "\u200f, \u200f\n"],
  ])("a list of only %s is empty", (_name, emails) => {
    expect(fieldErrors({ emails })).toEqual({ emails: ["Enter at least one email address."] });
  });

  it("cuts long addresses in every message, also when repeated", () => {
    const long = address(64, 254);
    expect(parsed({ emails: `${long}\n${long}` }).unsent).toEqual([{ email: long, status: "skipped", message: `Listed more than once: ${"l".repeat(40)}…` }]);
  });

  it.each([
    ["a no-break space", "a@example.com\u00a0b@example.com"],
    ["an ideographic space", "a@example.com\u3000b@example.com"],
    ["a line separator", "a@example.com\u2028b@example.com"],
    ["a BOM", "\ufeffa@example.com\ufeffb@example.com"],
  ])("still splits on %s", (_name, raw) => {
    expect(splitEmails(raw)).toEqual(["a@example.com", "b@example.com"]);
  });

  it.each([
    ["NUL", "a@example.com\u0000b@example.com"],
    ["vertical tab", "a@example.com\u000bb@example.com"],
    ["form feed", "a@example.com\u000cb@example.com"],
    ["NEL", "a@example.com\u0085b@example.com"],
    ["zero-width space", "a@example.com\u200bb@example.com"],
  ])("does not split on %s", (_name, raw) => {
    expect(splitEmails(raw)).toEqual([raw]);
  });
});
