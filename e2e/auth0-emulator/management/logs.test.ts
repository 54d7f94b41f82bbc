// Contract: GET /api/v2/logs (checkpoint and search modes) and /logs/{id}, log ids, retention.
// Events are written in process with the sign-in's own writers; sign-in.test.ts covers which events a sign-in writes.
import { describe, expect, it } from "vitest";
import { ADMIN_M2M } from "../app-env.ts";
import { logInvitationAccepted, logLogin, type SignInFlow } from "../tenant-logs.ts";
import type { Invitation, LogEvent } from "../tenant.ts";
import { ACME, API_URL, GLOBEX, api, auth0Error, control, tokenFor, useEmulator } from "./testing.ts";

const emulator = useEmulator();
const ALICE = "auth0|alice0000000000000000001";
const CAROL = "auth0|carol0000000000000000004";
const flow: SignInFlow = { hostname: "127.0.0.1", ip: "127.0.0.1" };

/** Writes, in order: alice logs in (acme), an si for carol in globex, carol logs in (globex), alice logs in (no org). */
function writeEvents(): LogEvent[] {
  const { tenant } = emulator().context;
  const alice = tenant.user(ALICE)!;
  const carol = tenant.user(CAROL)!;
  const acme = tenant.organization(ACME)!;
  const globex = tenant.organization(GLOBEX)!;
  const invitation: Invitation = {
    id: "uinv_0000000000000001",
    organization_id: GLOBEX,
    inviter: { name: "Dave" },
    invitee: { email: carol.email },
    invitation_url: "http://127.0.0.1/login",
    ticket_id: "T".repeat(32),
    created_at: "2026-01-01T00:00:00.000Z",
    expires_at: "2026-01-08T00:00:00.000Z",
    client_id: "AdminAppClientId0000000000000001",
  };
  return [
    logLogin(tenant, flow, alice, acme),
    logInvitationAccepted(tenant, flow, invitation, globex, carol),
    logLogin(tenant, flow, carol, globex),
    logLogin(tenant, flow, alice),
  ];
}

const logIds = (events: { log_id: string }[]) => events.map((e) => e.log_id);
const nextLink = (link: string | null) => link?.match(/^<([^>]+)>; rel="next"$/)?.[1];

describe("log ids", () => {
  it("are 56 digits, grow in write order, and keep growing across a reset", async () => {
    const first = writeEvents();
    for (const event of first) expect(event.log_id).toMatch(/^\d{56}$/);
    expect([...logIds(first)].sort()).toEqual(logIds(first));
    await control("POST", "reset");
    expect((await control("GET", "logs")).body).toEqual([]);
    const [after] = writeEvents();
    expect(after!.log_id > first.at(-1)!.log_id).toBe(true);
  });
});

describe("GET /logs by checkpoint", () => {
  it("answers the events newer than `from`, by log_id, with a Link to the next page", async () => {
    const events = writeEvents();
    const token = await tokenFor(); // the app's own client holds read:logs
    const first = await api("GET", `/logs?from=${events[0]!.log_id}&take=2`, { token });
    expect(first.status).toBe(200);
    expect(logIds(first.body)).toEqual(logIds(events.slice(1, 3)));
    expect(first.headers.get("link")).toBe(`<${API_URL}/api/v2/logs?from=${events[2]!.log_id}&take=2>; rel="next"`);

    const next = new URL(nextLink(first.headers.get("link"))!);
    const second = await api("GET", `${next.pathname.slice("/api/v2".length)}${next.search}`, { token });
    expect(logIds(second.body)).toEqual([events[3]!.log_id]);
  });

  it("answers [] at the end, its next link repeating the same from", async () => {
    const events = writeEvents();
    const last = events.at(-1)!.log_id;
    const { status, body, headers } = await api("GET", `/logs?from=${last}&take=5`);
    expect(status).toBe(200);
    expect(body).toEqual([]);
    expect(headers.get("link")).toBe(`<${API_URL}/api/v2/logs?from=${last}&take=5>; rel="next"`);
  });

  it("defaults take to 50 and ignores the search parameters", async () => {
    const events = writeEvents();
    const { body } = await api("GET", `/logs?from=${"0".repeat(56)}&q=type:si&sort=date:-1&per_page=1`);
    expect(logIds(body)).toEqual(logIds(events));
  });

  it("returns the events newer than a checkpoint that fell out of retention", async () => {
    const [old] = writeEvents();
    await control("POST", "clock", { advanceSeconds: 3 * 86400 });
    await control("POST", "logs/retention", { days: 1 });
    expect((await control("GET", "logs")).body).toEqual([]);
    const [fresh] = writeEvents();
    expect(logIds((await api("GET", `/logs?from=${old!.log_id}`)).body)[0]).toBe(fresh!.log_id);
  });

  it("refuses a checkpoint that is not a log id, and take outside 1–100", async () => {
    expect((await api("GET", "/logs?from=abc")).body).toEqual(
      auth0Error(400, "Bad Request", "Query validation error: 'Invalid checkpoint' on property from.", "invalid_query_string"),
    );
    expect((await api("GET", `/logs?from=1&take=101`)).status).toBe(400);
    expect((await api("GET", `/logs?from=1&take=0`)).status).toBe(400);
  });
});

