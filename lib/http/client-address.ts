// The address a public page's throttle counts by. Next sets X-Forwarded-For to the connection's address when
// a request arrives without one; a reverse proxy appends the address it saw (nginx
// `$proxy_add_x_forwarded_for`). The last entry is the one the nearest proxy (or Next) wrote; entries before
// it are whatever the client sent, which anyone can forge.

export function clientAddress(headers: { get(name: string): string | null }): string {
  const entries = (headers.get("x-forwarded-for") ?? "").split(",").map((entry) => entry.trim()).filter(Boolean);
  return entries.at(-1)?.slice(0, 64) || "unknown";
}
