import { describe, expect, it } from "vitest";
import { MAX_BULK_BYTES, MAX_BULK_ROWS } from "./list-format";
import { parseBulkList, type ParsedList } from "./parse";

function rows(list: ParsedList) {
  if (!list.ok) throw new Error(`expected rows, got: ${list.message}`);
  return list.rows;
}
function refusal(list: ParsedList) {
  if (list.ok) throw new Error(`expected a refusal, got ${list.rows.length} rows`);
  return list.message;
}
const csv = (text: string) => parseBulkList(text, "csv");
const paste = (text: string) => parseBulkList(text, "paste");
const row = (line: number, email: string, extra: Record<string, unknown> = {}) => ({ line, email, roleNames: [], merged: [], ...extra });

describe("CSV", () => {
  it("reads email, roles, connection and name, numbering rows by file line (the header is line 1)", () => {
    const text = "email,roles,connection,name\nann@acme.test,Member;Billing,google-oauth2,Ann Lee\nbob@acme.test,,,\n";
    expect(rows(csv(text))).toEqual([
      row(2, "ann@acme.test", { roleNames: ["Member", "Billing"], connectionName: "google-oauth2", name: "Ann Lee" }),
      row(3, "bob@acme.test"),
    ]);
  });

  it.each([
    ["upper case", "EMAIL,Name\nann@acme.test,Ann"],
    ["mixed case with spaces", " Email , NAME \nann@acme.test,Ann"],
    ["quoted", '"Email","Name"\nann@acme.test,Ann'],
    ["a BOM (Excel's UTF-8)", "\ufeffemail,name\nann@acme.test,Ann"],
    ["columns in another order, and extra ones ignored", "id,name,department,email\n7,Ann,Sales,ann@acme.test"],
    ["semicolons between cells, as some spreadsheets write", "email;name\nann@acme.test;Ann"],
    ["tabs between cells", "email\tname\nann@acme.test\tAnn"],
    ["CRLF line ends", "email,name\r\nann@acme.test,Ann\r\n"],
  ])("finds the columns in a header in %s", (_name, text) => {
    expect(rows(csv(text))).toEqual([row(2, "ann@acme.test", { name: "Ann" })]);
  });

  it("takes only the email column when there is no other", () => {
    expect(rows(csv("email\nann@acme.test\nbob@acme.test"))).toEqual([row(2, "ann@acme.test"), row(3, "bob@acme.test")]);
  });

  it("reads quoted cells with commas, quotes and semicolons inside", () => {
    const text = 'email,name,roles\nann@acme.test,"Lee, Ann ""Annie""","Member; Billing"';
    expect(rows(csv(text))).toEqual([row(2, "ann@acme.test", { name: 'Lee, Ann "Annie"', roleNames: ["Member", "Billing"] })]);
  });

  it("counts a quoted cell's line breaks, so later rows keep their file line", () => {
    const text = 'email,name\nann@acme.test,"two\nlines"\r\nbob@acme.test,Bob';
    expect(rows(csv(text)).map((r) => [r.line, r.email])).toEqual([
      [2, "ann@acme.test"],
      [4, "bob@acme.test"],
    ]);
  });

  it("skips blank lines without renumbering the rows after them", () => {
    expect(rows(csv("email\n\nann@acme.test\n , \n\nbob@acme.test\n")).map((r) => r.line)).toEqual([3, 6]);
  });

  it.each([
    ["a name and an address", "Jane Doe <jane@acme.test>", { name: "Jane Doe" }],
    ["a quoted name with a comma", '"""Doe, Jane"" <jane@acme.test>"', { name: "Doe, Jane" }],
    ["an address in brackets only", "<jane@acme.test>", {}],
  ])("accepts %s in an email cell", (_name, cell, extra) => {
    expect(rows(csv(`email\n${cell}`))).toEqual([row(2, "jane@acme.test", extra)]);
  });

  it("prefers the name column to the name in the email cell", () => {
    expect(rows(csv("email,name\nJane Doe <jane@acme.test>,Janet")).map((r) => r.name)).toEqual(["Janet"]);
    expect(rows(csv("email,name\nJane Doe <jane@acme.test>,")).map((r) => r.name)).toEqual(["Jane Doe"]);
  });

  it("keeps a row without an address, for the preview to say so", () => {
    expect(rows(csv("email,name\n,Nobody"))).toEqual([row(2, "", { name: "Nobody" })]);
  });

  it("refuses a file without an email column, naming the columns it found", () => {
    expect(refusal(csv("mail,name\nann@acme.test,Ann"))).toBe(
      'The file\'s first line must name its columns, one of them "email" (found: mail, name). Add that header line, or paste the addresses into the box instead.',
    );
    expect(refusal(csv("ann@acme.test\nbob@acme.test"))).toContain('(found: ann@acme.test)');
  });

  it("refuses a quote that is never closed, naming the line it opens on", () => {
    expect(refusal(csv('email,name\nann@acme.test,Ann\nbob@acme.test,"Bob\ncid@acme.test,Cid'))).toBe(
      'A quoted value that starts on line 3 is never closed. Add the missing " and choose the file again.',
    );
  });

  it.each([
    ["nothing", ""],
    ["only a header", "email,name\n"],
    ["a header and blank lines", "email\n\n,\n"],
  ])("refuses a file with %s", (_name, text) => {
    expect(refusal(csv(text))).toBe("The file has no rows below its header. Add one address a row and choose it again.");
  });
});

