import "server-only";
import { lookup as dnsLookup, type LookupAddress } from "node:dns";
import { BlockList, isIP, type LookupFunction } from "node:net";

// The SSRF guard. Endpoints are the operator's, but a signed request to an internal address (loopback, a
// private network, the cloud metadata service at 169.254.169.254) is how a server is made to reach what it
// should not. Checked at delivery time, against the address the connection is actually made to, so a name
// that later resolves elsewhere (DNS rebinding) is refused too. WEBHOOK_ALLOW_PRIVATE turns it off.

const internal = new BlockList();
for (const [network, prefix] of [
  ["0.0.0.0", 8], // "this network"
  ["10.0.0.0", 8], // RFC 1918
  ["100.64.0.0", 10], // carrier-grade NAT (RFC 6598)
  ["127.0.0.0", 8], // loopback
  ["169.254.0.0", 16], // link-local, with the metadata service
  ["172.16.0.0", 12], // RFC 1918
  ["192.168.0.0", 16], // RFC 1918
  ["224.0.0.0", 4], // multicast
  ["240.0.0.0", 4], // reserved, with the broadcast address
] as const) {
  internal.addSubnet(network, prefix, "ipv4");
}
for (const [network, prefix] of [
  ["::", 96], // unspecified, loopback and the deprecated IPv4-compatible forms (::127.0.0.1)
  ["fc00::", 7], // unique local
  ["fe80::", 10], // link-local
  ["ff00::", 8], // multicast
] as const) {
  internal.addSubnet(network, prefix, "ipv6");
}

const IPV4_MAPPED = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i;

/** Whether an IP address is loopback, link-local, private or otherwise not on the public internet. */
export function isInternalAddress(address: string): boolean {
  const mapped = IPV4_MAPPED.exec(address);
  if (mapped) return internal.check(mapped[1], "ipv4");
  const family = isIP(address);
  if (family === 0) return true;
  return internal.check(address, family === 4 ? "ipv4" : "ipv6");
}

export class RefusedAddressError extends Error {
  constructor(host: string, address: string) {
    super(`Refused: ${host} is at ${address}, an internal address. Set WEBHOOK_ALLOW_PRIVATE=true only if this endpoint is meant to be internal.`);
    this.name = "RefusedAddressError";
  }
}

/** The host part of a URL as a connection sees it (an IPv6 literal without its brackets). */
export function urlHost(url: URL): string {
  return url.hostname.replace(/^\[(.*)\]$/, "$1");
}

/**
 * The URL's host when it is itself an internal IP address. The URL parser has already normalised odd forms
 * (http://2130706433/, http://0x7f.1/ and http://[::ffff:127.0.0.1]/ all have a host of 127.0.0.1 or ::ffff:7f00:1),
 * and the block list matches IPv4-mapped IPv6 addresses against its IPv4 ranges.
 */
export function internalLiteral(url: URL): string | undefined {
  const host = urlHost(url);
  return isIP(host) !== 0 && isInternalAddress(host) ? host : undefined;
}

/** Refuses a URL whose host is itself an internal IP address (a connection to a literal address skips the lookup). */
export function refuseInternalLiteral(url: URL): void {
  const host = internalLiteral(url);
  if (host) throw new RefusedAddressError(host, host);
}

/** A DNS lookup for http.request that fails when any address the name resolves to is internal. */
export const publicOnlyLookup: LookupFunction = (hostname, options, callback) => {
  dnsLookup(hostname, { ...options, all: true }, (error, addresses: LookupAddress[]) => {
    if (error) return callback(error, "", 0);
    const refused = addresses.find((entry) => isInternalAddress(entry.address));
    if (refused) return callback(new RefusedAddressError(hostname, refused.address), "", 0);
    if (options.all) return (callback as unknown as (error: null, addresses: LookupAddress[]) => void)(null, addresses);
    callback(null, addresses[0].address, addresses[0].family);
  });
};
