import { beforeEach, describe, expect, it, vi } from "vitest";
import { grantOrgAccess } from "@/lib/authz/access";

const directory = vi.hoisted(() => ({
  tenantRoles: vi.fn(),
  applications: vi.fn(),
  organizationById: vi.fn(),
  enabledConnections: vi.fn(),
}));
vi.mock("@/lib/auth0/directory", () => directory);
const organizationData = vi.hoisted(() => ({ listMembers: vi.fn(), listInvitations: vi.fn() }));
vi.mock("@/lib/auth0/organization-data", () => organizationData);
const seats = vi.hoisted(() => ({ seatCount: vi.fn() }));
vi.mock("@/lib/invitations/seats", () => seats);
vi.mock("@/lib/env", async (importOriginal) => (await import("@/lib/testing/test-env")).testEnv(await importOriginal(), { ALLOWED_CLIENT_IDS: "PortalClient,NoRouteClient", SUPPORT_INVITER_NAME: "{organization} support" }));

const { planBulkJob, previewSummary, withMergedLines } = await import("./preview");
const { previewBulkSchema } = await import("@/lib/schemas/bulk");

const ORG = "org_AcmeCorp00000001";
const user = { id: "auth0|ivan", email: "ivan@acme.test", name: "Ivan Inviter" };
const inviter = { ...grantOrgAccess(ORG), user, actor: { kind: "member" as const, roleNames: ["Inviter"] } };
const support = { ...grantOrgAccess(ORG), user, actor: { kind: "support" as const }, reason: "T-1" };
const role = (name: string) => ({ id: `rol_${name.replace(" ", "")}`, name });
const DAY = 86_400_000;

beforeEach(() => {
  vi.resetAllMocks();
  directory.tenantRoles.mockResolvedValue(["Org Admin", "Inviter", "Member", "Billing", "Support Agent"].map(role));
  directory.applications.mockResolvedValue([
    { clientId: "PortalClient", name: "Portal", metadata: {}, loginRoute: true },
    { clientId: "NoRouteClient", name: "No route", metadata: {}, loginRoute: false },
  ]);
  directory.organizationById.mockResolvedValue({ id: ORG, name: "acme", displayName: "Acme", metadata: {} });
  directory.enabledConnections.mockResolvedValue([
    { id: "con_db", name: "Username-Password-Authentication", strategy: "auth0" },
    { id: "con_google", name: "google-oauth2", strategy: "google-oauth2" },
    { id: "con_email", name: "email", strategy: "email" },
  ]);
  organizationData.listMembers.mockResolvedValue([{ user_id: "auth0|bob", email: "Bob@Acme.test" }, { user_id: "auth0|x" }]);
  organizationData.listInvitations.mockResolvedValue([
    { id: "uinv_1", invitee: { email: "pending@acme.test" }, expires_at: new Date(Date.now() + 3 * DAY).toISOString() },
    { id: "uinv_2", invitee: { email: "expired@acme.test" }, expires_at: new Date(Date.now() - DAY).toISOString() },
  ]);
});

function input(csv: string, settings: Record<string, unknown> = {}) {
  return previewBulkSchema.parse({ orgId: ORG, list: { source: "csv", text: csv }, clientId: "PortalClient", inviterName: "Ivan", roleIds: ["rol_Member"], ...settings });
}

const outcome = (row: { state: string; detail?: string }) => (row.state === "skipped" ? `skipped: ${row.detail}` : row.state);

