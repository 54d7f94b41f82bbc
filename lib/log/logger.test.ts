import { Writable } from "node:stream";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

const { createLogger, inLogScope, noteInLogScope } = await import("./logger");

function capture() {
  const lines: Record<string, unknown>[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(JSON.parse(chunk.toString("utf8")));
      done();
    },
  });
  return { lines, log: createLogger(destination) };
}

beforeEach(() => vi.stubEnv("LOG_LEVEL", "info"));
afterEach(() => vi.unstubAllEnvs());

describe("the logger", () => {
  it("writes JSON lines with the scope's request id, actor, organization and action", async () => {
    const { lines, log } = capture();
    await inLogScope({ requestId: "req-1", action: "invite" }, async () => {
      noteInLogScope({ actor: "auth0|alice", organization: "org_acme" });
      log.info({ outcome: "ok", durationMs: 12 }, "action");
    });
    log.info("outside");
    expect(lines[0]).toMatchObject({ msg: "action", requestId: "req-1", action: "invite", actor: "auth0|alice", organization: "org_acme", outcome: "ok", durationMs: 12 });
    expect(lines[1]).not.toHaveProperty("requestId");
  });

  it("makes up a request id when none is given", async () => {
    const { lines, log } = capture();
    await inLogScope({ task: "ledger" }, async () => log.info("tick"));
    expect(lines[0]).toMatchObject({ task: "ledger", requestId: expect.stringMatching(/^[0-9a-f-]{36}$/) });
  });

  it("redacts secrets and tokens wherever they sit in the first three levels", () => {
    const { lines, log } = capture();
    log.error({
      clientSecret: "hidden-s1",
      err: { headers: { authorization: "Bearer hidden-t1", cookie: "hidden-c1" }, body: { access_token: "hidden-t2" } },
      request: { token: "hidden-t3", password: "hidden-p1" },
      config: { DATABASE_URL: "postgres://u:hidden-p2@h/db", NEXTAUTH_SECRET: "hidden-s2" },
      email: "kept@example.test",
    });
    const text = JSON.stringify(lines[0]);
    expect(text).not.toContain("hidden-");
    expect(text).toContain("[redacted]");
    expect(text).toContain("kept@example.test");
  });
});
