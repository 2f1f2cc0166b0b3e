import { BlockList, isIP } from "node:net";
import type { IncomingHttpHeaders } from "node:http";
import { trustedProxies, type TrustedProxy } from "../env";

type Headers = Record<string, string | string[] | undefined> | undefined;

/**
 * Appends the connecting socket's address to X-Forwarded-For, as a reverse proxy would. The launcher
 * (lib/cli/start.ts) calls it on every request, so the right-most entry is always the real peer: Next itself
 * only fills the header when the client did not send one.
 */
export function appendPeerAddress(headers: IncomingHttpHeaders, peer: string | undefined): void {
  const forwarded = [headers["x-forwarded-for"]].flat().filter(Boolean).join(", ");
  headers["x-forwarded-for"] = [forwarded, peer ?? "unknown"].filter(Boolean).join(", ");
}

/**
 * The client's address: X-Forwarded-For read from the right (the peer the launcher appended first), skipping
 * the configured trusted proxies; the first hop that is not one is the client. With no TRUSTED_PROXIES that is
 * the socket's own address, whatever the client wrote. A hop that is not an address ends the walk.
 */
export function clientIp(headers: Headers, proxies: readonly TrustedProxy[] = trustedProxies()): string {
  const forwarded = [headers?.["x-forwarded-for"]].flat().filter(Boolean).join(",");
  const hops = forwarded.split(",").map(normaliseAddress).reverse();
  const trusted = blockListOf(proxies);
  let client: string | null = null;
  for (const hop of hops) {
    const version = isIP(hop);
    if (version === 0) break;
    client = hop;
    if (!trusted.check(hop, version === 4 ? "ipv4" : "ipv6")) break;
  }
  return client ?? "unknown";
}

// "[::1]:443" and "1.2.3.4:80" (some proxies add the port), "::ffff:1.2.3.4" (a dual-stack socket) → the bare address.
function normaliseAddress(raw: string): string {
  let value = raw.trim().toLowerCase();
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(value);
  if (bracketed) value = bracketed[1] ?? "";
  else if (/^[\d.]+:\d+$/.test(value)) value = value.slice(0, value.indexOf(":"));
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(value);
  return mapped?.[1] ?? value;
}

function blockListOf(proxies: readonly TrustedProxy[]): BlockList {
  const list = new BlockList();
  for (const proxy of proxies) list.addSubnet(proxy.address, proxy.prefix, proxy.family);
  return list;
}