describe("planBulkJob: each row", () => {
  const csv = [
    "email,roles,connection,name",
    "good@acme.test,,,Good",
    "roles@acme.test,Billing; inviter,google-oauth2,",
    "not-an-email,,,",
    "unknown@acme.test,Member;Wizard,,",
    "above@acme.test,Org Admin,,",
    "support@acme.test,Support Agent,,",
    "nocon@acme.test,,ldap,",
    "passwordless@acme.test,,email,",
    "bob@acme.test,,,",
    "pending@acme.test,,,",
    "expired@acme.test,,,",
    ",,,No address",
    "ctl@acme.test,,,\"Ann\u0007\"",
  ].join("\n");

  it("is queued, or skipped with a reason a person can act on; bad rows never block good ones", async () => {
    const plan = await planBulkJob(inviter, input(csv));
    expect(plan.rows.map((row) => [row.line, row.email, outcome(row)])).toEqual([
      [2, "good@acme.test", "queued"],
      [3, "roles@acme.test", "queued"],
      [4, "not-an-email", "skipped: Not a valid email address: not-an-email"],
      [5, "unknown@acme.test", "skipped: No role is called Wizard. Roles you may assign: Member, Billing, Inviter."],
      [6, "above@acme.test", "skipped: You may not assign Org Admin. Choose among: Member, Billing, Inviter."],
      [7, "support@acme.test", "skipped: You may not assign Support Agent. Choose among: Member, Billing, Inviter."],
      [
        8,
        "nocon@acme.test",
        'skipped: No connection "ldap" that this organization can invite through (unknown, not enabled for it, or passwordless). Use Username-Password-Authentication, google-oauth2, or leave the cell empty.',
      ],
      [9, "passwordless@acme.test", expect.stringContaining('skipped: No connection "email"')],
      [10, "bob@acme.test", "skipped: Already a member of this organization."],
      [11, "pending@acme.test", "skipped: Already has a pending invitation. Revoke it on the invitations page first to send a new one."],
      [12, "expired@acme.test", "queued"],
      [13, "", "skipped: No email address in this row."],
      [14, "ctl@acme.test", "skipped: The name cannot contain line breaks or other control characters (found \\u0007)."],
    ]);
  });

  it("gives the pending invitation's expiry beside the words, for the page to show in the reader's time", async () => {
    const plan = await planBulkJob(inviter, input("email\npending@acme.test\nbob@acme.test\ngood@acme.test"));
    const expiresAt = (await organizationData.listInvitations.mock.results[0]!.value)[0].expires_at;
    expect(plan.rows.map((row) => row.pendingExpiresAt)).toEqual([expiresAt, undefined, undefined]);
    expect(plan.rows.every((row) => row.state !== "skipped" || !/\d{4}-\d\d/.test(row.detail))).toBe(true);
  });

  it("keeps control characters written out, so the store can hold the skipped row and show what was wrong", async () => {
    const plan = await planBulkJob(inviter, input('email,name\n"ann\u0000@acme.test","Ann\u0007"'));
    expect(plan.rows[0]).toMatchObject({
      email: "ann\\u0000@acme.test",
      name: "Ann\\u0007",
      state: "skipped",
      detail: expect.stringContaining("control character \\u0000"),
    });
  });

  it("takes the row's roles and connection (names in any case), else the defaults", async () => {
    const plan = await planBulkJob(inviter, input(csv, { connectionId: "con_db" }));
    expect(plan.rows[0]).toMatchObject({ roleIds: ["rol_Member"], roleNames: ["Member"], connectionId: "con_db", connectionName: "Username-Password-Authentication", name: "Good" });
    expect(plan.rows[1]).toMatchObject({ roleIds: ["rol_Billing", "rol_Inviter"], roleNames: ["Billing", "Inviter"], connectionId: "con_google" });
  });

  it("leaves the connection to the invitee when neither the row nor the settings name one", async () => {
    const plan = await planBulkJob(inviter, input(csv));
    expect(plan.rows[0]).not.toHaveProperty("connectionId");
  });

  it("keeps the lines merged into a row, and the job keeps each of them as a row of its own that is never sent", async () => {
    const plan = await planBulkJob(inviter, input("email,roles\nann@acme.test,Member\nANN@acme.test,Billing"));
    const merged = [{ line: 3, email: "ANN@acme.test", roleNames: ["Billing"], droppedRoles: ["Billing"] }];
    expect(plan.rows).toEqual([expect.objectContaining({ line: 2, state: "queued", roleNames: ["Member"], merged })]);
    expect(withMergedLines(plan.rows, "csv")).toEqual([
      expect.objectContaining({ line: 2, state: "queued", roleIds: ["rol_Member"] }),
      {
        line: 3, email: "ANN@acme.test", roleIds: [], roleNames: ["Billing"], state: "merged",
        detail: "Merged into line 2. Not added: Billing (role); invite this address again on its own if it needs them.",
      },
    ]);
  });

  it("skips a row the delegation policy refuses, with the rule's message, and queues the others", async () => {
    directory.organizationById.mockResolvedValue({ id: ORG, name: "acme", displayName: "Acme", metadata: { invite_domains: "acme.test", invite_max_ttl_days: "7" } });
    const plan = await planBulkJob(inviter, input("email\nsomeone@gmail.com\ngood@acme.test"));
    expect(plan.rows.map(outcome)).toEqual([
      "skipped: gmail.com is outside acme.test, the organization's allowed domains: ask an operator to add the domain, or invite an address there.",
      "queued",
    ]);
    const tooLong = await planBulkJob(inviter, input("email\ngood@acme.test", { expiry: "30d" }));
    expect(tooLong.rows.map(outcome)).toEqual(["skipped: Expires in 30 days, longer than the 7 days the organization's policy allows: choose 7 days or less."]);
  });

  it("counts seats over the whole list: the rows beyond the seats left are skipped in the list's order, saying how many and why", async () => {
    directory.organizationById.mockResolvedValue({ id: ORG, name: "acme", displayName: "Acme", metadata: { invite_seats: "8" } });
    seats.seatCount.mockResolvedValue({ limit: 8, limitValid: true, source: "organization", members: 5, pending: 1, sending: 0 });
    const plan = await planBulkJob(inviter, input("email\none@acme.test\nbob@acme.test\ntwo@acme.test\nthree@acme.test\nfour@acme.test"));
    const short =
      "skipped: 2 rows skipped: only 2 seats left, with 6 of 8 used (5 members + 1 pending) under the organization's seat limit. Revoke a pending invitation, or ask an operator for more seats.";
    // bob is a member already: he needs no seat, and takes none.
    expect(plan.rows.map(outcome)).toEqual(["queued", "skipped: Already a member of this organization.", "queued", short, short]);
    expect(seats.seatCount).toHaveBeenCalledTimes(1);
  });

  it("counts no seats when the organization has no seat limit", async () => {
    const plan = await planBulkJob(inviter, input("email\none@acme.test\ntwo@acme.test"));
    expect(plan.rows.map(outcome)).toEqual(["queued", "queued"]);
    expect(seats.seatCount).not.toHaveBeenCalled();
  });

  it("reads the members and the invitations once per preview, not once per row", async () => {
    const many = ["email", ...Array.from({ length: 2_000 }, (_, i) => `user${i}@acme.test`)].join("\n");
    const plan = await planBulkJob(inviter, input(many));
    expect(plan.rows.filter((row) => row.state === "queued")).toHaveLength(2_000);
    expect(organizationData.listMembers).toHaveBeenCalledTimes(1);
    expect(organizationData.listInvitations).toHaveBeenCalledTimes(1);
  });
});

