import { describe, expect, it } from "vitest";
import { describeByteSize, parseByteSize, rejectActionRequest, rejectFormPost } from "./action-request";

const action = (body: BodyInit, contentType?: string) =>
  new Request("http://app.test/orgs/x", { method: "POST", body, headers: { "next-action": "7f00", ...(contentType ? { "content-type": contentType } : {}) } });

const form = (entries: Record<string, string>) => {
  const data = new FormData();
  for (const [key, value] of Object.entries(entries)) data.set(key, value);
  return data;
};

describe("parseByteSize", () => {
  it("reads what bodySizeLimit takes, 1024-based", () => {
    expect(parseByteSize(1000)).toBe(1000);
    expect(parseByteSize("500kb")).toBe(512_000);
    expect(parseByteSize("1mb")).toBe(1_048_576);
    expect(parseByteSize("1 MB")).toBe(1_048_576);
    expect(parseByteSize("1.5mb")).toBe(1_572_864);
  });
  it("refuses what is not a size", () => {
    expect(() => parseByteSize("lots")).toThrow(/Not a size/);
  });
  it("describes a size for people", () => {
    expect(describeByteSize(1_572_864)).toBe("1.5 MB");
    expect(describeByteSize(1_048_576)).toBe("1 MB");
    expect(describeByteSize(512_000)).toBe("500 KB");
  });
});

describe("rejectActionRequest", () => {
  it("lets through what React's client sends: JSON text, or form data with the JSON in field 0", async () => {
    expect(await rejectActionRequest(action('["$K1"]', "text/plain;charset=UTF-8"), 1024)).toBeUndefined();
    expect(await rejectActionRequest(action(form({ "0": '["$K1"]', "1_email": "a@b.test" })), 1024)).toBeUndefined();
    // Values React writes with a "$" prefix that refer to no other part, and parts that refer to each other.
    expect(await rejectActionRequest(action('["$$dollars","$D2026-12-05T10:00:00.000Z","$n42","$undefined","$NaN","$-0","$Infinity"]', "text/plain"), 1024)).toBeUndefined();
    expect(await rejectActionRequest(action(form({ "0": '["$Q1","$@2"]', "1": '[["a","$3"]]', "2": '"done"', "3": "{}" })), 1024)).toBeUndefined();
  });
  it("answers 400 to a payload Next could not decode", async () => {
    for (const request of [
      action("garbage{{{", "text/plain;charset=UTF-8"),
      action("", "text/plain"),
      action('{"a":1}', "application/json"),
      action("a=1", "application/x-www-form-urlencoded"),
      action("nonsense", "multipart/form-data; boundary=xyz"),
      action(form({ "0": "notjson{" })),
      action(form({ email: "a@b.test" })),
      // JSON that React's decodeReply cannot turn into arguments: Next answered these 500.
      action('"just a string"', "text/plain;charset=UTF-8"),
      action('{"0":1}', "text/plain;charset=UTF-8"),
      action('["$Q1"]', "text/plain;charset=UTF-8"),
      action('[{"nested":["$1"]}]', "text/plain;charset=UTF-8"),
      action('["$"]', "text/plain;charset=UTF-8"),
      action('["$nzz"]', "text/plain;charset=UTF-8"),
      action(form({ "0": '["$K1","$Q2"]', "1_email": "a@b.test" })),
      action(form({ "0": '["$1"]', "1": '["$Q9"]' })),
    ]) {
      expect(await rejectActionRequest(request, 1024)).toMatchObject({ status: 400, message: expect.stringMatching(/^Malformed server action request/) });
    }
  });
  it("answers 413 once the body passes the limit, whatever it holds", async () => {
    expect(await rejectActionRequest(action(`"${"a".repeat(2000)}"`, "text/plain"), 1024)).toEqual({
      status: 413,
      message: "The request is too large: this app takes at most 1 KB in one request. Send less at a time.",
    });
    expect(await rejectActionRequest(action(form({ "0": "[]", file: "x".repeat(2000) })), 1024)).toMatchObject({ status: 413 });
  });
});

describe("rejectFormPost", () => {
  const post = (body: BodyInit, contentType?: string) =>
    new Request("http://app.test/login", { method: "POST", body, headers: contentType ? { "content-type": contentType } : {} });
  it("answers 400 to multipart data that does not parse, and lets other bodies through", async () => {
    expect(await rejectFormPost(post("nonsense", "multipart/form-data; boundary=xyz"), 1024)).toMatchObject({ status: 400 });
    expect(await rejectFormPost(post(form({ $ACTION_ID_7f00: "" })), 1024)).toBeUndefined();
    expect(await rejectFormPost(post("csrfToken=x", "application/x-www-form-urlencoded"), 1024)).toBeUndefined();
  });
  it("answers 413 to multipart data over the limit, even without a Content-Length", async () => {
    expect(await rejectFormPost(post(form({ file: "x".repeat(2000) })), 1024)).toMatchObject({ status: 413 });
  });
});
