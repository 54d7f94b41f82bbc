import { isIPv6 } from "node:net";

// The address a public page's throttle counts by. Next sets X-Forwarded-For to the connection's address only
// when a request arrives without one; each reverse proxy appends the address it saw (nginx
// `$proxy_add_x_forwarded_for`). So the entry written by the first of our own proxies, `trustedHops` from the
// end, is the client's; entries before it are whatever the client sent, which anyone can forge. An IPv6 client
// is counted by its /64, the block one host usually holds, so that it cannot take a new address per request.

export function clientAddress(headers: { get(name: string): string | null }, trustedHops = 1): string {
  const entries = (headers.get("x-forwarded-for") ?? "").split(",").map((entry) => entry.trim()).filter(Boolean);
  const address = entries.at(-Math.min(trustedHops, entries.length))?.slice(0, 64);
  if (!address) return "unknown";
  if (!isIPv6(address)) return address;
  const groups = ipv6Groups(address);
  // An IPv4 client as a dual-stack socket reports it (::ffff:192.0.2.1) is that IPv4 client.
  if (groups.slice(0, 6).join(":") === "0000:0000:0000:0000:0000:ffff") return groups.slice(6).flatMap(groupBytes).join(".");
  return `${groups.slice(0, 4).join(":")}::/64`;
}

/** The eight 16-bit groups of an IPv6 address, written out (`::` expanded, an IPv4 tail as two groups). */
function ipv6Groups(address: string): string[] {
  const [head = "", tail = ""] = address.toLowerCase().split("::");
  const part = (text: string) =>
    text
      .split(":")
      .filter(Boolean)
      .flatMap((group) => (group.includes(".") ? ipv4Groups(group) : [group.padStart(4, "0")]));
  const left = part(head);
  const right = address.includes("::") ? part(tail) : [];
  return [...left, ...Array<string>(8 - left.length - right.length).fill("0000"), ...right];
}

const groupBytes = (group: string) => [parseInt(group.slice(0, 2), 16), parseInt(group.slice(2), 16)];

const ipv4Groups = (dotted: string) => {
  const [a = 0, b = 0, c = 0, d = 0] = dotted.split(".").map(Number);
  return [((a << 8) | b).toString(16).padStart(4, "0"), ((c << 8) | d).toString(16).padStart(4, "0")];
};
