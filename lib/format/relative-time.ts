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

/**
 * What an invitation's Expires column says, following its status: a pending one expires (or is overdue), an
 * expired one expired, and one that ended otherwise (accepted, revoked, replaced…) has no expiry left to tell:
 * null, shown as "—". An expired one never says "Expires in…", even when the ledger learned of the expiry before
 * this server's clock reached it.
 */
export function expiryText(status: string, expiresAt: string, now = Date.now()): { text: string; overdue: boolean } | null {
  const past = Date.parse(expiresAt) <= now;
  if (status === "expired") return { text: past ? `Expired ${relativeTime(expiresAt, now)}` : "Expired", overdue: false };
  // A request for approval expires too, unanswered.
  if (status !== "pending" && status !== "awaiting_approval") return null;
  return { text: past ? `Expired ${relativeTime(expiresAt, now)}` : `Expires ${relativeTime(expiresAt, now)}`, overdue: past };
}
