const utc = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });

/** "27 Nov 2026, 10:33 UTC": the same on the server and in every browser. */
export function utcText(iso: string | Date): string {
  return `${utc.format(typeof iso === "string" ? new Date(iso) : iso)} UTC`;
}