describe("pasted text", () => {
  it("splits lines and the separators the invite form knows, numbering addresses in order", () => {
    expect(rows(paste("ann@acme.test, bob@acme.test\n\ncid@acme.test;dan@acme.test\tedd@acme.test\r\nfay@acme.test"))).toEqual(
      ["ann", "bob", "cid", "dan", "edd", "fay"].map((who, i) => row(i + 1, `${who}@acme.test`)),
    );
  });

  it("numbers addresses as lines when there is one a line", () => {
    expect(rows(paste("ann@acme.test\nbob@acme.test\ncid@acme.test")).map((r) => [r.line, r.email])).toEqual([
      [1, "ann@acme.test"],
      [2, "bob@acme.test"],
      [3, "cid@acme.test"],
    ]);
  });

  it("accepts names as mail programs copy them, between bare addresses", () => {
    expect(rows(paste('Jane Doe <jane@acme.test>, bob@acme.test "Doe, John" <john@acme.test>; <kim@acme.test>'))).toEqual([
      row(1, "jane@acme.test", { name: "Jane Doe" }),
      row(2, "bob@acme.test"),
      row(3, "john@acme.test", { name: "Doe, John" }),
      row(4, "kim@acme.test"),
    ]);
  });

  it("keeps what is not an address as it is, for the preview to name", () => {
    expect(rows(paste("not-an-email ann@acme.test")).map((r) => r.email)).toEqual(["not-an-email", "ann@acme.test"]);
  });

  it.each(["", " \n\t, ;", "\u200b"])("refuses %j as empty", (text) => {
    expect(refusal(paste(text))).toBe("Paste at least one email address.");
  });
});

describe("repeated addresses", () => {
  it("merge into the first row, any case, keeping its roles and connection and listing what each repeat asked for beyond them", () => {
    const text = [
      "email,roles,connection,name",
      "Ann@Acme.test,Member,,",
      "bob@acme.test,,,Bob",
      "ann@acme.test,Billing;member,google-oauth2,Ann",
      "ANN@ACME.TEST,,,Annie",
    ].join("\n");
    expect(rows(csv(text))).toEqual([
      row(2, "Ann@Acme.test", {
        roleNames: ["Member"],
        name: "Ann",
        merged: [
          { line: 4, email: "ann@acme.test", roleNames: ["Billing", "member"], droppedRoles: ["Billing"], droppedConnection: "google-oauth2" },
          { line: 5, email: "ANN@ACME.TEST", roleNames: [], droppedRoles: [] },
        ],
      }),
      row(3, "bob@acme.test", { name: "Bob" }),
    ]);
  });

  it("drop nothing from a repeat that asks for what the first row has", () => {
    const [first] = rows(csv("email,roles,connection\nann@acme.test,Member;Billing,google-oauth2\nANN@acme.test,billing,Google-OAuth2"));
    expect(first?.merged).toEqual([{ line: 3, email: "ANN@acme.test", roleNames: ["billing"], droppedRoles: [] }]);
  });

  it("merge in pasted text too", () => {
    expect(rows(paste("ann@acme.test\nbob@acme.test ANN@acme.test"))).toEqual([
      row(1, "ann@acme.test", { merged: [{ line: 3, email: "ANN@acme.test", roleNames: [], droppedRoles: [] }] }),
      row(2, "bob@acme.test"),
    ]);
  });

  it("are never made of rows without an address", () => {
    expect(rows(csv("email,name\n,A\n,B")).map((r) => r.line)).toEqual([2, 3]);
  });
});

describe("limits", () => {
  const addresses = (n: number) => Array.from({ length: n }, (_, i) => `user${i}@acme.test`);

  it(`reads ${MAX_BULK_ROWS} rows and refuses one more, naming the limit and the count`, () => {
    expect(rows(csv(["email", ...addresses(5_000)].join("\n")))).toHaveLength(5_000);
    expect(refusal(csv(["email", ...addresses(5_001)].join("\n")))).toBe(
      "A list can have at most 5,000 rows; this one has 5,001. Split it into smaller files and preview each.",
    );
    expect(rows(paste(addresses(5_000).join(", ")))).toHaveLength(5_000);
    expect(refusal(paste(addresses(5_001).join("\n")))).toContain("this one has 5,001");
  });

  it("counts rows before repeats are merged", () => {
    expect(refusal(paste(Array(5_001).fill("ann@acme.test").join("\n")))).toContain("this one has 5,001");
  });

  const head = "email,name\nann@acme.test,";
  /** A CSV of exactly `bytes` bytes: a header, one address, then a name that fills the rest. */
  const csvOf = (bytes: number) => head + "a".repeat(bytes - head.length);

  it("reads exactly 1 MB and refuses one byte more, naming the limit and the size, nothing else", () => {
    expect(new TextEncoder().encode(csvOf(MAX_BULK_BYTES)).length).toBe(1_048_576);
    expect(rows(csv(csvOf(MAX_BULK_BYTES)))).toHaveLength(1);
    expect(refusal(csv(csvOf(MAX_BULK_BYTES + 1)))).toBe(
      "A list can be at most 1 MB (1,048,576 bytes); this one is 1,048,577 bytes. Split it into smaller files and preview each.",
    );
  });

  it("counts bytes, not characters: two-byte letters fill 1 MB with half as many characters", () => {
    const text = head + "é".repeat((MAX_BULK_BYTES + 1 - head.length) / 2);
    expect(text.length).toBeLessThan(600_000);
    expect(refusal(csv(text))).toContain("this one is 1,048,577 bytes");
  });

  it("checks the size before reading: an oversized list of bad rows gets the size message only", () => {
    expect(refusal(paste("x".repeat(MAX_BULK_BYTES + 1)))).toMatch(/^A list can be at most 1 MB/);
  });
});
