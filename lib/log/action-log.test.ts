import { Writable } from "node:stream";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

const incoming = vi.hoisted(() => ({ headers: new Headers() }));
vi.mock("next/headers", () => ({ headers: async () => incoming.headers }));

const { createLogger, noteInLogScope } = await import("./logger");
const { logAction } = await import("./action-log");

const lines: Record<string, unknown>[] = [];
beforeEach(() => {
  vi.stubEnv("LOG_LEVEL", "info");
  lines.length = 0;
  incoming.headers = new Headers();
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(JSON.parse(chunk.toString("utf8")));
      done();
    },
  });
  (globalThis as { __logger?: unknown }).__logger = createLogger(destination);
});
afterEach(() => {
  vi.unstubAllEnvs();
  delete (globalThis as { __logger?: unknown }).__logger;
});

describe("one log line per action", () => {
  it("says who did what where, its outcome and duration, under the proxy's request id", async () => {
    incoming.headers = new Headers({ "x-request-id": "edge-42" });
    await logAction("invite", async () => {
      noteInLogScope({ actor: "auth0|alice", organization: "org_acme" });
      return { ok: true };
    });
    expect(lines).toEqual([
      expect.objectContaining({ msg: "action", level: 30, requestId: "edge-42", action: "invite", actor: "auth0|alice", organization: "org_acme", outcome: "ok", durationMs: expect.any(Number) }),
    ]);
  });

  it("makes up a request id when the proxy's is missing or not sane, and names a refusal by its code", async () => {
    incoming.headers = new Headers({ "x-request-id": "<script>" });
    await logAction("revoke", async () => ({ ok: false, code: "not_inviter" }));
    expect(lines[0]).toMatchObject({ outcome: "not_inviter", requestId: expect.stringMatching(/^[0-9a-f-]{36}$/) });
  });

  it("logs an unexpected failure or a throw as an error, and passes the throw on", async () => {
    await logAction("invite", async () => ({ ok: false, code: "unexpected" }));
    await expect(logAction("invite", async () => Promise.reject(new Error("boom")))).rejects.toThrow("boom");
    expect(lines.map((line) => [line.level, line.outcome])).toEqual([[50, "unexpected"], [50, "error"]]);
  });
});
