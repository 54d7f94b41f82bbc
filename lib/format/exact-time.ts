const utc = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });

/** "27 Nov 2026, 10:33 UTC": the same on the server and in every browser. */
export function utcText(iso: string | Date): string {
  return `${utc.format(typeof iso === "string" ? new Date(iso) : iso)} UTC`;
}

/** "27 Nov 2026, 11:33 CET": the reader's own clock, for the browser only (the server knows no time zone). */
export function localText(iso: string | Date, timeZone?: string, locale?: string): string {
  return new Intl.DateTimeFormat(locale, {
    day: "numeric",
    month: "short",
    year: "numeric",
    hour: "2-digit",
    minute: "2-digit",
    timeZoneName: "short",
    timeZone,
  }).format(typeof iso === "string" ? new Date(iso) : iso);
}
