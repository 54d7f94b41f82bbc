// Security: the webhook delivery log is for support staff and auditors only. Its CSV download (the page's gate,
// without a browser) refuses the signed-out, an organization's admin and an inviter, and records each look;
// an auditor and support staff read it. The CSV has the deliveries the filters select and nothing secret:
// no signed body, no secret, no credential in an endpoint's URL, no cell a spreadsheet would run.
import { beforeEach, describe, expect, it, vi } from "vitest";

const mocks = vi.hoisted(() => ({ user: undefined as { id: string; email: string; name: string } | undefined, globalRoles: [] as string[] }));
vi.mock("@/lib/auth/session", () => ({ currentUser: async () => mocks.user, redirectToSignIn: async () => undefined }));
vi.mock("@/lib/auth0/directory", () => ({ globalRolesOfUser: async () => mocks.globalRoles.map((name) => ({ id: `rol_${name}`, name })) }));
vi.mock("@/lib/auth0/blocked", () => ({ isRefusedByAuth0: async () => false }));
vi.mock("@/lib/db/store", async (importOriginal) => (await import("@/lib/testing/memory-store")).memoryStore(await importOriginal()));
vi.mock("@/lib/env", async (importOriginal) => (await import("@/lib/testing/test-env")).testEnv(await importOriginal()));

const { GET } = await import("./route");
const { deskPageAccess } = await import("@/lib/authz/desk-page");
const { store } = await import("@/lib/db/store");
const { auditEvents, webhookDeliveries } = await import("@/lib/db/schema");

const SIGNED_BODY = JSON.stringify({ type: "invitation.created", data: { invitee_email: "secret-body@acme.test" } });
const persona = (name: string, ...globalRoles: string[]) => () => {
  mocks.user = { id: `auth0|${name}`, email: `${name}@example.test`, name };
  mocks.globalRoles = globalRoles;
};
const asSam = persona("sam", "Support Agent");
const asAudrey = persona("audrey", "Support Auditor");
// Org Admin and Inviter are roles in an organization, not tenant roles: the desk does not know them.
const asAlice = persona("alice");
const asIvan = persona("ivan");

const download = (query = "") => GET(new Request(`http://127.0.0.1:3000/support/webhooks/export${query}`));
const lines = async (response: Response) => (await response.text()).replace(/^\ufeff/, "").trimEnd().split("\r\n");
const looks = async () => (await (await store()).db.select().from(auditEvents)).filter((event) => event.action === "view_webhook_deliveries").map((event) => [event.actorEmail, event.outcome]);

beforeEach(async () => {
  const { db } = await store();
  await db.delete(auditEvents);
  await db.delete(webhookDeliveries);
  await db.delete((await import("@/lib/db/schema")).rateLimits);
  const delivery = (n: number, fields: Partial<typeof webhookDeliveries.$inferInsert>) => ({
    eventId: `evt_${n}`,
    eventSequence: n,
    eventType: "invitation.created",
    organizationId: "org_acme",
    subjectId: `uinv_${n}`,
    endpointUrl: "https://hooks.example.com/invitations",
    body: SIGNED_BODY,
    createdAt: new Date(Date.UTC(2026, 11, 5, 10, n)),
    ...fields,
  });
  await db.insert(webhookDeliveries).values([
    delivery(1, { status: "delivered", attempts: 1, lastStatusCode: 204, settledAt: new Date(Date.UTC(2026, 11, 5, 10, 1, 5)) }),
    delivery(2, {
      status: "given_up",
      attempts: 7,
      lastStatusCode: 500,
      lastError: "=HYPERLINK(\"https://evil.example\",\"click\")",
      endpointUrl: "https://user:pass@hooks.example.com/t/XYZ?token=hunter2",
      organizationId: "org_globex",
      settledAt: new Date(Date.UTC(2026, 11, 6, 10, 2)),
    }),
    delivery(3, { status: "pending", eventType: "member.removed", subjectId: "auth0|bob", nextAttemptAt: new Date(Date.UTC(2026, 11, 5, 10, 4)) }),
  ]);
});

describe("the webhook delivery log's gate", () => {
  it("sends the signed-out to sign in: 401, nothing read", async () => {
    mocks.user = undefined;
    const response = await download();
    expect(response.status).toBe(401);
    expect(await response.text()).not.toContain("evt_");
  });

  it.each([
    ["an organization's admin", asAlice],
    ["an inviter", asIvan],
  ])("refuses %s with 403, shows nothing and records the refusal", async (_who, as) => {
    as();
    const response = await download();
    expect(response.status).toBe(403);
    const text = await response.text();
    expect(text).toBe("Only support staff (Support Agent) and auditors (Support Auditor) may see this.");
    expect(await looks()).toEqual([[mocks.user!.email, "refused"]]);
    // The page's gate is the same table.
    expect(await deskPageAccess("webhookDeliveries")).toMatchObject({ ok: false, code: "not_support" });
  });

  it.each([
    ["an auditor", asAudrey, "auditor"],
    ["support staff", asSam, "support"],
  ])("lets %s read, and records the look", async (_who, as, kind) => {
    as();
    const response = await download();
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^text\/csv/);
    expect(response.headers.get("content-disposition")).toMatch(/^attachment; filename="webhook-deliveries-\d{4}-\d{2}-\d{2}\.csv"$/);
    expect(await lines(response)).toHaveLength(4);
    expect(await looks()).toEqual([[mocks.user!.email, "viewed"]]);
    expect(await deskPageAccess("webhookDeliveries")).toMatchObject({ ok: true, ctx: { actor: { kind } } });
  });
});

describe("the delivery log's CSV", () => {
  beforeEach(asAudrey);

  it("has every delivery, newest first, with its status, attempts and last answer, and nothing secret", async () => {
    const response = await download();
    const text = await response.clone().text();
    expect(await lines(response)).toEqual([
      "created_at_utc,status,event_type,organization_id,subject_id,endpoint,attempts,last_status_code,last_error,last_attempt_at_utc,next_attempt_at_utc,settled_at_utc,event_id",
      "2026-12-05T10:03:00.000Z,Pending,member.removed,org_acme,auth0|bob,https://hooks.example.com/invitations,0,,,,2026-12-05T10:04:00.000Z,,evt_3",
      `2026-12-05T10:02:00.000Z,Given up,invitation.created,org_globex,uinv_2,https://hooks.example.com/t/XYZ (query hidden),7,500,"'=HYPERLINK(""https://evil.example"",""click"")",,,2026-12-06T10:02:00.000Z,evt_2`,
      "2026-12-05T10:01:00.000Z,Delivered,invitation.created,org_acme,uinv_1,https://hooks.example.com/invitations,1,204,,,,2026-12-05T10:01:05.000Z,evt_1",
    ]);
    for (const secret of ["secret-body@acme.test", "hunter2", "user:pass", "whsec_", "webhook-signature"]) expect(text).not.toContain(secret);
  });

  it("keeps the page's filters: status and organization", async () => {
    expect((await lines(await download("?status=given_up"))).slice(1).map((line) => line.split(",").at(-1))).toEqual(["evt_2"]);
    expect((await lines(await download("?organization=org_acme"))).slice(1).map((line) => line.split(",").at(-1))).toEqual(["evt_3", "evt_1"]);
    expect((await lines(await download("?organization=org_acme&status=given_up"))).slice(1)).toEqual([]);
    // A filter that cannot be read is no filter.
    expect(await lines(await download("?status=lost&organization=%3Dcmd"))).toHaveLength(4);
  });
});