describe("GET /logs by search", () => {
  it("without from, take is ignored: a search, newest first", async () => {
    const events = writeEvents();
    const { status, body, headers } = await api("GET", "/logs?take=1");
    expect(status).toBe(200);
    expect(logIds(body)).toEqual(logIds(events).reverse());
    expect(headers.get("link")).toBeNull();
  });

  it("filters with q: field:value and field:\"value\" terms joined by AND", async () => {
    const events = writeEvents();
    const search = async (q: string) => logIds((await api("GET", `/logs?q=${encodeURIComponent(q)}&sort=date:1`)).body);
    expect(await search(`type:si AND organization_id:"${GLOBEX}"`)).toEqual([events[1]!.log_id]);
    expect(await search(`type:s AND user_id:"${CAROL}"`)).toEqual([events[2]!.log_id]);
    expect(await search(`organization_id:${ACME}`)).toEqual([events[0]!.log_id]);
    expect(await search("type:s")).toEqual(logIds([events[0]!, events[2]!, events[3]!]));
    expect(await search("user_id:auth0|alice*")).toEqual(logIds([events[0]!, events[3]!]));
    expect(await search("type:f")).toEqual([]);
  });

  it("refuses an unknown field and syntax it cannot evaluate", async () => {
    const unknown = await api("GET", `/logs?q=${encodeURIComponent("user_email:x")}`);
    expect(unknown.body).toEqual(
      auth0Error(400, "Bad Request", 'The search query string has an error: unknown field "user_email"', "invalid_query_string"),
    );
    expect((await api("GET", `/logs?q=${encodeURIComponent("type:s OR type:si")}`)).status).toBe(400);
    expect((await api("GET", `/logs?q=${encodeURIComponent("type:s AND")}`)).status).toBe(400);
  });

  it("sorts by date either way", async () => {
    const events = writeEvents();
    expect(logIds((await api("GET", "/logs?sort=date:1")).body)).toEqual(logIds(events));
    expect(logIds((await api("GET", "/logs?sort=date:-1")).body)).toEqual(logIds(events).reverse());
    expect((await api("GET", "/logs?sort=log_id:1")).status).toBe(400);
  });

  it("keeps or drops the fields asked for", async () => {
    const [first] = writeEvents();
    const kept = (await api("GET", "/logs?fields=log_id,type&include_fields=true&sort=date:1")).body;
    expect(kept[0]).toEqual({ log_id: first!.log_id, type: "s" });
    const dropped = (await api("GET", "/logs?fields=details,ip&include_fields=false")).body;
    expect(dropped[0]).not.toHaveProperty("details");
    expect(dropped[0]).toHaveProperty("log_id");
  });

  it("pages, with totals as {start, limit, length, total, logs}", async () => {
    const events = writeEvents();
    const { body } = await api("GET", "/logs?include_totals=true&per_page=3&page=1&sort=date:1");
    expect(body).toEqual({ start: 3, limit: 3, length: 1, total: 1, logs: [expect.objectContaining({ log_id: events[3]!.log_id })] });
  });

  it("reaches only the first 1,000 records", async () => {
    expect((await api("GET", "/logs?per_page=100&page=9")).status).toBe(200);
    expect((await api("GET", "/logs?per_page=100&page=10")).body).toEqual(
      auth0Error(400, "Bad Request", "Requesting page exceeds the allowed maximum of 1000 records", "invalid_paging"),
    );
    expect((await api("GET", "/logs?per_page=101")).status).toBe(400);
  });
});

describe("GET /logs/{id}", () => {
  it("answers one event, or 404", async () => {
    const [, si] = writeEvents();
    expect((await api("GET", `/logs/${si!.log_id}`)).body).toEqual(si);
    const missing = await api("GET", `/logs/${"9".repeat(56)}`);
    expect(missing.status).toBe(404);
    expect(missing.body).toEqual(auth0Error(404, "Not Found", "Log not found."));
  });
});

describe("scopes", () => {
  it("needs read:logs (or read:logs_users)", async () => {
    emulator().context.tenant.client(ADMIN_M2M.client_id)!.scopes = ["read:organizations"];
    const token = await tokenFor();
    for (const path of ["/logs", `/logs/${"1".repeat(56)}`]) {
      const { status, body } = await api("GET", path, { token });
      expect(status).toBe(403);
      expect(body).toEqual(auth0Error(403, "Forbidden", "Insufficient scope; expected any of: read:logs,read:logs_users.", "insufficient_scope"));
    }
  });
});
