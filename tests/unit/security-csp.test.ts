import { describe, expect, it } from "vitest";
import { contentSecurityPolicy, createNonce } from "@/lib/http/content-security-policy";

const directives = (policy: string) => Object.fromEntries(policy.split("; ").map((d) => [d.split(" ")[0], d.split(" ").slice(1).join(" ")]));

describe("contentSecurityPolicy", () => {
  it("runs only scripts carrying this response's nonce, and never eval in production", () => {
    const policy = directives(contentSecurityPolicy({ nonce: "abc", dev: false, https: false }));
    expect(policy["script-src"]).toBe("'self' 'nonce-abc' 'strict-dynamic'");
    expect(policy["frame-ancestors"]).toBe("'none'");
    expect(policy["object-src"]).toBe("'none'");
    expect(policy["base-uri"]).toBe("'self'");
    expect(policy["form-action"]).toBe("'self'");
    expect(Object.keys(policy)).not.toContain("upgrade-insecure-requests");
  });

  it("allows eval and the dev server's websocket only in development", () => {
    const policy = directives(contentSecurityPolicy({ nonce: "abc", dev: true, https: false }));
    expect(policy["script-src"]).toContain("'unsafe-eval'");
    expect(policy["connect-src"]).toBe("'self' ws:");
  });

  it("upgrades subresources only over https", () => {
    expect(contentSecurityPolicy({ nonce: "abc", dev: false, https: true })).toMatch(/; upgrade-insecure-requests$/);
  });
});

describe("createNonce", () => {
  it("is 128 random bits in base64, new every time", () => {
    const nonces = new Set(Array.from({ length: 100 }, createNonce));
    expect(nonces.size).toBe(100);
    for (const nonce of nonces) expect(nonce).toMatch(/^[A-Za-z0-9+/]{22}==$/);
  });
});
