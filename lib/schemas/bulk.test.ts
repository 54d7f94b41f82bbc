import { describe, expect, it } from "vitest";
import { z } from "zod/mini";
import { bulkFormValues, previewBulkSchema, startBulkJobSchema, type PreviewBulkInput } from "./bulk";

const ORG = "org_AcmeCorp00000001";
const valid: PreviewBulkInput = { orgId: ORG, list: { source: "paste", text: "ann@acme.test" }, clientId: "PortalClient", inviterName: "Ivan" };

function errors(overrides: Record<string, unknown>) {
  const result = previewBulkSchema.safeParse({ ...valid, ...overrides });
  if (result.success) throw new Error(`expected failure, got ${JSON.stringify(result.data)}`);
  return z.flattenError(result.error).fieldErrors;
}

describe("previewBulkSchema", () => {
  it("parses the list into rows, with the invite form's defaults for the settings", () => {
    expect(previewBulkSchema.parse(valid)).toEqual({
      orgId: ORG,
      list: { source: "paste", rows: [{ line: 1, email: "ann@acme.test", roleNames: [], merged: [] }] },
      clientId: "PortalClient",
      connectionId: undefined,
      roleIds: [],
      sendEmail: false,
      inviterName: "Ivan",
      ttlSeconds: 604_800,
    });
  });

  it("reads a CSV list by its header", () => {
    const data = previewBulkSchema.parse({ ...valid, list: { source: "csv", text: "Name,Email\nAnn,ann@acme.test" } });
    expect(data.list.rows).toEqual([{ line: 2, email: "ann@acme.test", name: "Ann", roleNames: [], merged: [] }]);
  });

  it("keeps rows with bad addresses: the preview, not the form, skips them", () => {
    expect(previewBulkSchema.parse({ ...valid, list: { source: "paste", text: "nope ann@acme.test" } }).list.rows.map((row) => row.email)).toEqual([
      "nope",
      "ann@acme.test",
    ]);
  });

  it("puts a list the parser refuses under `list`, next to the settings' own errors", () => {
    expect(errors({ list: { source: "csv", text: "mail\nann@acme.test" }, clientId: "", expiry: "custom", customAmount: "0" })).toEqual({
      list: [expect.stringContaining('one of them "email" (found: mail)')],
      clientId: ["Choose an application."],
    });
    expect(errors({ list: { source: "paste", text: "" } })).toEqual({ list: ["Paste at least one email address."] });
  });

  it("turns a custom expiry into seconds and refuses one over 30 days, as the invite form does", () => {
    expect(previewBulkSchema.parse({ ...valid, expiry: "custom", customAmount: "12", customUnit: "hours" }).ttlSeconds).toBe(43_200);
    expect(errors({ expiry: "custom", customAmount: "31" })).toEqual({ customAmount: ["An invitation can last at most 30 days (720 hours)."] });
  });

  it("refuses an unknown source and a role id that is not one", () => {
    expect(errors({ list: { source: "xlsx", text: "a" }, roleIds: ["Member"] })).toEqual({
      list: ["Choose a CSV file or paste addresses."],
      roleIds: ["Not a role id."],
    });
  });

  it("refuses a list over 1 MB, naming the size", () => {
    expect(errors({ list: { source: "paste", text: "a".repeat(1_048_577) } }).list).toEqual([expect.stringContaining("this one is 1,048,577 bytes")]);
  });
});

describe("bulkFormValues", () => {
  it("takes the settings from the form and the list from the file or box the form read", () => {
    const form = new FormData();
    form.set("orgId", ORG);
    form.set("clientId", "PortalClient");
    form.set("connectionId", "con_db");
    form.append("roleIds", "rol_Member");
    form.append("roleIds", "rol_Billing");
    form.set("expiry", "1d");
    form.set("sendEmail", "on");
    form.set("inviterName", "Ivan");
    form.set("file", new File(["email\nann@acme.test"], "people.csv"));
    const values = bulkFormValues(form, { source: "csv", text: "email\nann@acme.test" });
    expect(values).toEqual({
      orgId: ORG,
      list: { source: "csv", text: "email\nann@acme.test" },
      clientId: "PortalClient",
      connectionId: "con_db",
      roleIds: ["rol_Member", "rol_Billing"],
      expiry: "1d",
      customAmount: undefined,
      customUnit: "days",
      sendEmail: true,
      inviterName: "Ivan",
    });
    expect(previewBulkSchema.parse(values)).toMatchObject({ connectionId: "con_db", ttlSeconds: 86_400, sendEmail: true });
  });
});

describe("startBulkJobSchema", () => {
  it("takes an organization and a job id", () => {
    const jobId = "0b5a4d1e-2f43-4a6e-9a8e-3f1c2b7d9e10";
    expect(startBulkJobSchema.parse({ orgId: ORG, jobId })).toEqual({ orgId: ORG, jobId });
  });

  it.each(["", "job-1", "0b5a4d1e-2f43-4a6e-9a8e"])("refuses job id %j", (jobId) => {
    const result = startBulkJobSchema.safeParse({ orgId: ORG, jobId });
    expect(result.success || z.flattenError(result.error).fieldErrors).toEqual({ jobId: ["Not a bulk job id."] });
  });
});
