// Where a sign-in may send the browser (only same-origin paths), and whose address the sign-in limit counts
// (X-Forwarded-For believed only from the configured proxies).
import fc from "fast-check";
import { describe, expect, it, vi } from "vitest";
import { signInLanding } from "@/lib/auth/home-path";
import { safeCallbackPath } from "@/lib/auth/safe-callback-path";
import { appendPeerAddress, clientIp } from "@/lib/auth/client-ip";
import { trustedProxies } from "@/lib/env";

vi.mock("server-only", () => ({}));
vi.mock("@/lib/db/client", () => ({ db: {} }));
const { authOptions } = await import("@/lib/auth/options");

const ORIGIN = "https://app.example.test";

describe("safeCallbackPath", () => {
  it.each([
    ["/dashboard", "/dashboard"],
    ["/drill/deals?year=2024&team=3#rows", "/drill/deals?year=2024&team=3#rows"],
    ["/a/../b c", "/b%20c"],
    // A percent-encoded tab stays encoded: a path on this site, not a host.
    ["/%09/evil.test", "/%09/evil.test"],
    [["/roster", "/dashboard"], "/roster"],
  ])("keeps %j as %j", (raw, expected) => {
    expect(safeCallbackPath(raw)).toBe(expected);
  });

  it.each([
    ["/\t/evil.test"],
    ["/\n/x"],
    ["/\r\n/x"],
    ["/\u0000/x"],
    ["//evil.test"],
    ["/\\evil.test"],
    ["\\\\evil.test"],
    ["/.//evil.test"],
    ["/..//evil.test"],
    ["https://evil.test/"],
    ["javascript:alert(1)"],
    ["evil.test"],
    [""],
    [`/${"a".repeat(2048)}`],
    [undefined],
    [42],
  ])("refuses %j", (raw) => {
    expect(safeCallbackPath(raw)).toBeNull();
  });

  it("accepts an absolute URL only on the given origin, reduced to its path", () => {
    expect(safeCallbackPath(`${ORIGIN}/deals/7?tab=notes`, ORIGIN)).toBe("/deals/7?tab=notes");
    expect(safeCallbackPath(`${ORIGIN}/deals/7`)).toBeNull();
    expect(safeCallbackPath("https://evil.test/deals/7", ORIGIN)).toBeNull();
    expect(safeCallbackPath(`${ORIGIN}.evil.test/`, ORIGIN)).toBeNull();
    expect(safeCallbackPath(`${ORIGIN}//evil.test/`, ORIGIN)).toBeNull();
  });

  it("never returns anything a browser would read as another site", () => {
    const pieces = fc.constantFrom("/", "//", "\\", "\t", "\n", ".", "..", "%09", "%2F", "evil.test", "@", ":", "?", "#", "a", " ", "http:");
    fc.assert(
      fc.property(fc.array(pieces, { maxLength: 12 }).map((parts) => parts.join("")), (raw) => {
        const path = safeCallbackPath(raw);
        if (path === null) return;
        expect(path).toMatch(/^\/(?![/\\])/);
        expect(path).not.toMatch(/[\u0000-\u001F\u007F\\]/);
        expect(new URL(path, ORIGIN).origin).toBe(ORIGIN);
      }),
      { numRuns: 2000 },
    );
  });

  it("sends a sign-in with an unusable callback to the roster", () => {
    expect(signInLanding("/\t/evil.test")).toBe("/");
    expect(signInLanding(undefined)).toBe("/");
    expect(signInLanding("/deals/7")).toBe("/deals/7");
  });

  it("is what next-auth's redirect callback applies", async () => {
    const redirect = (url: string) => authOptions.callbacks!.redirect!({ url, baseUrl: ORIGIN });
    expect(await redirect("/\t/evil.test")).toBe(`${ORIGIN}/`);
    expect(await redirect("/.//evil.test")).toBe(`${ORIGIN}/`);
    expect(await redirect("https://evil.test/")).toBe(`${ORIGIN}/`);
    expect(await redirect(`${ORIGIN}/deals/7`)).toBe(`${ORIGIN}/deals/7`);
    expect(await redirect("/roster?year=2024")).toBe(`${ORIGIN}/roster?year=2024`);
  });
});

describe("clientIp", () => {
  // What the launcher hands to Next: the client's header (if any) with the socket's address appended.
  const received = (sent: string | undefined, peer: string) => {
    const headers: Record<string, string | string[] | undefined> = sent === undefined ? {} : { "x-forwarded-for": sent };
    appendPeerAddress(headers, peer);
    return headers;
  };

  it("uses the socket's address, whatever X-Forwarded-For the client sends, when no proxy is trusted", () => {
    for (const sent of [undefined, "1.2.3.4", "1.2.3.4, 5.6.7.8", "garbage"]) {
      expect(clientIp(received(sent, "203.0.113.5"), [])).toBe("203.0.113.5");
    }
  });

  it("takes the right-most hop that is not a trusted proxy", () => {
    const proxies = trustedProxies({ TRUSTED_PROXIES: "10.0.0.0/8, 192.168.1.1" });
    // The client prepended 6.6.6.6; the proxy at 10.1.2.3 appended the address it saw, 198.51.100.7.
    expect(clientIp(received("6.6.6.6, 198.51.100.7", "10.1.2.3"), proxies)).toBe("198.51.100.7");
    expect(clientIp(received("6.6.6.6, 198.51.100.7, 192.168.1.1", "10.1.2.3"), proxies)).toBe("198.51.100.7");
    // Only proxies all the way: the farthest one is the best we know.
    expect(clientIp(received("10.0.0.9", "10.1.2.3"), proxies)).toBe("10.0.0.9");
    // Straight to the app, not through a proxy: the forwarded header is the client's own invention.
    expect(clientIp(received("6.6.6.6", "198.51.100.20"), proxies)).toBe("198.51.100.20");
  });

  it("reads IPv6, IPv4-mapped and ported forms, and stops at a hop that is not an address", () => {
    const proxies = trustedProxies({ TRUSTED_PROXIES: "127.0.0.1, ::1, 2001:db8::/32" });
    expect(clientIp(received("198.51.100.7", "::ffff:127.0.0.1"), proxies)).toBe("198.51.100.7");
    expect(clientIp(received("[2001:db9::5]:443", "::1"), proxies)).toBe("2001:db9::5");
    expect(clientIp(received("198.51.100.7:5123, 2001:db8::1", "::1"), proxies)).toBe("198.51.100.7");
    expect(clientIp(received("not-an-address", "2001:db8::1"), proxies)).toBe("2001:db8::1");
    expect(clientIp(undefined, proxies)).toBe("unknown");
  });
});

describe("TRUSTED_PROXIES", () => {
  it("is a comma list of addresses and CIDR ranges; blank means none", () => {
    expect(trustedProxies({})).toEqual([]);
    expect(trustedProxies({ TRUSTED_PROXIES: " " })).toEqual([]);
    expect(trustedProxies({ TRUSTED_PROXIES: "10.0.0.0/8, ::1,192.168.1.10" })).toEqual([
      { address: "10.0.0.0", prefix: 8, family: "ipv4" },
      { address: "::1", prefix: 128, family: "ipv6" },
      { address: "192.168.1.10", prefix: 32, family: "ipv4" },
    ]);
  });

  it.each(["10.0.0.0/33", "::1/129", "proxy.internal", "10.0.0.1/8/2", "10.0.0.1/x", "10.0.0.256"])("refuses %j, naming the variable", (value) => {
    expect(() => trustedProxies({ TRUSTED_PROXIES: value })).toThrow(/TRUSTED_PROXIES/);
  });
});
