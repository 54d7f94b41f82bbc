const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ["day", 86_400_000],
  ["hour", 3_600_000],
  ["minute", 60_000],
];

const formatter = new Intl.RelativeTimeFormat("en", { numeric: "auto" });

/** "in 7 days", "3 hours ago", "just now", "in under a minute". */
export function relativeTime(iso: string, now = Date.now()): string {
  const delta = Date.parse(iso) - now;
  for (const [unit, ms] of UNITS) {
    if (Math.abs(delta) >= ms) return formatter.format(Math.round(delta / ms), unit);
  }
  return delta > 0 ? "in under a minute" : "just now";
}

/** An invitation's expiry as a person reads it, saying plainly when it has expired. */
export function expiryText(expiresAt: string, now = Date.now()): { text: string; expired: boolean } {
  const expired = Date.parse(expiresAt) <= now;
  return { expired, text: expired ? `Expired ${relativeTime(expiresAt, now)}` : `Expires ${relativeTime(expiresAt, now)}` };
}