describe("planBulkJob: the settings", () => {
  it("are what the job is sent with", async () => {
    const plan = await planBulkJob(inviter, input("email\na@acme.test", { connectionId: "con_google", expiry: "1d", sendEmail: true }));
    expect(plan.settings).toEqual({ clientId: "PortalClient", connectionId: "con_google", ttlSeconds: 86_400, sendEmail: true, inviterName: "Ivan" });
  });

  it("name support staff's invitations with the configured name, whatever the form sent", async () => {
    const plan = await planBulkJob(support, input("email\na@acme.test", { inviterName: "Sam" }));
    expect(plan.settings.inviterName).toBe("Acme support");
  });

  it.each([
    ["an application the organization may not invite into", { clientId: "OtherClient" }, "clientId"],
    ["an application without a login route, which Auth0 cannot make a link for", { clientId: "NoRouteClient" }, "clientId"],
    ["a default connection that is passwordless", { connectionId: "con_email" }, "connectionId"],
    ["a default role above the inviter's", { roleIds: ["rol_OrgAdmin"] }, "roleIds"],
  ])("refuse the whole preview for %s, under its field, before reading members", async (_name, settings, field) => {
    await expect(planBulkJob(inviter, input("email\na@acme.test", settings))).rejects.toMatchObject({ name: "Refusal", field });
    expect(organizationData.listMembers).not.toHaveBeenCalled();
  });
});

describe("previewSummary", () => {
  it("counts what will happen and leaves the ids out of what the browser gets", async () => {
    const plan = await planBulkJob(inviter, input("email,connection\na@acme.test,google-oauth2\nbad\nA@acme.test,", { connectionId: "con_db" }));
    expect(previewSummary(plan.rows)).toEqual({
      rows: [
        { line: 2, email: "a@acme.test", roleNames: ["Member"], connectionName: "google-oauth2", merged: [{ line: 4, email: "A@acme.test", roleNames: [], droppedRoles: [] }], state: "queued" },
        { line: 3, email: "bad", roleNames: ["Member"], connectionName: "Username-Password-Authentication", merged: [], state: "skipped", detail: "Not a valid email address: bad" },
      ],
      counts: { queued: 1, skipped: 1, merged: 1 },
    });
  });

  it("shows a connection no one has as the row named it, and sends none", async () => {
    const plan = await planBulkJob(inviter, input("email,connection\na@acme.test,ldap"));
    expect(plan.rows[0]).toMatchObject({ connectionName: "ldap", state: "skipped" });
    expect(plan.rows[0]).not.toHaveProperty("connectionId");
  });
});
