import { expect, type Page } from "@playwright/test";

/**
 * An audit trail with its filters, pager and CSV download: an organization's at /orgs/{id}/activity, or
 * support's across organizations at /support/activity (which adds the organization and reason filters).
 */
export class ActivityPage {
  constructor(readonly page: Page) {}

  async open(orgId: string, query = "") {
    return this.visit(`/orgs/${orgId}/activity${query}`);
  }

  async openSupport(query = "") {
    return this.visit(`/support/activity${query}`);
  }

  private async visit(path: string) {
    const response = await this.page.goto(path);
    await expect(this.page.getByRole("region", { name: "Activity" })).toBeVisible();
    return response;
  }

  /** Fills the filter form (only the fields given) and submits it. */
  async filter(options: { actor?: string; organization?: string; reason?: string; action?: string; outcome?: string; from?: string; to?: string }) {
    const page = this.page;
    if (options.actor !== undefined) await page.getByLabel("Actor (name or email)").fill(options.actor);
    if (options.organization !== undefined) await page.getByLabel("Organization (id or name)").fill(options.organization);
    if (options.reason !== undefined) await page.getByLabel("Reason", { exact: true }).fill(options.reason);
    if (options.action !== undefined) await page.getByLabel("Action", { exact: true }).selectOption({ label: options.action });
    if (options.outcome !== undefined) await page.getByLabel("Outcome", { exact: true }).selectOption({ label: options.outcome });
    if (options.from !== undefined) await page.getByLabel("From (UTC day)").fill(options.from);
    if (options.to !== undefined) await page.getByLabel("To (UTC day, included)").fill(options.to);
    await page.getByRole("button", { name: "Filter" }).click();
    await page.waitForURL(/\/activity\?/);
    await expect(page.getByRole("region", { name: "Activity" })).toBeVisible();
  }

  get rows() {
    return this.page.getByTestId("activity-row");
  }

  /** Rows that mention this text (a unique address keeps a test to the rows it caused). */
  rowsWith(text: string) {
    return this.rows.filter({ hasText: text });
  }

  /**
   * How many times the events on this page happened: refused page views and throttled requests are one row
   * per actor, organization and minute that says how many times ("… 3 times — refused").
   */
  async occurrences(): Promise<number> {
    const rows = await this.rows.allTextContents();
    return rows.reduce((sum, row) => sum + Number(/ (\d+) times — /.exec(row)?.[1] ?? 1), 0);
  }

  get total() {
    return this.page.getByTestId("activity-total");
  }

  /** The number of events the filters match ("12 events match these filters"). */
  async count(): Promise<number> {
    return Number((await this.total.textContent())!.match(/^(\d+) events?/)![1]);
  }

  get pager() {
    return this.page.getByRole("navigation", { name: "Pages" });
  }

  /** Clicks "Download CSV" and returns the file's name and text. */
  async downloadCsv(): Promise<{ name: string; text: string }> {
    const [download] = await Promise.all([this.page.waitForEvent("download"), this.page.getByRole("link", { name: /^Download CSV/ }).click()]);
    const stream = await download.createReadStream();
    const chunks: Buffer[] = [];
    for await (const chunk of stream) chunks.push(chunk as Buffer);
    return { name: download.suggestedFilename(), text: Buffer.concat(chunks).toString("utf8") };
  }
}

/**
 * RFC 4180 records, enough for the export's tests: quoted fields may hold commas, quotes and line breaks.
 * Every CSV the app serves starts with UTF-8's byte-order mark, without which Excel reads "—" as "â€”".
 */
export function parseCsv(file: string): string[][] {
  expect(file.charCodeAt(0), "a CSV download starts with a byte-order mark").toBe(0xfeff);
  const text = file.slice(1);
  const records: string[][] = [];
  let record: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const char = text[i]!;
    if (quoted) {
      if (char === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (char === '"') quoted = false;
      else field += char;
    } else if (char === '"') quoted = true;
    else if (char === ",") {
      record.push(field);
      field = "";
    } else if (char === "\r" && text[i + 1] === "\n") {
      record.push(field);
      records.push(record);
      record = [];
      field = "";
      i++;
    } else field += char;
  }
  if (field || record.length) {
    record.push(field);
    records.push(record);
  }
  return records;
}
